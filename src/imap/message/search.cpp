#include "imap/message/search.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "imap/message/calendar.hpp"
#include "imap/message/envelope_fields.hpp"
#include "imap/message/sequence_set.hpp"
#include "imap/message/text_fold.hpp"
#include "mime/decode.hpp"
#include "mime/header.hpp"
#include "mime/imap_string.hpp"

namespace kurir::imap::message {
namespace {

using Kind = SearchKey::Kind;

bool has_modseq_key(std::span<const SearchKey> keys) {
  for (const SearchKey& k : keys) {
    if (k.kind == Kind::modseq || has_modseq_key(k.children)) return true;
  }
  return false;
}

// The index holds words: a string without a letter or digit (any non-ASCII
// byte counts) cannot be looked up there, so such a key scans instead.
bool has_word(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z');
  });
}

bool has_keyword(const store::Flags& flags, std::string_view keyword) {
  // RFC 9051 2.3.2: flags are matched case-insensitively.
  return std::any_of(flags.keywords.begin(), flags.keywords.end(),
                     [&](const std::string& k) { return mime::iequals(k, keyword); });
}

// Evaluates a program over one message at a time, loading the parse and the
// bytes of that message only when a key needs them, once each.
class Evaluator {
 public:
  Evaluator(const SearchContext& context, MessageSource& source) : ctx_(context), source_(source) {
    if (!ctx_.messages.empty()) largest_uid_ = ctx_.messages.back().uid;  // snapshot is in UID order
    saved_.insert(ctx_.saved.begin(), ctx_.saved.end());
  }

  // Asks the full-text index once per BODY/TEXT key of the program.
  Status prepare(std::span<const SearchKey> keys) {
    for (const SearchKey& k : keys) {
      if ((k.kind == Kind::body || k.kind == Kind::text) && has_word(k.text) && !full_text_.contains(&k)) {
        Result<std::vector<store::Uid>> uids = source_.full_text(k.text);
        if (uids) {
          full_text_[&k] = std::unordered_set<store::Uid>(uids->begin(), uids->end());
        } else if (uids.error().code == Errc::unavailable) {
          full_text_[&k] = std::nullopt;  // no index: scan every message's text
        } else {
          return uids.error();
        }
      }
      if (Status s = prepare(k.children); !s) return s;
    }
    return {};
  }

  void select(std::size_t index) {
    index_ = index;
    parsed_ = nullptr;
    content_loaded_ = false;
    header_.reset();
  }

  Result<bool> all_match(std::span<const SearchKey> keys) {
    for (const SearchKey& k : keys) {  // RFC 9051 6.4.4: keys are ANDed
      Result<bool> r = match(k);
      if (!r || !*r) return r;
    }
    return true;
  }

 private:
  const store::MessageMeta& meta() const { return ctx_.messages[index_]; }

  bool recent(store::Uid uid) const {
    return std::binary_search(ctx_.recent.begin(), ctx_.recent.end(), uid);
  }

  Result<const mime::ParsedMessage*> parsed() {
    if (parsed_ == nullptr) {
      Result<const mime::ParsedMessage*> p = source_.structure(index_);
      if (!p) return p.error();
      parsed_ = *p;
    }
    return parsed_;
  }

  Result<std::string_view> bytes() {
    if (!content_loaded_) {
      Result<std::string_view> c = source_.content(index_);
      if (!c) return c.error();
      content_ = *c;
      content_loaded_ = true;
    }
    return content_;
  }

  // The top-level header's fields, from the message bytes.
  Result<const std::vector<mime::HeaderField>*> header() {
    if (!header_) {
      Result<const mime::ParsedMessage*> p = parsed();
      if (!p) return p.error();
      Result<std::string_view> c = bytes();
      if (!c) return c.error();
      const std::uint64_t end =
          (*p)->parts.empty() ? c->size() : std::min<std::uint64_t>((*p)->parts[0].body_begin, c->size());
      header_ = mime::split_header(*c, 0, end).fields;
    }
    return &*header_;
  }

  static bool value_contains(const mime::HeaderField& f, std::string_view text) {
    const std::string value = mime::unfold(f.value);
    return contains_folded(mime::decode_header_text(value), text) || contains_folded(value, text);
  }

  // RFC 9051 6.4.4 HEADER: "contains the specified string in the text of the
  // header (what comes after the colon). If the string to search is
  // zero-length, this matches all messages that have a header line with the
  // specified field-name regardless of the contents."
  Result<bool> header_matches(std::string_view name, std::string_view text) {
    Result<const std::vector<mime::HeaderField>*> fields = header();
    if (!fields) return fields.error();
    for (const mime::HeaderField& f : **fields) {
      if (!mime::iequals(f.name, name)) continue;
      if (text.empty() || value_contains(f, text)) return true;
    }
    return false;
  }

  // TEXT's header half: "the header (including MIME header fields)": the
  // top-level header, each part's MIME header and each encapsulated
  // message's header.
  Result<bool> any_header_contains(std::string_view text) {
    Result<const std::vector<mime::HeaderField>*> top = header();
    if (!top) return top.error();
    for (const mime::HeaderField& f : **top) {
      if (value_contains(f, text)) return true;
    }
    const mime::ParsedMessage& m = *parsed_;
    for (std::size_t i = 1; i < m.parts.size(); ++i) {
      const mime::Part& part = m.parts[i];
      if (part.header_begin > part.body_begin || part.body_begin > content_.size()) continue;
      for (const mime::HeaderField& f :
           mime::split_header(content_, part.header_begin, part.body_begin).fields) {
        if (value_contains(f, text)) return true;
      }
    }
    return false;
  }

  // BODY and TEXT: the full-text index narrows, the decoded text confirms.
  // XXX RFC 9051 6.4.4: with an index, a string that starts inside a word
  // ("ello" for "hello") is not found, nor a TEXT string only in a header
  // field the index does not hold (it holds subject and addresses): the
  // index matches words and word prefixes, and reading every message's
  // bytes instead would not scale.
  bool excluded_by_index(const SearchKey& k) const {
    const auto it = full_text_.find(&k);
    return it != full_text_.end() && it->second && !it->second->contains(meta().uid);
  }

  Result<bool> body_matches(const SearchKey& k) {
    Result<const mime::ParsedMessage*> p = parsed();
    if (!p) return p.error();
    return contains_folded((*p)->search_text, k.text);
  }

  // RFC 9051 6.4.4 BCC/CC/FROM/TO: "the envelope structure's ... field";
  // decoded so a search for a display name in any charset finds it.
  Result<bool> address_matches(Kind kind, std::string_view text) {
    Result<const mime::ParsedMessage*> p = parsed();
    if (!p) return p.error();
    const mime::ParsedMessage& m = **p;
    switch (kind) {
      case Kind::from:
        return contains_folded(m.from, text);
      case Kind::to:
        return contains_folded(m.to, text);
      case Kind::cc:
        return contains_folded(m.cc, text);
      default:
        break;
    }
    std::string bcc;
    for (const EnvelopeAddress& a : envelope_addresses(m.envelope, EnvelopeField::bcc)) {
      bcc.append(mime::decode_phrase(a.name))
          .append(" <")
          .append(a.mailbox)
          .append("@")
          .append(a.host)
          .append(">, ");
    }
    return contains_folded(bcc, text);
  }

  // SENTBEFORE/SENTON/SENTSINCE: "[RFC5322] Date: header (disregarding time
  // and timezone)": the day as the sender wrote it, read from the ENVELOPE's
  // date; the UTC day of the parsed date when that cannot be read. A message
  // without a usable Date: matches none of them.
  Result<bool> sent_matches(Kind kind, std::int64_t day) {
    Result<const mime::ParsedMessage*> p = parsed();
    if (!p) return p.error();
    std::optional<std::int64_t> sent = written_day(envelope_date((*p)->envelope));
    if (!sent && (*p)->date != 0) sent = utc_day((*p)->date);
    if (!sent) return false;
    if (kind == Kind::sentbefore) return *sent < day;
    if (kind == Kind::senton) return *sent == day;
    return *sent >= day;
  }

  Result<bool> match(const SearchKey& k) {
    const store::MessageMeta& m = meta();
    const std::uint8_t sys = m.flags.system;
    switch (k.kind) {
      case Kind::all:
        return true;
      case Kind::and_:
        return all_match(k.children);
      case Kind::not_: {
        if (k.children.empty()) return true;
        Result<bool> r = match(k.children[0]);
        if (!r) return r;
        return !*r;
      }
      case Kind::or_: {
        for (const SearchKey& c : k.children) {
          Result<bool> r = match(c);
          if (!r || *r) return r;
        }
        return false;
      }
      case Kind::sequence_set:
        // RFC 5182 2.1: "$" is the saved result.
        if (k.set.saved) return saved_.contains(m.uid);
        return sequence_set_contains(k.set, static_cast<std::uint32_t>(index_ + 1),
                                     static_cast<std::uint32_t>(ctx_.messages.size()));
      case Kind::uid:
        if (k.set.saved) return saved_.contains(m.uid);
        return sequence_set_contains(k.set, m.uid, largest_uid_);
      case Kind::answered:
        return (sys & store::kAnswered) != 0;
      case Kind::deleted:
        return (sys & store::kDeleted) != 0;
      case Kind::draft:
        return (sys & store::kDraft) != 0;
      case Kind::flagged:
        return (sys & store::kFlagged) != 0;
      case Kind::seen:
        return (sys & store::kSeen) != 0;
      case Kind::unanswered:
        return (sys & store::kAnswered) == 0;
      case Kind::undeleted:
        return (sys & store::kDeleted) == 0;
      case Kind::undraft:
        return (sys & store::kDraft) == 0;
      case Kind::unflagged:
        return (sys & store::kFlagged) == 0;
      case Kind::unseen:
        return (sys & store::kSeen) == 0;
      // RFC 3501 6.4.4: NEW is "RECENT UNSEEN", OLD is "NOT RECENT" (RFC 9051
      // dropped \Recent; the session says which messages it holds as recent).
      case Kind::recent:
        return recent(m.uid);
      case Kind::new_:
        return recent(m.uid) && (sys & store::kSeen) == 0;
      case Kind::old:
        return !recent(m.uid);
      case Kind::keyword:
        return has_keyword(m.flags, k.text);
      case Kind::unkeyword:
        return !has_keyword(m.flags, k.text);
      case Kind::bcc:
      case Kind::cc:
      case Kind::from:
      case Kind::to:
        return address_matches(k.kind, k.text);
      case Kind::subject: {
        Result<const mime::ParsedMessage*> p = parsed();
        if (!p) return p.error();
        return contains_folded((*p)->subject, k.text);
      }
      case Kind::body:
        if (k.text.empty()) return true;
        if (excluded_by_index(k)) return false;
        return body_matches(k);
      case Kind::text: {
        // RFC 9051 6.4.4 TEXT: "contain the specified string in the header
        // (including MIME header fields) or body of the message": every
        // header, then the decoded text of the parts.
        if (k.text.empty()) return true;
        if (excluded_by_index(k)) return false;
        Result<bool> in_header = any_header_contains(k.text);
        if (!in_header || *in_header) return in_header;
        return body_matches(k);
      }
      case Kind::header:
        return header_matches(k.field, k.text);
      // RFC 9051 6.4.4 BEFORE/ON/SINCE: "internal date (disregarding time and
      // timezone)", taken as its UTC day.
      case Kind::before:
        return utc_day(m.internal_date) < k.date;
      case Kind::on:
        return utc_day(m.internal_date) == k.date;
      case Kind::since:
        return utc_day(m.internal_date) >= k.date;
      case Kind::sentbefore:
      case Kind::senton:
      case Kind::sentsince:
        return sent_matches(k.kind, k.date);
      case Kind::larger:
        return m.size > k.number;
      case Kind::smaller:
        return m.size < k.number;
      // RFC 7162 3.1.5: "messages that have modification values that are
      // equal to or greater than <mod-sequence-value>".
      case Kind::modseq:
        return m.modseq >= k.number;
      // RFC 5032 3: OLDER "older than the specified interval", YOUNGER
      // "younger than or equal to the specified interval".
      case Kind::older:
        return m.internal_date < ctx_.now - static_cast<std::int64_t>(k.number);
      case Kind::younger:
        return m.internal_date >= ctx_.now - static_cast<std::int64_t>(k.number);
    }
    return false;
  }

  const SearchContext& ctx_;
  MessageSource& source_;
  store::Uid largest_uid_ = 0;
  std::unordered_set<store::Uid> saved_;
  std::unordered_map<const SearchKey*, std::optional<std::unordered_set<store::Uid>>> full_text_;

  std::size_t index_ = 0;
  const mime::ParsedMessage* parsed_ = nullptr;
  std::string_view content_;
  bool content_loaded_ = false;
  std::optional<std::vector<mime::HeaderField>> header_;
};

}  // namespace

Result<SearchResult> search_messages(std::span<const SearchKey> program, const SearchContext& context,
                                     MessageSource& source) {
  SearchResult result;
  result.modseq_key = has_modseq_key(program);
  Evaluator eval(context, source);
  if (Status s = eval.prepare(program); !s) return s.error();
  for (std::size_t i = 0; i < context.messages.size(); ++i) {
    eval.select(i);
    Result<bool> r = eval.all_match(program);
    if (!r) return r.error();
    if (!*r) continue;
    result.indexes.push_back(static_cast<std::uint32_t>(i));
    result.highest_modseq = std::max(result.highest_modseq, context.messages[i].modseq);
  }
  return result;
}

std::vector<std::uint32_t> returned_matches(std::span<const std::uint32_t> ascending,
                                            const SearchReturn& returns) {
  if (ascending.empty() || returns.all || returns.count || (!returns.min && !returns.max))
    return {ascending.begin(), ascending.end()};
  std::vector<std::uint32_t> out;
  if (returns.min) out.push_back(ascending.front());
  if (returns.max && (!returns.min || ascending.size() > 1)) out.push_back(ascending.back());
  return out;
}

store::ModSeq highest_modseq(std::span<const std::uint32_t> indexes,
                             std::span<const store::MessageMeta> messages) {
  store::ModSeq highest = 0;
  for (const std::uint32_t i : indexes) highest = std::max(highest, messages[i].modseq);
  return highest;
}

std::string format_search_response(std::span<const std::uint32_t> numbers,
                                   std::optional<store::ModSeq> modseq) {
  std::string out = "* SEARCH";
  for (const std::uint32_t n : numbers) {
    out.push_back(' ');
    mime::append_number(out, n);
  }
  if (modseq && !numbers.empty()) {  // RFC 7162 3.1.5: "(MODSEQ <highest>)" after the numbers
    out.append(" (MODSEQ ");
    mime::append_number(out, *modseq);
    out.push_back(')');
  }
  out.append("\r\n");
  return out;
}

std::string format_esearch_response(std::string_view tag, bool uid, const SearchReturn& returns,
                                    std::span<const std::uint32_t> ascending,
                                    std::optional<store::ModSeq> modseq) {
  const bool none = !returns.min && !returns.max && !returns.all && !returns.count;
  // RFC 5182 2.1: "if the SAVE result option is the only one, the server
  // MUST NOT return the ESEARCH response".
  if (none && returns.save) return "";
  const bool all = returns.all || none;  // RFC 4731 3.1: "RETURN ()" is "RETURN (ALL)"
  std::string out = "* ESEARCH (TAG ";
  mime::append_string(out, tag);
  out.push_back(')');
  if (uid) out.append(" UID");
  if (returns.min && !ascending.empty()) {
    out.append(" MIN ");
    mime::append_number(out, ascending.front());
  }
  if (returns.max && !ascending.empty()) {
    out.append(" MAX ");
    mime::append_number(out, ascending.back());
  }
  if (all && !ascending.empty()) {  // RFC 4731 3.1: ALL in sequence-set form, omitted when empty
    out.append(" ALL ");
    out.append(format_sequence_set(ascending));
  }
  if (returns.count) {
    out.append(" COUNT ");
    mime::append_number(out, ascending.size());
  }
  if (modseq && !ascending.empty()) {  // RFC 7162 3.1.5: "MODSEQ <highest>"
    out.append(" MODSEQ ");
    mime::append_number(out, *modseq);
  }
  out.append("\r\n");
  return out;
}

}  // namespace kurir::imap::message
