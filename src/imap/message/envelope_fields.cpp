#include "imap/message/envelope_fields.hpp"

#include <optional>

namespace kurir::imap::message {
namespace {

// A cursor over IMAP response syntax (RFC 9051 9: nstring, parenthesised
// lists). Any malformed input sets `bad` and every later read fails.
class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  bool bad() const { return bad_; }

  void skip_spaces() {
    while (i_ < s_.size() && s_[i_] == ' ') ++i_;
  }

  bool take(char c) {
    skip_spaces();
    if (bad_ || i_ >= s_.size() || s_[i_] != c) return false;
    ++i_;
    return true;
  }

  // NIL, a quoted string or a literal.
  std::optional<std::string> nstring() {
    skip_spaces();
    if (bad_ || i_ >= s_.size()) return fail();
    if (s_.substr(i_, 3) == "NIL") {
      i_ += 3;
      return std::nullopt;
    }
    if (s_[i_] == '"') return quoted();
    if (s_[i_] == '{') return literal();
    return fail();
  }

  // Skips one value: an nstring or a list.
  void skip_value() {
    if (take('(')) {
      while (!bad_ && !take(')')) {
        if (i_ >= s_.size()) {
          fail();
          return;
        }
        skip_value();
      }
      return;
    }
    nstring();
  }

 private:
  std::optional<std::string> fail() {
    bad_ = true;
    return std::nullopt;
  }

  std::optional<std::string> quoted() {
    std::string out;
    for (++i_; i_ < s_.size(); ++i_) {
      char c = s_[i_];
      if (c == '"') {
        ++i_;
        return out;
      }
      if (c == '\\') {
        if (++i_ >= s_.size()) break;
        c = s_[i_];
      }
      out.push_back(c);
    }
    return fail();
  }

  std::optional<std::string> literal() {
    std::size_t n = 0;
    std::size_t j = i_ + 1;
    for (; j < s_.size() && s_[j] >= '0' && s_[j] <= '9'; ++j) {
      if (n > s_.size()) return fail();
      n = n * 10 + static_cast<std::size_t>(s_[j] - '0');
    }
    if (s_.substr(j, 3) != "}\r\n") return fail();
    j += 3;
    if (n > s_.size() - j) return fail();
    i_ = j + n;
    return std::string(s_.substr(j, n));
  }

  std::string_view s_;
  std::size_t i_ = 0;
  bool bad_ = false;
};

}  // namespace

std::string envelope_date(std::string_view envelope) {
  Reader r(envelope);
  if (!r.take('(')) return {};
  return r.nstring().value_or("");
}

std::vector<EnvelopeAddress> envelope_addresses(std::string_view envelope, EnvelopeField field) {
  std::vector<EnvelopeAddress> out;
  Reader r(envelope);
  if (!r.take('(')) return out;
  for (std::size_t k = 0; k < static_cast<std::size_t>(field); ++k) r.skip_value();
  if (!r.take('(')) return out;  // NIL: no addresses
  // RFC 9051 7.5.2 address: "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"
  while (!r.bad() && r.take('(')) {
    std::optional<std::string> name = r.nstring();
    r.nstring();  // addr-adl (source route)
    std::optional<std::string> mailbox = r.nstring();
    std::optional<std::string> host = r.nstring();
    if (r.bad() || !r.take(')')) break;
    if (!host) continue;  // a group start or end marker
    out.push_back(EnvelopeAddress{name.value_or(""), mailbox.value_or(""), *host});
  }
  return out;
}

}  // namespace kurir::imap::message
