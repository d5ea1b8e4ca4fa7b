#include "smtp/parser/data_decoder.hpp"

namespace kurir::smtp {

void DataDecoder::put(char c) {
  if (++size_ <= max_bytes_) message_ += c;
}

std::size_t DataDecoder::feed(std::string_view input) {
  std::size_t i = 0;
  while (i < input.size() && state_ != State::done) {
    const char c = input[i];
    switch (state_) {
      case State::line_start:  // after CRLF (or at the very start)
        if (c == '.') {
          state_ = State::dot;
          break;
        }
        [[fallthrough]];
      case State::in_line:
        if (c == '\r') {
          state_ = State::cr;
        } else {
          if (c == '\n') bare_lf_ = true;  // RFC 5321 2.3.8: not a line end; the next '.' is not at a line start
          put(c);
          state_ = State::in_line;
        }
        break;
      case State::cr:
        if (c == '\n') {
          put('\r');
          put('\n');
          state_ = State::line_start;
          break;
        }
        bare_cr_ = true;  // CR not followed by LF
        put('\r');
        state_ = State::in_line;
        continue;  // look at c again, in the line
      case State::dot:
        // RFC 5321 4.5.2: a line starting with "." has it removed; "." CRLF alone ends the data.
        if (c == '\r') {
          state_ = State::dot_cr;
          break;
        }
        state_ = State::in_line;
        continue;  // c is the first byte after the removed dot (a bare LF is caught there)
      case State::dot_cr:
        if (c == '\n') {
          state_ = State::done;
          break;
        }
        bare_cr_ = true;
        put('\r');
        state_ = State::in_line;
        continue;
      case State::done: break;
    }
    ++i;
  }
  return i;
}

}  // namespace kurir::smtp
