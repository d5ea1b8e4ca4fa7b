// The DATA end-of-data recogniser and dot-unstuffer (RFC 5321 4.1.1.4 and
// 4.5.2): bytes of the DATA phase in, message bytes out, "done" exactly at
// <CRLF>.<CRLF>. Pure and incremental: feed any split of the input.
//
// SECURITY: this is where SMTP smuggling (2023: <LF>.<LF>, <CR>.<CR><LF>,
// <LF>.<CR><LF> ending the data early so the rest is read as a second
// message) is stopped. Only CR LF "." CR LF ends the data; a bare CR or a
// bare LF anywhere (RFC 5321 2.3.8: they are not line ends) is recorded and
// the session rejects the message, but reading goes on to the real end, so
// nothing after a bare line end can be taken as commands. Output is capped
// at max_bytes; past it the bytes are counted, not kept.
//
// Thread-safety: one decoder per transaction; not shared.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kurir::smtp {

class DataDecoder {
 public:
  explicit DataDecoder(std::uint64_t max_bytes) : max_bytes_(max_bytes) {}

  // Consumes bytes up to and including the end-of-data mark. Returns how
  // many bytes of input were consumed (all of them unless done() became true).
  std::size_t feed(std::string_view input);

  bool done() const { return state_ == State::done; }
  bool bare_line_end() const { return bare_cr_ || bare_lf_; }
  bool bare_cr() const { return bare_cr_; }
  bool bare_lf() const { return bare_lf_; }
  bool too_big() const { return size_ > max_bytes_; }
  std::uint64_t size() const { return size_; }  // unstuffed message bytes seen, kept or not
  // The message, dot-unstuffed, ending with the CRLF before the final "."; REQUIRES: done().
  std::string& message() { return message_; }

 private:
  enum class State : std::uint8_t { line_start, in_line, cr, dot, dot_cr, done };
  void put(char c);

  std::uint64_t max_bytes_;
  std::uint64_t size_ = 0;
  std::string message_;
  State state_ = State::line_start;  // right after DATA's own CRLF
  bool bare_cr_ = false;
  bool bare_lf_ = false;
};

}  // namespace kurir::smtp
