// libFuzzer target for the SMTP command parser and the DATA decoder: the
// input is split at the first NUL-free line ends into commands; the whole
// input is also run through DataDecoder in two different splits, which must agree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "smtp/parser/command.hpp"
#include "smtp/parser/data_decoder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view rest = input;
  while (!rest.empty()) {
    const auto lf = rest.find('\n');
    auto line = rest.substr(0, lf);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto parsed = kurir::smtp::parse_command(line);
    if (auto* cmd = std::get_if<kurir::smtp::Command>(&parsed)) {
      if (cmd->verb == kurir::smtp::Verb::mail && !cmd->path.null && cmd->path.address().size() > 256) std::abort();
    } else if (std::get<kurir::smtp::ParseError>(parsed).reply.code < 500) {
      std::abort();  // parse errors are permanent
    }
    rest = lf == std::string_view::npos ? std::string_view() : rest.substr(lf + 1);
  }
  kurir::smtp::DataDecoder whole(1 << 16), bytes(1 << 16);
  const std::size_t used = whole.feed(input);
  std::size_t used_bytes = 0;
  for (std::size_t i = 0; i < input.size() && !bytes.done(); ++i) used_bytes += bytes.feed(input.substr(i, 1));
  if (used != used_bytes || whole.done() != bytes.done() || whole.message() != bytes.message() ||
      whole.bare_line_end() != bytes.bare_line_end())
    std::abort();
  // Only CRLF.CRLF (or "." CRLF at the start) ends the data.
  if (whole.done()) {
    const auto head = input.substr(0, used);
    if (!(head == ".\r\n" || head.ends_with("\r\n.\r\n"))) std::abort();
  }
  return 0;
}
