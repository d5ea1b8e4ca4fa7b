#include "imap/message/fetch.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>

#include "imap/message/calendar.hpp"
#include "mime/decode.hpp"
#include "mime/header.hpp"
#include "mime/imap_string.hpp"

namespace kurir::imap::message {
namespace {

using Kind = FetchItem::Kind;

bool is_multipart(const mime::Part& p) {
  return p.type == "multipart" && !p.children.empty();
}

// message/rfc822 (and message/global, RFC 6532) parsed in place: its one
// child is the encapsulated message's root.
bool is_encapsulating(const mime::Part& p) {
  return p.type == "message" && p.children.size() == 1;
}

// RFC 9051 6.4.5 part numbers: "Every message has at least one part number.
// Non-[MIME-IMB] messages, and non-multipart [MIME-IMB] messages with no
// encapsulated message, only have a part 1. Multipart messages are assigned
// consecutive part numbers ... A part of type MESSAGE/RFC822 also has nested
// part numbers, referring to parts of the MESSAGE part's body."
// Returns the index of the part `path` names; nullopt when there is none.
// An empty path names the whole message (index 0).
std::optional<std::uint32_t> resolve_part(const mime::ParsedMessage& m,
                                          const std::vector<std::uint32_t>& path) {
  if (m.parts.empty()) return std::nullopt;
  std::uint32_t cur = 0;
  bool message_root = true;  // `cur` is a message whose parts the next number counts
  for (const std::uint32_t n : path) {
    const mime::Part* p = &m.parts[cur];
    if (!message_root) {
      if (is_encapsulating(*p)) {  // numbers below a message/rfc822 part count its message's parts
        cur = p->children[0];
        p = &m.parts[cur];
      } else if (!is_multipart(*p)) {
        return std::nullopt;  // a leaf has no sub-parts
      }
    }
    if (is_multipart(*p)) {
      if (n == 0 || n > p->children.size()) return std::nullopt;
      cur = p->children[n - 1];
    } else if (n != 1) {  // a non-multipart message's body is its part 1 (and only part)
      return std::nullopt;
    }
    message_root = false;
    if (cur >= m.parts.size()) return std::nullopt;
  }
  return cur;
}

// What one body item answers: NIL, a range of the content, or owned bytes.
struct ItemBytes {
  enum class Kind : std::uint8_t { nil, range, owned };
  Kind kind = Kind::nil;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  std::string owned;
};

ItemBytes range_of(std::string_view content, std::uint64_t begin, std::uint64_t end) {
  if (begin > end || end > content.size()) return {};  // a parse that does not fit the bytes
  return ItemBytes{ItemBytes::Kind::range, begin, end, {}};
}

// The end of the header field that starts at `offset`: past its line ending
// and every continuation line (RFC 5322 2.2.3), no further than `limit`.
std::uint64_t field_end(std::string_view content, std::uint64_t offset, std::uint64_t limit) {
  std::uint64_t pos = offset;
  for (;;) {
    const std::size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos || nl + 1 >= limit) return limit;
    pos = nl + 1;
    if (content[pos] != ' ' && content[pos] != '\t') return pos;
  }
}

// RFC 9051 6.4.5 HEADER.FIELDS / HEADER.FIELDS.NOT: "a subset of the header
// ... The field-matching is case-insensitive but otherwise exact.
// Subsetting does not exclude the [RFC5322] delimiting blank line".
std::string select_fields(std::string_view content, const mime::Part& root,
                          const std::vector<std::string>& names, bool exclude) {
  std::string out;
  const mime::HeaderBlock block = mime::split_header(content, root.header_begin, root.body_begin);
  for (const mime::HeaderField& f : block.fields) {
    bool listed = false;
    for (const std::string& name : names) listed = listed || mime::iequals(f.name, name);
    if (listed == exclude) continue;
    const std::uint64_t end = field_end(content, f.offset, root.body_begin);
    std::string_view raw = content.substr(f.offset, end - f.offset);
    out.append(raw);
    if (raw.empty() || raw.back() != '\n') out.append("\r\n");
  }
  out.append("\r\n");
  return out;
}

// The bytes of BODY[section] (RFC 9051 6.4.5).
ItemBytes section_bytes(std::string_view content, const mime::ParsedMessage& m, const Section& section) {
  const std::optional<std::uint32_t> found = resolve_part(m, section.part);
  if (!found) return {};
  const mime::Part& p = m.parts[*found];
  using Text = Section::Text;
  switch (section.text) {
    case Text::none:
      // An empty section is the whole message, header included.
      if (section.part.empty()) return range_of(content, 0, content.size());
      return range_of(content, p.body_begin, p.body_end);
    case Text::mime:
      // "MIME part specifier refers to the [MIME-IMB] header for this part";
      // it needs a part number (the parser refuses a bare MIME).
      return range_of(content, p.header_begin, p.body_begin);
    case Text::header:
    case Text::header_fields:
    case Text::header_fields_not:
    case Text::text: {
      // "The HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, and TEXT part
      // specifiers can be the sole part specifier or can be prefixed by one
      // or more numeric part specifiers, provided that the numeric part
      // specifier refers to a part of type MESSAGE/RFC822."
      std::uint32_t root = 0;
      if (!section.part.empty()) {
        if (!is_encapsulating(p)) return {};
        root = p.children[0];
      }
      const mime::Part& r = m.parts[root];
      if (r.header_begin > r.body_begin || r.body_end > content.size()) return {};
      if (section.text == Text::header) return range_of(content, r.header_begin, r.body_begin);
      if (section.text == Text::text) return range_of(content, r.body_begin, r.body_end);
      return ItemBytes{ItemBytes::Kind::owned, 0, 0,
                       select_fields(content, r, section.fields, section.text == Text::header_fields_not)};
    }
  }
  return {};
}

bool identity_encoding(std::string_view e) {
  return e.empty() || mime::iequals(e, "7BIT") || mime::iequals(e, "8BIT") || mime::iequals(e, "BINARY");
}

bool decodable_encoding(std::string_view e) {
  return mime::iequals(e, "BASE64") || mime::iequals(e, "QUOTED-PRINTABLE") ||
         mime::iequals(e, "X-UUENCODE") || mime::iequals(e, "UUENCODE") || mime::iequals(e, "X-UUE");
}

Error unknown_cte(std::string_view encoding) {
  return make_error(Errc::invalid_argument, "unknown Content-Transfer-Encoding " + std::string(encoding));
}

// The part BINARY[section] answers, and whether its body is sent as stored.
// RFC 2045 6.4: multipart and message parts may only be 7bit, 8bit or
// binary, so their "decoding" is the identity.
struct BinaryPart {
  const mime::Part* part = nullptr;  // null: the whole message
  bool identity = true;
};

Result<std::optional<BinaryPart>> binary_part(const mime::ParsedMessage& m, const Section& section) {
  if (section.part.empty()) return std::optional<BinaryPart>(BinaryPart{});
  const std::optional<std::uint32_t> found = resolve_part(m, section.part);
  if (!found) return std::optional<BinaryPart>();
  const mime::Part& p = m.parts[*found];
  if (!p.children.empty() || identity_encoding(p.encoding))
    return std::optional<BinaryPart>(BinaryPart{&p, true});
  // RFC 3516 4.2 / RFC 9051 6.4.5: "If the server does not know how to
  // decode the section's CTE, it MUST fail the request and issue a NO
  // response that contains the UNKNOWN-CTE response code."
  if (!decodable_encoding(p.encoding)) return unknown_cte(p.encoding);
  return std::optional<BinaryPart>(BinaryPart{&p, false});
}

// Applies <offset.length> to the item's bytes (RFC 9051 6.4.5: "If the
// origin octet is beyond the end of the text, an empty string is returned").
void apply_partial(ItemBytes& b, const std::optional<Partial>& partial) {
  if (!partial) return;
  if (b.kind == ItemBytes::Kind::range) {
    const std::uint64_t size = b.end - b.begin;
    const std::uint64_t off = std::min(partial->offset, size);
    b.begin += off;
    b.end = b.begin + std::min(partial->length, size - off);
  } else if (b.kind == ItemBytes::Kind::owned) {
    const std::uint64_t off = std::min<std::uint64_t>(partial->offset, b.owned.size());
    b.owned = b.owned.substr(off, std::min<std::uint64_t>(partial->length, b.owned.size() - off));
  }
}

// Builds the response, keeping content ranges as pieces of their own.
class Writer {
 public:
  std::string& text() { return cur_.text; }

  void content_range(std::uint64_t begin, std::uint64_t end) {
    cur_.content_offset = begin;
    cur_.content_length = end - begin;
    out_.pieces.push_back(std::move(cur_));
    cur_ = FetchResponse::Piece{};
  }

  // An nstring / literal / literal8 value (RFC 9051 4.3, RFC 3516 4.3).
  void value(const ItemBytes& b, std::string_view content, bool binary) {
    if (b.kind == ItemBytes::Kind::nil) {
      mime::append_nil(cur_.text);
      return;
    }
    const std::string_view data = b.kind == ItemBytes::Kind::owned ? std::string_view(b.owned)
                                                                   : content.substr(b.begin, b.end - b.begin);
    if (data.empty()) {
      cur_.text.append("\"\"");
      return;
    }
    // RFC 3516 4.3: literal8 when the decoded data holds NUL; else a string.
    // XXX RFC 9051 4.3: BODY[...] data is sent as stored, NUL included,
    // though a literal's CHAR8 excludes it: only BINARY can say so.
    const bool has_nul = binary && std::memchr(data.data(), 0, data.size()) != nullptr;
    cur_.text.append(has_nul ? "~{" : "{");
    mime::append_number(cur_.text, data.size());
    cur_.text.append("}\r\n");
    if (b.kind == ItemBytes::Kind::owned) {
      cur_.text.append(b.owned);
    } else {
      content_range(b.begin, b.end);
    }
  }

  FetchResponse finish() {
    out_.pieces.push_back(std::move(cur_));
    return std::move(out_);
  }

 private:
  FetchResponse out_;
  FetchResponse::Piece cur_;
};

// RFC 9051 9: an astring as the client may have written a header-fld-name.
bool atom(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || std::strchr("(){%*\"\\]", c) != nullptr) return false;
  }
  return true;
}

// "1.2.HEADER.FIELDS (From To)" as RFC 9051 7.5.2 echoes the section.
void append_section(std::string& out, const Section& s) {
  out.push_back('[');
  for (std::size_t i = 0; i < s.part.size(); ++i) {
    if (i > 0) out.push_back('.');
    mime::append_number(out, s.part[i]);
  }
  using Text = Section::Text;
  const char* spec = nullptr;
  switch (s.text) {
    case Text::none:
      break;
    case Text::header:
      spec = "HEADER";
      break;
    case Text::header_fields:
      spec = "HEADER.FIELDS";
      break;
    case Text::header_fields_not:
      spec = "HEADER.FIELDS.NOT";
      break;
    case Text::text:
      spec = "TEXT";
      break;
    case Text::mime:
      spec = "MIME";
      break;
  }
  if (spec != nullptr) {
    if (!s.part.empty()) out.push_back('.');
    out.append(spec);
  }
  if (s.text == Text::header_fields || s.text == Text::header_fields_not) {
    out.append(" (");
    for (std::size_t i = 0; i < s.fields.size(); ++i) {
      if (i > 0) out.push_back(' ');
      if (atom(s.fields[i])) {
        out.append(s.fields[i]);
      } else {
        mime::append_string(out, s.fields[i]);
      }
    }
    out.push_back(')');
  }
  out.push_back(']');
}

void append_partial_origin(std::string& out, const std::optional<Partial>& partial) {
  if (!partial) return;
  // RFC 9051 7.5.2: "BODY[<section>]<<origin octet>>" (the length is not echoed).
  out.push_back('<');
  mime::append_number(out, partial->offset);
  out.push_back('>');
}

void append_flags(std::string& out, const store::Flags& flags) {
  out.push_back('(');
  bool first = true;
  const auto add = [&](std::string_view f) {
    if (!first) out.push_back(' ');
    first = false;
    out.append(f);
  };
  if (flags.system & store::kAnswered) add("\\Answered");
  if (flags.system & store::kFlagged) add("\\Flagged");
  if (flags.system & store::kDeleted) add("\\Deleted");
  if (flags.system & store::kSeen) add("\\Seen");
  if (flags.system & store::kDraft) add("\\Draft");
  for (const std::string& k : flags.keywords) add(k);
  out.push_back(')');
}

Status render_item(Writer& w, const FetchInput& in, const FetchItem& item) {
  const store::MessageMeta& meta = *in.meta;
  const mime::ParsedMessage* m = in.structure;
  std::string& t = w.text();
  switch (item.kind) {
    case Kind::envelope:
      t.append("ENVELOPE ").append(m->envelope);
      break;
    case Kind::flags:
      t.append("FLAGS ");
      append_flags(t, meta.flags);
      break;
    case Kind::internaldate:
      t.append("INTERNALDATE ").append(format_internal_date(meta.internal_date));
      break;
    case Kind::rfc822_size:
      t.append("RFC822.SIZE ");
      mime::append_number(t, meta.size);
      break;
    case Kind::rfc822:  // RFC 3501 6.4.5: BODY[], answered as RFC822
      t.append("RFC822 ");
      w.value(range_of(in.content, 0, in.content.size()), in.content, false);
      break;
    case Kind::rfc822_header: {  // BODY.PEEK[HEADER], answered as RFC822.HEADER
      t.append("RFC822.HEADER ");
      Section s;
      s.text = Section::Text::header;
      w.value(section_bytes(in.content, *m, s), in.content, false);
      break;
    }
    case Kind::rfc822_text: {  // BODY[TEXT], answered as RFC822.TEXT
      t.append("RFC822.TEXT ");
      Section s;
      s.text = Section::Text::text;
      w.value(section_bytes(in.content, *m, s), in.content, false);
      break;
    }
    case Kind::body:
      t.append("BODY ").append(m->body);
      break;
    case Kind::bodystructure:
      t.append("BODYSTRUCTURE ").append(m->bodystructure);
      break;
    case Kind::body_section: {
      // RFC 9051 7.5.2: BODY.PEEK[...] is answered as BODY[...].
      t.append("BODY");
      append_section(t, item.section);
      append_partial_origin(t, item.partial);
      t.push_back(' ');
      ItemBytes b = section_bytes(in.content, *m, item.section);
      apply_partial(b, item.partial);
      w.value(b, in.content, false);
      break;
    }
    case Kind::binary: {
      Result<std::optional<BinaryPart>> found = binary_part(*m, item.section);
      if (!found) return found.error();
      // RFC 3516 4.3: "BINARY[<section-binary>]<<number>>", the origin
      // echoed as for BODY (XXX RFC 9051 erratum 7246 reads the ABNF as
      // forbidding it; Dovecot and the prose keep it).
      t.append("BINARY");
      append_section(t, item.section);
      append_partial_origin(t, item.partial);
      t.push_back(' ');
      ItemBytes b;
      if (!*found) {
        // nonexistent part: NIL
      } else if ((*found)->part == nullptr) {
        // XXX RFC 3516 4.2: BINARY[] sends the message as stored; its
        // parts keep their encodings (the RFC leaves the whole-message case open).
        b = range_of(in.content, 0, in.content.size());
      } else if ((*found)->identity) {
        b = range_of(in.content, (*found)->part->body_begin, (*found)->part->body_end);
      } else {
        const mime::Part& p = *(*found)->part;
        if (p.body_end > in.content.size() || p.body_begin > p.body_end) {
          b = {};
        } else {
          // Decode only as far as the partial reaches.
          std::size_t max_out = SIZE_MAX;
          if (item.partial) {
            const std::uint64_t end = item.partial->length > UINT64_MAX - item.partial->offset
                                          ? UINT64_MAX
                                          : item.partial->offset + item.partial->length;
            max_out = static_cast<std::size_t>(std::min<std::uint64_t>(end, SIZE_MAX));
          }
          b.kind = ItemBytes::Kind::owned;
          mime::decode_transfer(in.content.substr(p.body_begin, p.body_end - p.body_begin), p.encoding,
                                &b.owned, max_out);
        }
      }
      apply_partial(b, item.partial);
      w.value(b, in.content, true);
      break;
    }
    case Kind::binary_size: {
      Result<std::optional<BinaryPart>> found = binary_part(*m, item.section);
      if (!found) return found.error();
      t.append("BINARY.SIZE");
      append_section(t, item.section);
      t.push_back(' ');
      std::uint64_t size = 0;  // a nonexistent part: 0 (the ABNF allows only a number)
      if (*found) {
        const mime::Part* p = (*found)->part;
        if (p == nullptr) {
          size = meta.size;
        } else if (!p->children.empty()) {
          size = p->body_end - p->body_begin;
        } else {
          size = p->decoded_size;  // RFC 3516 4.2: the size after decoding, computed at delivery
        }
      }
      mime::append_number(t, size);
      break;
    }
    case Kind::uid:
      t.append("UID ");
      mime::append_number(t, meta.uid);
      break;
    case Kind::modseq:  // RFC 7162 3.1.4.1: "MODSEQ (" mod-sequence-value ")"
      t.append("MODSEQ (");
      mime::append_number(t, meta.modseq);
      t.push_back(')');
      break;
    case Kind::savedate:  // RFC 8514 4: NIL when the server does not keep it
      t.append("SAVEDATE NIL");
      break;
    case Kind::emailid:  // RFC 8474 5.1: copies of one message share it, as they share the content
      t.append("EMAILID (M");
      mime::append_number(t, static_cast<std::uint64_t>(meta.content_id));
      t.push_back(')');
      break;
    case Kind::threadid:  // RFC 8474 5.2: NIL when the server does not thread the message
      if (meta.thread_id > 0) {
        t.append("THREADID (T");
        mime::append_number(t, static_cast<std::uint64_t>(meta.thread_id));
        t.push_back(')');
      } else {
        t.append("THREADID NIL");
      }
      break;
  }
  return {};
}

}  // namespace

FetchNeeds fetch_needs(std::span<const FetchItem> items) {
  FetchNeeds needs;
  for (const FetchItem& item : items) {
    switch (item.kind) {
      case Kind::envelope:
      case Kind::body:
      case Kind::bodystructure:
      case Kind::binary_size:
        needs.structure = true;
        break;
      case Kind::rfc822:
      case Kind::rfc822_header:
      case Kind::rfc822_text:
      case Kind::body_section:
      case Kind::binary:
        needs.structure = true;
        needs.content = true;
        break;
      case Kind::flags:
      case Kind::internaldate:
      case Kind::rfc822_size:
      case Kind::uid:
      case Kind::modseq:
      case Kind::savedate:
      case Kind::emailid:
      case Kind::threadid:
        break;
    }
  }
  return needs;
}

bool fetch_sets_seen(std::span<const FetchItem> items) {
  for (const FetchItem& item : items) {
    // RFC 9051 6.4.5: BODY[...] and BINARY[...] "The \Seen flag is implicitly
    // set"; RFC 3501 6.4.5: RFC822 and RFC822.TEXT too (RFC822.HEADER is PEEK).
    if ((item.kind == Kind::body_section || item.kind == Kind::binary) && !item.peek) return true;
    if (item.kind == Kind::rfc822 || item.kind == Kind::rfc822_text) return true;
  }
  return false;
}

std::uint64_t FetchResponse::size() const {
  std::uint64_t n = 0;
  for (const Piece& p : pieces) n += p.text.size() + p.content_length;
  return n;
}

void FetchResponse::append_to(std::string& out, std::string_view content) const {
  for (const Piece& p : pieces) {
    out.append(p.text);
    if (p.content_length > 0) out.append(content.substr(p.content_offset, p.content_length));
  }
}

Result<FetchResponse> render_fetch(const FetchInput& input, std::span<const FetchItem> items) {
  Writer w;
  w.text().push_back('(');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) w.text().push_back(' ');
    if (Status s = render_item(w, input, items[i]); !s) return s.error();
  }
  w.text().push_back(')');
  return w.finish();
}

std::string format_internal_date(std::int64_t seconds) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::int64_t day = utc_day(seconds);
  const CivilDate d = civil_from_days(day);
  const std::int64_t in_day = seconds - day * 86400;
  // RFC 9051 9: date-time = DQUOTE date-day-fixed "-" date-month "-"
  // date-year SP time SP zone DQUOTE; date-day-fixed = (SP DIGIT) / 2DIGIT.
  char buf[96];
  std::snprintf(buf, sizeof buf, "\"%2u-%s-%04lld %02lld:%02lld:%02lld +0000\"", d.day, kMonths[d.month - 1],
                static_cast<long long>(d.year), static_cast<long long>(in_day / 3600),
                static_cast<long long>(in_day / 60 % 60), static_cast<long long>(in_day % 60));
  return buf;
}

}  // namespace kurir::imap::message
