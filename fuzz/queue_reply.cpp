// Fuzzes the SMTP client's reply reader and EHLO parser (src/queue/reply.hpp):
// the bytes a remote mail exchanger sends. No crash; every reply taken has a
// code of 200..559 and at most kMaxSmtpReplyLines lines; its RFC 3463 status
// is always "class.subject.detail" with the code's class.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/limits.hpp"
#include "queue/reply.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  kurir::queue::ReplyReader reader;
  while (!input.empty()) {
    const std::size_t end = input.find('\n');
    std::string_view line = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view{} : input.substr(end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    switch (reader.feed(line)) {
      case kurir::queue::ReplyReader::Step::more: break;
      case kurir::queue::ReplyReader::Step::error:
        if (reader.what().empty()) std::abort();
        return 0;
      case kurir::queue::ReplyReader::Step::done: {
        const kurir::queue::Reply reply = reader.take();
        if (reply.code < 200 || reply.code > 559 || reply.lines.empty() ||
            reply.lines.size() > kurir::limits::kMaxSmtpReplyLines)
          std::abort();
        const std::string status = reply.status();
        if (status.size() < 5 || status[0] - '0' != reply.code / 100 || status[1] != '.') std::abort();
        if (!reply.text().starts_with(std::to_string(reply.code))) std::abort();
        (void)kurir::queue::parse_ehlo(reply);
        break;
      }
    }
  }
  return 0;
}
