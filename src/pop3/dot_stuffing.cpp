#include "pop3/dot_stuffing.hpp"

namespace kurir::pop3 {

void DotStuffer::append(std::string_view in, std::string& out) {
  std::size_t pos = 0;
  while (pos < in.size()) {
    // RFC 1939 3: "If any line begins with the termination octet, the line
    // is byte-stuffed by pre-pending the termination octet to that line".
    if (line_start_ && in[pos] == '.') out += '.';
    line_start_ = false;
    const std::size_t lf = in.find('\n', pos);
    if (lf == std::string_view::npos) {
      out.append(in.substr(pos));
      last_cr_ = in.back() == '\r';
      return;
    }
    const bool cr = lf > pos ? in[lf - 1] == '\r' : last_cr_;
    out.append(in.substr(pos, lf - pos));
    out += cr ? "\n" : "\r\n";
    line_start_ = true;
    last_cr_ = false;
    pos = lf + 1;
  }
}

void DotStuffer::end_line(std::string& out) {
  if (line_start_) return;
  out += last_cr_ ? "\n" : "\r\n";
  line_start_ = true;
  last_cr_ = false;
}

void DotStuffer::finish(std::string& out) {
  end_line(out);
  out += ".\r\n";
}

std::size_t first_lines_end(std::string_view body, std::size_t lines) {
  std::size_t pos = 0;
  for (std::size_t i = 0; i < lines; ++i) {
    const std::size_t lf = body.find('\n', pos);
    if (lf == std::string_view::npos) return body.size();
    pos = lf + 1;
  }
  return pos;
}

}  // namespace kurir::pop3
