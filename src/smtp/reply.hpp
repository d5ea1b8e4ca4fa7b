// SMTP replies: a code, an RFC 3463 enhanced status code (RFC 2034
// ENHANCEDSTATUSCODES: on every reply but the greeting and EHLO), and text.
//
// Thread-safety: plain values.
#pragma once

#include <string>
#include <string_view>

namespace kurir::smtp {

struct Reply {
  int code = 250;
  std::string_view enhanced;  // "2.0.0"; empty for 220/221-less replies that have none
  std::string text;

  bool positive() const { return code < 400; }
  // "250 2.0.0 text\r\n"
  std::string render() const {
    std::string out = std::to_string(code);
    out += ' ';
    if (!enhanced.empty()) {
      out += enhanced;
      out += ' ';
    }
    out += text;
    out += "\r\n";
    return out;
  }
};

}  // namespace kurir::smtp
