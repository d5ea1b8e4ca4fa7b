// RFC 5161 3.1 ENABLE (RFC 9051 6.3.1): turns on CONDSTORE, QRESYNC (RFC
// 7162 3.2.3, which implies CONDSTORE), IMAP4rev2 and UTF8=ACCEPT (RFC 6855
// 3); answers ENABLED with those newly enabled. Unknown names are ignored.
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

boost::asio::awaitable<Done> enable(Connection& c, const Command& command) {
  const auto& request = std::get<Enable>(command.body);
  std::string enabled;
  auto turn_on = [&](bool& flag, const char* name) {
    if (flag) return;
    flag = true;
    enabled += ' ';
    enabled += name;
  };
  for (const auto& name : request.capabilities) {
    if (name == "CONDSTORE")
      turn_on(c.enabled.condstore, "CONDSTORE");
    else if (name == "QRESYNC") {
      turn_on(c.enabled.qresync, "QRESYNC");
      c.enabled.condstore = true;
    } else if (name == "IMAP4REV2")
      turn_on(c.enabled.imap4rev2, "IMAP4rev2");
    else if (name == "UTF8=ACCEPT")
      turn_on(c.enabled.utf8, "UTF8=ACCEPT");
  }
  c.write("* ENABLED" + enabled + "\r\n");
  co_return ok("ENABLE completed");
}

}  // namespace kurir::imap::commands
