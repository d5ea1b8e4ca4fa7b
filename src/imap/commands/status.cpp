// RFC 9051 6.3.11 STATUS, with SIZE (RFC 8438), HIGHESTMODSEQ (RFC 7162
// 3.1.6), APPENDLIMIT (RFC 7889 3) and IMAP4rev1's RECENT (always 0). The
// counts come from the store's mailbox row; DELETED counts \Deleted messages.
#include "imap/commands/handlers.hpp"
#include "imap/response.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

asio::awaitable<Result<std::string>> status_response(Connection& c, const store::Mailbox& mailbox,
                                                     const StatusItems& items) {
  std::string data;
  auto add = [&](const char* name, std::uint64_t value) {
    if (!data.empty()) data += ' ';
    data += name;
    data += ' ';
    data += std::to_string(value);
  };
  if (items.messages) add("MESSAGES", mailbox.messages);
  if (items.uidnext) add("UIDNEXT", mailbox.uidnext);
  if (items.uidvalidity) add("UIDVALIDITY", mailbox.uidvalidity);
  if (items.unseen) add("UNSEEN", mailbox.unseen);
  if (items.deleted) {
    auto& store = c.context.store;
    const auto id = mailbox.id;
    auto messages = co_await c.blocking([&store, id] { return store.list_messages(id); });
    if (!messages.ok()) co_return messages.error();
    std::uint64_t deleted = 0;
    for (const auto& m : *messages) deleted += (m.flags.system & store::kDeleted) ? 1 : 0;
    add("DELETED", deleted);
  }
  if (items.size) add("SIZE", mailbox.size);
  if (items.highestmodseq) {
    add("HIGHESTMODSEQ", mailbox.highestmodseq);
    c.enabled.condstore = true;  // RFC 7162 3.1: a CONDSTORE-enabling command
  }
  if (items.recent) add("RECENT", 0);
  if (items.appendlimit) add("APPENDLIMIT", c.message_limit());
  co_return "* STATUS " + mailbox_name(mailbox.name, c.utf8()) + " (" + data + ")\r\n";
}

asio::awaitable<Done> status(Connection& c, const Command& command) {
  const auto& request = std::get<StatusRequest>(command.body);
  Done refusal;
  auto mailbox = co_await find_mailbox(c, request.mailbox, false, refusal);
  if (!mailbox.ok()) co_return refusal;
  auto response = co_await status_response(c, *mailbox, request.items);
  if (!response.ok()) co_return c.internal_error("status", response.error());
  c.write(*response);
  co_return ok("STATUS completed");
}

}  // namespace kurir::imap::commands
