// The part tree; see structure.hpp.
#include "mime/structure.hpp"

#include <cstring>

#include "core/limits.hpp"
#include "mime/content_type.hpp"
#include "mime/decode.hpp"
#include "mime/envelope.hpp"

namespace kurir::mime {
namespace {

// Counts line feeds in any range in O(range / kBlock + kBlock) using counts
// kept per block: line counts of nested parts stay linear overall.
class LineIndex {
 public:
  static constexpr std::size_t kBlock = 4096;

  explicit LineIndex(std::string_view m) : m_(m) {
    prefix_.reserve(m.size() / kBlock + 2);
    prefix_.push_back(0);
    std::uint64_t total = 0;
    for (std::size_t b = 0; b + kBlock <= m.size(); b += kBlock) {
      total += count_raw(b, b + kBlock);
      prefix_.push_back(total);
    }
  }

  std::uint64_t count(std::uint64_t b, std::uint64_t e) const {
    if (e <= b) return 0;
    std::uint64_t bb = (b + kBlock - 1) / kBlock;  // first whole block
    std::uint64_t eb = e / kBlock;                 // one past the last whole block
    if (bb >= eb) return count_raw(b, e);
    return count_raw(b, bb * kBlock) + (prefix_[eb] - prefix_[bb]) + count_raw(eb * kBlock, e);
  }

 private:
  std::uint64_t count_raw(std::uint64_t b, std::uint64_t e) const {
    std::uint64_t n = 0;
    const char* p = m_.data() + b;
    const char* end = m_.data() + e;
    while (p < end) {
      const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
      if (!nl) break;
      ++n;
      p = static_cast<const char*>(nl) + 1;
    }
    return n;
  }

  std::string_view m_;
  std::vector<std::uint64_t> prefix_;
};

bool is_lwsp(char c) { return c == ' ' || c == '\t' || c == '\r'; }

class Builder {
 public:
  explicit Builder(std::string_view m) : m_(m) {}

  Structure run() {
    parse_entity(0, m_.size(), Part::kNoParent, 0, false, true);
    finish();
    return std::move(s_);
  }

 private:
  // Parses the entity in [begin, end) as a new part; returns its index.
  std::uint32_t parse_entity(std::uint64_t begin, std::uint64_t end, std::uint32_t parent, std::size_t depth,
                             bool digest_child, bool message_root) {
    auto idx = static_cast<std::uint32_t>(s_.parts.size());
    s_.parts.emplace_back();
    s_.envelopes.emplace_back();
    if (parent != Part::kNoParent) s_.parts[parent].children.push_back(idx);

    HeaderBlock header = split_header(m_, begin, end);
    if (header.truncated) s_.truncated = true;
    {
      Part& p = s_.parts[idx];
      p.parent = parent;
      p.header_begin = begin;
      p.body_begin = header.body_begin;
      p.body_end = end;
      // RFC 2046 5.1.5: in a multipart/digest the default is message/rfc822.
      if (digest_child) {
        p.type = "message";
        p.subtype = "rfc822";
      }
      apply_content_fields(header.fields, p);
    }
    if (message_root) s_.envelopes[idx] = build_envelope(header.fields);
    if (idx == 0) s_.root_fields = std::move(header.fields);

    const std::string type = s_.parts[idx].type;
    const std::string subtype = s_.parts[idx].subtype;
    const bool container = type == "multipart" || (type == "message" && subtype == "rfc822");
    if (!container) return idx;
    if (depth + 1 >= limits::kMaxMimeDepth || s_.parts.size() >= limits::kMaxMimeParts) {
      make_opaque(idx, true);  // limits.hpp: deeper nesting is an opaque leaf
      return idx;
    }
    if (type == "message") {
      // RFC 2046 5.2.1: the body is a whole message. An encoded one cannot
      // be parsed in place (RFC 2045 6.4 forbids it); keep it as a leaf.
      const std::string& enc = s_.parts[idx].encoding;
      if (enc == "BASE64" || enc == "QUOTED-PRINTABLE") {
        make_opaque(idx, false);
        return idx;
      }
      parse_entity(s_.parts[idx].body_begin, end, idx, depth + 1, false, true);
      return idx;
    }
    parse_multipart(idx, depth, subtype == "digest");
    return idx;
  }

  // The part keeps its bytes but is not looked into. IMAP has no way to show
  // a multipart without parts or a message/rfc822 without its message, so
  // it is shown as what it now is: opaque bytes.
  void make_opaque(std::uint32_t idx, bool cut) {
    Part& p = s_.parts[idx];
    p.type = "application";
    p.subtype = "octet-stream";
    if (cut) s_.truncated = true;
  }

  // RFC 2046 5.1.1: delimiter lines "--" boundary, close "--" boundary "--",
  // each optionally followed by linear white space; the line ending before a
  // delimiter belongs to the delimiter. Outer boundaries win because the
  // parent already cut this body where its own delimiter is.
  void parse_multipart(std::uint32_t idx, std::size_t depth, bool digest) {
    const std::string* bp = find_param(s_.parts[idx].params, "boundary");
    const std::uint64_t b = s_.parts[idx].body_begin;
    const std::uint64_t e = s_.parts[idx].body_end;
    if (!bp || bp->empty()) {
      make_text(idx);
      return;
    }
    const std::string boundary = *bp;
    const char* data = m_.data();
    std::uint64_t pos = b;
    bool in_part = false;
    std::uint64_t part_start = 0;
    bool any = false;
    while (pos < e) {
      const void* nl = std::memchr(data + pos, '\n', e - pos);
      std::uint64_t line_end = nl ? static_cast<std::uint64_t>(static_cast<const char*>(nl) - data) : e;
      std::uint64_t next = nl ? line_end + 1 : e;
      bool closing = false;
      if (is_delimiter(pos, line_end, boundary, closing)) {
        std::uint64_t content_end = pos;
        if (content_end > b && data[content_end - 1] == '\n') {
          --content_end;
          if (content_end > b && data[content_end - 1] == '\r') --content_end;
        }
        if (in_part) {
          if (content_end < part_start) content_end = part_start;
          if (!add_child(idx, part_start, content_end, depth, digest)) return;
          any = true;
        }
        if (closing) {
          in_part = false;
          break;  // RFC 2046 5.1.1: the rest is the epilogue
        }
        in_part = true;
        part_start = next;
      }
      pos = next;
    }
    if (in_part) {  // no close delimiter: the last part runs to the end
      if (!add_child(idx, part_start, e, depth, digest)) return;
      any = true;
    }
    if (!any) make_text(idx);
  }

  bool is_delimiter(std::uint64_t pos, std::uint64_t line_end, const std::string& boundary, bool& closing) const {
    const std::uint64_t n = boundary.size();
    if (line_end - pos < n + 2) return false;
    const char* p = m_.data() + pos;
    if (p[0] != '-' || p[1] != '-' || std::memcmp(p + 2, boundary.data(), n) != 0) return false;
    std::uint64_t k = pos + 2 + n;
    if (k + 2 <= line_end && m_[k] == '-' && m_[k + 1] == '-') {
      closing = true;
      k += 2;
    }
    for (; k < line_end; ++k)
      if (!is_lwsp(m_[k])) {
        closing = false;
        return false;
      }
    return true;
  }

  // Adds one body part; false when the part limit stopped the scan (the last
  // child then keeps the rest of the body as its own).
  bool add_child(std::uint32_t parent, std::uint64_t begin, std::uint64_t end, std::size_t depth, bool digest) {
    if (s_.parts.size() >= limits::kMaxMimeParts) {
      s_.truncated = true;
      const auto& kids = s_.parts[parent].children;
      if (!kids.empty()) s_.parts[kids.back()].body_end = s_.parts[parent].body_end;
      else make_opaque(parent, true);
      return false;
    }
    parse_entity(begin, end, parent, depth + 1, digest, false);
    return true;
  }

  // A multipart without a usable boundary or any delimiter: what it holds is
  // read as text, so it stays visible and searchable.
  void make_text(std::uint32_t idx) {
    Part& p = s_.parts[idx];
    p.type = "text";
    p.subtype = "plain";
  }

  static void apply_content_fields(const std::vector<HeaderField>& fields, Part& p) {
    bool have_type = false, have_enc = false, have_id = false, have_desc = false, have_md5 = false;
    bool have_disp = false, have_lang = false, have_loc = false;
    for (const HeaderField& f : fields) {
      if (f.name.size() < 8 || !iequals(f.name.substr(0, 8), "content-")) continue;
      std::string_view n = f.name.substr(8);
      if (!have_type && iequals(n, "type")) {
        have_type = true;
        ContentValue cv = parse_content_type(unfold(f.value));
        // RFC 2045 5.2: an invalid Content-Type means text/plain; us-ascii.
        if (cv.valid) {
          p.type = std::move(cv.type);
          p.subtype = std::move(cv.subtype);
          p.params = std::move(cv.params);
        } else {
          p.type = "text";
          p.subtype = "plain";
        }
      } else if (!have_enc && iequals(n, "transfer-encoding")) {
        have_enc = true;
        std::string v = ascii_upper(unfold(f.value));
        std::size_t cut = v.find_first_of(" \t(;");
        if (cut != std::string::npos) v.resize(cut);
        if (!v.empty()) p.encoding = std::move(v);
      } else if (!have_id && iequals(n, "id")) {
        have_id = true;
        p.id = unfold(f.value);
      } else if (!have_desc && iequals(n, "description")) {
        have_desc = true;
        p.description = unfold(f.value);
      } else if (!have_md5 && iequals(n, "md5")) {
        have_md5 = true;
        p.md5 = unfold(f.value);
      } else if (!have_disp && iequals(n, "disposition")) {
        have_disp = true;
        ContentValue cv = parse_disposition(unfold(f.value));
        if (cv.valid) {
          p.disposition = std::move(cv.type);
          p.disposition_params = std::move(cv.params);
        }
      } else if (!have_lang && iequals(n, "language")) {
        have_lang = true;
        p.language = parse_language(unfold(f.value));
      } else if (!have_loc && iequals(n, "location")) {
        have_loc = true;
        // RFC 2557 4.4.1: a folded URL's white space is not part of it.
        std::string v = unfold(f.value);
        std::string compact;
        for (char c : v)
          if (c != ' ' && c != '\t') compact.push_back(c);
        p.location = std::move(compact);
      }
    }
  }

  // Line counts and decoded sizes, once offsets are final.
  void finish() {
    LineIndex lines(m_);
    for (Part& p : s_.parts) {
      std::uint64_t size = p.body_end - p.body_begin;
      // RFC 3501 7.4.2 body-fld-lines: a last line without its line ending
      // still counts.
      p.body_lines = lines.count(p.body_begin, p.body_end) +
                     ((size > 0 && m_[p.body_end - 1] != '\n') ? 1 : 0);
      if (p.children.empty())
        p.decoded_size = decode_transfer(m_.substr(p.body_begin, size), p.encoding, nullptr, 0);
      else
        p.decoded_size = size;
    }
  }

  std::string_view m_;
  Structure s_;
};

}  // namespace

Structure parse_structure(std::string_view message) { return Builder(message).run(); }

}  // namespace kurir::mime
