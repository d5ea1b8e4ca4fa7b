// RFC 2971 3.1 ID: the client says who it is (logged), the server answers
// with its name. Valid in every state.
#include "core/log.hpp"
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

boost::asio::awaitable<Done> id(Connection& c, const Command& command) {
  const auto& request = std::get<Id>(command.body);
  std::string client;
  for (const auto& [field, value] : request.fields) {
    // RFC 2971 3.3: at most 30 pairs, fields up to 30 and values up to 1024 octets (the parser's bounds).
    if (!client.empty()) client += ", ";
    client += field + "=" + value;
  }
  if (!client.empty()) log::debug("imap ID from {}: {}", c.peer.address, client);
  c.write("* ID (\"name\" \"Kurir\" \"vendor\" \"Kurir\")\r\n");
  co_return ok("ID completed");
}

}  // namespace kurir::imap::commands
