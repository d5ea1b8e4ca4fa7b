#include "imap/parser/reader.hpp"

#include <limits>

#include "core/limits.hpp"

namespace kurir::imap::grammar {

namespace {

constexpr std::uint64_t kMaxNumber64 = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
constexpr std::size_t kExcerptBytes = 20;

bool is_text_char(unsigned char c) {
  return c != 0 && c != '\r' && c != '\n';
}

}  // namespace

bool is_atom_char(unsigned char c) {
  if (c <= 0x20 || c >= 0x7F) return false;  // SP, CTL, and 8-bit (CHAR is 7-bit)
  switch (c) {
    case '(':
    case ')':
    case '{':
    case '%':
    case '*':
    case '"':
    case '\\':
    case ']':
      return false;
    default:
      return true;
  }
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 32);
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 32);
    if (x != y) return false;
  }
  return true;
}

std::string quoted_name(std::string_view name) {
  constexpr std::size_t kShown = 32;  // enough to recognise; an error line stays short
  if (name.size() <= kShown) return "\"" + std::string(name) + "\"";
  return "\"" + std::string(name.substr(0, kShown)) + "...\"";
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return out;
}

bool Reader::fail(std::string text, std::string code) {
  if (!failed_) {
    failed_ = true;
    error_ = std::move(text);
    code_ = std::move(code);
  }
  return false;
}

bool Reader::expected(std::string_view what) {
  if (at_end()) return fail("missing " + std::string(what));
  std::string excerpt;
  for (std::size_t i = pos_; i < wire_.size() && excerpt.size() < kExcerptBytes; ++i) {
    const auto c = static_cast<unsigned char>(wire_[i]);
    if (c == '\r' || c == '\n') break;
    excerpt += c >= 0x20 && c < 0x7F && c != '"' ? static_cast<char>(c) : '?';
  }
  if (excerpt.empty()) return fail("expected " + std::string(what) + " before the line break");
  return fail("expected " + std::string(what) + " at \"" + excerpt + "\"");
}

bool Reader::accept(char c) {
  if (peek() != static_cast<unsigned char>(c) || at_end()) return false;
  ++pos_;
  return true;
}

bool Reader::expect(char c, std::string_view what) {
  return accept(c) || expected(what);
}

bool Reader::sp(std::string_view what) {
  if (accept(' ')) return true;
  if (at_end()) return fail("missing " + std::string(what));
  return expected("a space before " + std::string(what));
}

std::string_view Reader::take_while(bool (*pred)(unsigned char)) {
  const std::size_t start = pos_;
  while (!at_end() && pred(peek())) ++pos_;
  return wire_.substr(start, pos_ - start);
}

bool Reader::word(std::string_view& out, std::string_view what) {
  out = take_while(is_word_char);
  return !out.empty() || expected(what);
}

bool Reader::accept_keyword(std::string_view keyword) {
  if (wire_.size() - pos_ < keyword.size() || !iequals(wire_.substr(pos_, keyword.size()), keyword))
    return false;
  const std::size_t after = pos_ + keyword.size();
  if (after < wire_.size() && is_atom_char(static_cast<unsigned char>(wire_[after]))) return false;
  pos_ = after;
  return true;
}

bool Reader::atom(std::string_view& out, std::string_view what) {
  out = take_while(is_atom_char);
  return !out.empty() || expected(what);
}

bool Reader::quoted(std::string& out, std::string_view what) {
  // RFC 9051 9: quoted = DQUOTE *QUOTED-CHAR DQUOTE; QUOTED-CHAR = <any
  // TEXT-CHAR except quoted-specials> / "\" quoted-specials / UTF8-2/3/4.
  // XXX RFC 3501 9: 8-bit bytes are accepted in IMAP4rev1 too (clients send
  // raw UTF-8); mailbox names are checked for valid UTF-8 afterwards.
  ++pos_;
  out.clear();
  while (!at_end()) {
    const unsigned char c = peek();
    if (c == '"') {
      ++pos_;
      return true;
    }
    if (c == '\\') {
      const unsigned char next = peek(1);
      if (next != '"' && next != '\\')
        return fail("in " + std::string(what) + ": a backslash in a quoted string must escape \" or \\");
      out += static_cast<char>(next);
      pos_ += 2;
      continue;
    }
    if (!is_text_char(c)) {
      if (c == 0) return fail("NUL in " + std::string(what));
      return fail("unterminated quoted string in " + std::string(what));
    }
    out += static_cast<char>(c);
    ++pos_;
  }
  return fail("unterminated quoted string in " + std::string(what));
}

bool Reader::literal(std::string& out, bool& binary, bool binary_allowed, bool message,
                     std::string_view what) {
  // RFC 9051 9: literal = "{" number64 ["+"] "}" CRLF *CHAR8; RFC 3516 4.4:
  // literal8 = "~{" number64 "}" CRLF *OCTET; RFC 7888: "+" non-synchronizing.
  binary = accept('~');
  if (binary && !binary_allowed)
    return fail("literal8 (~{N}) is only allowed for APPEND message data (RFC 3516 4.4) in " +
                std::string(what));
  if (!accept('{')) return expected("a literal for " + std::string(what));
  if (pos_ - line_start_ > limits::kMaxImapLineBytes) return fail("command line too long", "TOOBIG");
  if (++literals_ > limits::kMaxImapLiteralsPerCommand)
    return fail("too many literals in one command", "LIMIT");
  std::uint64_t size = 0;
  if (!number64(size, "the literal's size", false)) return false;
  accept('+');
  if (!expect('}', "\"}\" closing the literal's size")) return false;
  if (!(accept('\r') && accept('\n'))) return fail("a literal's size must end its line");
  if (size > wire_.size() - pos_)
    return fail("literal of " + std::to_string(size) + " bytes but only " +
                std::to_string(wire_.size() - pos_) + " follow");
  const std::string_view bytes = wire_.substr(pos_, static_cast<std::size_t>(size));
  // RFC 9051 9: a literal is CHAR8 (%x01-ff); only literal8 may carry NUL.
  if (!binary && bytes.find('\0') != std::string_view::npos)
    return fail("NUL in a literal (" + std::string(what) + "); NUL needs literal8 ~{N} (RFC 3516)");
  out.assign(bytes);
  pos_ += bytes.size();
  line_start_ = pos_;
  if (message) message_bytes_ += bytes.size();
  return true;
}

bool Reader::at_literal() const {
  return peek() == '{' || (peek() == '~' && peek(1) == '{');
}

bool Reader::string(std::string& out, std::string_view what) {
  if (peek() == '"') return quoted(out, what);
  if (at_literal()) {
    bool binary = false;
    return literal(out, binary, false, false, what);
  }
  return expected(what);
}

bool Reader::astring(std::string& out, std::string_view what) {
  if (peek() == '"' || at_literal()) return string(out, what);
  const auto text = take_while(is_astring_char);
  if (text.empty()) return expected(what);
  out.assign(text);
  return true;
}

bool Reader::nstring(std::optional<std::string>& out, std::string_view what) {
  if (accept_keyword("NIL")) {
    out.reset();
    return true;
  }
  std::string text;
  if (!string(text, what)) return false;
  out = std::move(text);
  return true;
}

bool Reader::list_mailbox(std::string& out, std::string_view what) {
  if (peek() == '"' || at_literal()) return string(out, what);
  const auto text = take_while(is_list_char);
  if (text.empty()) return expected(what);
  out.assign(text);
  return true;
}

bool Reader::message_literal(std::string& out, bool& binary, std::string_view what) {
  if (peek() != '{' && peek() != '~')
    return expected(std::string(what) + " as a literal {N} or literal8 ~{N}");
  return literal(out, binary, true, true, what);
}

bool Reader::number64(std::uint64_t& out, std::string_view what, bool nonzero) {
  const auto digits = take_while(is_digit);
  if (digits.empty()) return expected(what);
  std::uint64_t value = 0;
  for (char d : digits) {
    value = value * 10 + static_cast<std::uint64_t>(d - '0');
    if (value > kMaxNumber64) return fail(std::string(what) + " is too large");
  }
  if (nonzero && value == 0) return fail(std::string(what) + " must not be 0");
  out = value;
  return true;
}

bool Reader::number(std::uint32_t& out, std::string_view what) {
  std::uint64_t value = 0;
  if (!number64(value, what, false)) return false;
  if (value > std::numeric_limits<std::uint32_t>::max()) return fail(std::string(what) + " is too large");
  out = static_cast<std::uint32_t>(value);
  return true;
}

bool Reader::nz_number(std::uint32_t& out, std::string_view what) {
  if (!number(out, what)) return false;
  return out != 0 || fail(std::string(what) + " must not be 0");
}

bool Reader::end(std::string_view what) {
  if (at_end()) return true;
  return expected("the end of the command after " + std::string(what));
}

bool Reader::enter() {
  if (++depth_ > limits::kMaxImapNesting)
    return fail("parentheses or NOT/OR nested more than " + std::to_string(limits::kMaxImapNesting) + " deep",
                "LIMIT");
  return true;
}

bool Reader::check_totals() {
  if (wire_.size() - line_start_ > limits::kMaxImapLineBytes) return fail("command line too long", "TOOBIG");
  if (wire_.size() - message_bytes_ > limits::kMaxImapCommandBytes) return fail("command too long", "TOOBIG");
  return true;
}

}  // namespace kurir::imap::grammar
