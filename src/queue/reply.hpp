// The SMTP client's view of a server's replies (RFC 5321 4.2): multi-line
// replies gathered line by line into one code and its text, the enhanced
// status code (RFC 3463) when present, and the EHLO keywords the client uses.
// Pure: no I/O.
//
// SECURITY: replies come from remote servers. Every line is bounded by the
// reader (limits::kMaxSmtpLineBytes) and a reply by kMaxSmtpReplyLines; a
// malformed line is an error, never guessed at.
//
// Thread-safety: plain values; a ReplyReader belongs to one connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kurir::queue {

struct Reply {
  int code = 0;                    // 200..599
  std::vector<std::string> lines;  // each line's text, without code and separator

  bool positive() const { return code >= 200 && code < 400; }
  bool transient() const { return code >= 400 && code < 500; }
  bool permanent() const { return code >= 500; }
  // "550 5.1.1 no such user" (lines joined with a space), for logs, history and DSNs.
  std::string text() const;
  // RFC 3463: "5.1.1" when the first line starts with one whose class
  // matches the code's; otherwise "X.0.0" from the code's first digit.
  std::string status() const;
};

class ReplyReader {
 public:
  enum class Step { more, done, error };
  // Takes one line (without CRLF). done: take() the reply; error: what() says why.
  Step feed(std::string_view line);
  Reply take();
  const std::string& what() const { return error_; }

 private:
  Reply reply_;
  std::string error_;
};

// What a server offered in its EHLO reply (RFC 5321 4.1.1.1).
struct Capabilities {
  bool starttls = false;        // RFC 3207
  bool pipelining = false;      // RFC 2920
  bool eight_bit_mime = false;  // RFC 6152
  bool smtputf8 = false;        // RFC 6531
  bool dsn = false;             // RFC 3461
  bool auth_plain = false;      // RFC 4954 / 4616
  std::optional<std::uint64_t> size;  // RFC 1870: the limit; 0 = none declared
};

// Reads the keywords of an EHLO reply (its lines after the first).
Capabilities parse_ehlo(const Reply& reply);

}  // namespace kurir::queue
