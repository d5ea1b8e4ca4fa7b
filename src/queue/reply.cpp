#include "queue/reply.hpp"

#include <cctype>

#include "core/limits.hpp"

namespace kurir::queue {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// RFC 3463 2: status-code = class "." subject "." detail, class 2/4/5,
// subject and detail 1-3 digits. Returns its length at the start of s, or 0.
std::size_t status_length(std::string_view s) {
  if (s.size() < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.') return 0;
  std::size_t i = 2;
  for (int part = 0; part < 2; ++part) {
    const std::size_t start = i;
    while (i < s.size() && is_digit(s[i]) && i - start < 3) ++i;
    if (i == start) return 0;
    if (part == 0) {
      if (i >= s.size() || s[i] != '.') return 0;
      ++i;
    }
  }
  if (i < s.size() && s[i] != ' ') return 0;
  return i;
}

}  // namespace

std::string Reply::text() const {
  std::string out = std::to_string(code);
  for (const auto& line : lines) {
    out += ' ';
    out += line;
  }
  return out;
}

std::string Reply::status() const {
  if (!lines.empty()) {
    const std::string_view first = lines.front();
    const std::size_t n = status_length(first);
    if (n > 0 && first[0] - '0' == code / 100) return std::string(first.substr(0, n));
  }
  return std::to_string(code / 100) + ".0.0";
}

ReplyReader::Step ReplyReader::feed(std::string_view line) {
  // RFC 5321 4.2: Reply-code [ ("-" / SP) textstring ]; 4.2.1: first digit 2-5.
  if (line.size() < 3 || line[0] < '2' || line[0] > '5' || line[1] < '0' || line[1] > '5' || !is_digit(line[2]) ||
      (line.size() > 3 && line[3] != ' ' && line[3] != '-')) {
    error_ = "malformed reply line";
    return Step::error;
  }
  const int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
  if (!reply_.lines.empty() && code != reply_.code) {
    error_ = "reply lines with different codes";  // RFC 5321 4.2.1: every line has the same code
    return Step::error;
  }
  if (reply_.lines.size() >= limits::kMaxSmtpReplyLines) {
    error_ = "reply longer than " + std::to_string(limits::kMaxSmtpReplyLines) + " lines";
    return Step::error;
  }
  reply_.code = code;
  reply_.lines.emplace_back(line.size() > 4 ? line.substr(4) : std::string_view{});
  return line.size() > 3 && line[3] == '-' ? Step::more : Step::done;
}

Reply ReplyReader::take() {
  Reply out = std::move(reply_);
  reply_ = Reply{};
  return out;
}

Capabilities parse_ehlo(const Reply& reply) {
  Capabilities caps;
  for (std::size_t i = 1; i < reply.lines.size(); ++i) {
    const std::string line = upper(reply.lines[i]);
    const std::string_view view(line);
    const std::string_view keyword = view.substr(0, view.find(' '));
    const std::string_view rest = keyword.size() < view.size() ? view.substr(keyword.size() + 1) : std::string_view{};
    if (keyword == "STARTTLS") caps.starttls = true;
    else if (keyword == "PIPELINING") caps.pipelining = true;
    else if (keyword == "8BITMIME") caps.eight_bit_mime = true;
    else if (keyword == "SMTPUTF8") caps.smtputf8 = true;
    else if (keyword == "DSN") caps.dsn = true;
    else if (keyword == "AUTH") {
      for (std::size_t pos = 0; pos <= rest.size();) {
        const std::size_t end = std::min(rest.find(' ', pos), rest.size());
        if (rest.substr(pos, end - pos) == "PLAIN") caps.auth_plain = true;
        pos = end + 1;
      }
    } else if (keyword == "SIZE") {
      // RFC 1870 4: "SIZE" [SP number]; a missing or bad number declares no limit.
      std::uint64_t n = 0;
      bool ok = !rest.empty() && rest.size() <= 19;
      for (const char c : rest) {
        if (!is_digit(c)) ok = false;
        else n = n * 10 + static_cast<std::uint64_t>(c - '0');
      }
      caps.size = ok ? n : 0;
    }
  }
  return caps;
}

}  // namespace kurir::queue
