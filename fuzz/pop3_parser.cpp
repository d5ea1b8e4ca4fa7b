// Fuzzes the POP3 command parser: no crash, errors carry a message, and what
// parses respects the bounds (line length, message numbers from 1).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/limits.hpp"
#include "pop3/dot_stuffing.hpp"
#include "pop3/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto command = kurir::pop3::parse_command(input);
  if (!command.ok()) {
    if (command.error().message.empty()) std::abort();
  } else {
    if (input.size() > kurir::limits::kMaxPop3CredentialLineBytes) std::abort();
    if (command->message && *command->message == 0) std::abort();
    if (command->text.size() > input.size()) std::abort();
  }
  // The same bytes as a message body: the stuffed form never holds a line "."
  // before its end, and ends with exactly one.
  std::string out;
  kurir::pop3::DotStuffer stuffer;
  stuffer.append(input, out);
  stuffer.finish(out);
  if (!out.ends_with("\r\n.\r\n") && out != ".\r\n") std::abort();
  const std::string_view body(out.data(), out.size() - 3);
  if (body.starts_with(".\r\n") || body.find("\n.\r\n") != std::string_view::npos) std::abort();
  return 0;
}
