// Self-checks; see validate.hpp.
#include "mime/validate.hpp"

#include <charconv>

#include "core/limits.hpp"

namespace kurir::mime {
namespace {

// A recursive-descent reader for the RFC 3501 9 productions Kurir writes.
class Grammar {
 public:
  explicit Grammar(std::string_view s) : s_(s) {}

  bool whole_body(bool ext) { return body(ext, 0) && i_ == s_.size(); }
  bool whole_envelope() { return envelope() && i_ == s_.size(); }

 private:
  static constexpr int kMaxNesting = 200;

  bool lit(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool sp() { return lit(' '); }
  bool peek(char c) const { return i_ < s_.size() && s_[i_] == c; }

  bool nil() {
    if (s_.substr(i_, 3) == "NIL") {
      i_ += 3;
      return true;
    }
    return false;
  }

  bool number() {
    std::size_t b = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > b && i_ - b <= 20;
  }

  // string = quoted / literal; `value` receives the content of a quoted one.
  bool string(std::string* value = nullptr) {
    if (lit('"')) {
      while (i_ < s_.size()) {
        char c = s_[i_++];
        auto u = static_cast<unsigned char>(c);
        if (c == '"') return true;
        if (u == 0 || u >= 0x80 || c == '\r' || c == '\n') return false;
        if (c == '\\') {
          if (i_ >= s_.size() || (s_[i_] != '"' && s_[i_] != '\\')) return false;
          c = s_[i_++];
        }
        if (value) value->push_back(c);
      }
      return false;
    }
    if (lit('{')) {
      std::size_t b = i_;
      if (!number()) return false;
      std::uint64_t n = 0;
      if (std::from_chars(s_.data() + b, s_.data() + i_, n).ec != std::errc()) return false;
      if (!lit('}') || !lit('\r') || !lit('\n')) return false;
      if (n > s_.size() - i_) return false;
      for (std::size_t k = i_; k < i_ + n; ++k)
        if (s_[k] == '\0') return false;  // RFC 3501 9: CHAR8 excludes NUL
      i_ += n;
      return true;
    }
    return false;
  }
  bool nstring() { return nil() || string(); }

  // body-fld-param = "(" string SP string *(SP string SP string) ")" / nil
  bool params() {
    if (nil()) return true;
    if (!lit('(')) return false;
    do {
      if (!string() || !sp() || !string()) return false;
    } while (sp());
    return lit(')');
  }
  // body-fld-dsp = "(" string SP body-fld-param ")" / nil
  bool disposition() {
    if (nil()) return true;
    return lit('(') && string() && sp() && params() && lit(')');
  }
  // body-fld-lang = nstring / "(" string *(SP string) ")"
  bool language() {
    if (!lit('(')) return nstring();
    do {
      if (!string()) return false;
    } while (sp());
    return lit(')');
  }
  // env-from etc. = "(" 1*address ")" / nil
  bool addresses() {
    if (nil()) return true;
    if (!lit('(')) return false;
    int n = 0;
    while (lit('(')) {
      if (!nstring() || !sp() || !nstring() || !sp() || !nstring() || !sp() || !nstring() || !lit(')')) return false;
      ++n;
    }
    return n > 0 && lit(')');
  }
  bool envelope() {
    if (!lit('(') || !nstring() || !sp() || !nstring()) return false;
    for (int k = 0; k < 6; ++k)
      if (!sp() || !addresses()) return false;
    return sp() && nstring() && sp() && nstring() && lit(')');
  }

  bool body(bool ext, int depth) {
    if (depth > kMaxNesting || !lit('(')) return false;
    if (peek('(')) {
      // body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]
      while (peek('('))
        if (!body(ext, depth + 1)) return false;
      if (!sp() || !string()) return false;
      if (ext && !(sp() && params() && sp() && disposition() && sp() && language() && sp() && nstring()))
        return false;
      return lit(')');
    }
    std::string type, subtype;
    if (!string(&type) || !sp() || !string(&subtype)) return false;
    // body-fields = body-fld-param SP body-fld-id SP body-fld-desc SP body-fld-enc SP body-fld-octets
    if (!sp() || !params() || !sp() || !nstring() || !sp() || !nstring() || !sp() || !string() || !sp() ||
        !number())
      return false;
    if (type == "MESSAGE" && subtype == "RFC822") {
      // body-type-msg = ... SP envelope SP body SP body-fld-lines
      if (!sp() || !envelope() || !sp() || !body(ext, depth + 1) || !sp() || !number()) return false;
    } else if (type == "TEXT") {
      if (!sp() || !number()) return false;
    }
    if (ext && !(sp() && nstring() && sp() && disposition() && sp() && language() && sp() && nstring()))
      return false;
    return lit(')');
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

bool is_imap_body(std::string_view s, bool extended) { return Grammar(s).whole_body(extended); }

bool is_imap_envelope(std::string_view s) { return Grammar(s).whole_envelope(); }

std::string find_violation(const ParsedMessage& m, std::uint64_t size) {
  const auto& parts = m.parts;
  if (parts.empty()) return "no parts";
  if (parts.size() > limits::kMaxMimeParts) return "more parts than kMaxMimeParts";
  if (parts[0].parent != Part::kNoParent || parts[0].header_begin != 0 || parts[0].body_end != size)
    return "part 0 is not the whole message";
  std::vector<std::size_t> depth(parts.size(), 0);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Part& p = parts[i];
    const std::string at = "part " + std::to_string(i) + ": ";
    if (!(p.header_begin <= p.body_begin && p.body_begin <= p.body_end && p.body_end <= size))
      return at + "offsets out of order or past the end";
    if (i > 0 && (p.parent == Part::kNoParent || p.parent >= i)) return at + "parent not before it";
    if (i > 0) {
      depth[i] = depth[p.parent] + 1;
      if (depth[i] >= limits::kMaxMimeDepth) return at + "deeper than kMaxMimeDepth";
    }
    const bool multipart = p.type == "multipart";
    const bool message = p.type == "message" && p.subtype == "rfc822";
    if (multipart && p.children.empty()) return at + "multipart without parts";
    if (message && p.children.size() != 1) return at + "message/rfc822 without exactly one child";
    if (!multipart && !message && !p.children.empty()) return at + "leaf with children";
    std::uint64_t prev_end = p.body_begin;
    for (std::uint32_t c : p.children) {
      if (c <= i || c >= parts.size()) return at + "child index not after it";
      const Part& k = parts[c];
      if (k.parent != i) return at + "child's parent link differs";
      if (k.header_begin < prev_end || k.body_end > p.body_end) return at + "child outside body or overlapping";
      prev_end = k.body_end;
    }
  }
  if (m.references.size() > limits::kMaxReferences) return "too many references";
  if (m.search_text.size() > limits::kMaxSearchTextBytes) return "search text too long";
  if (!is_imap_envelope(m.envelope)) return "ENVELOPE grammar";
  if (!is_imap_body(m.body, false)) return "BODY grammar";
  if (!is_imap_body(m.bodystructure, true)) return "BODYSTRUCTURE grammar";
  return {};
}

}  // namespace kurir::mime
