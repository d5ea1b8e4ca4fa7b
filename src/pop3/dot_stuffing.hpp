// The multi-line response encoding of RFC 1939 3 for RETR and TOP: lines end
// in CRLF, a line that begins with "." gets one more, and ".\r\n" ends the
// response. Fed in chunks of any size, so a message is sent as it is read.
//
// SECURITY: the bytes are a stored message, written by anyone who could send
// mail; a line "." inside it must never end the response early. Stored
// messages are CRLF already; a bare LF is sent as CRLF all the same, so the
// client always sees the message end where it ends.
//
// Thread-safety: a plain value; one per response.
#pragma once

#include <string>
#include <string_view>

namespace kurir::pop3 {

class DotStuffer {
 public:
  // Appends bytes, stuffed, to out. Lines may be split across calls.
  void append(std::string_view bytes, std::string& out);
  // Ends an open last line with CRLF.
  void end_line(std::string& out);
  // end_line(), then the terminating ".\r\n".
  void finish(std::string& out);
  bool at_line_start() const { return line_start_; }

 private:
  bool line_start_ = true;
  bool last_cr_ = false;  // the last byte appended was CR (a CRLF may be split)
};

// The end of the first `lines` lines of body (each with its line end), or
// body.size() when it has fewer: what TOP sends of a body (RFC 1939 7).
std::size_t first_lines_end(std::string_view body, std::size_t lines);

}  // namespace kurir::pop3
