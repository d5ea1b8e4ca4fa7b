// RFC 9051 6.3.12 APPEND, several messages in one command (RFC 3502
// MULTIAPPEND), with flags and internal dates; APPENDUID (RFC 4315 3).
// Each message is parsed once, here, on a worker (DESIGN.md "parse once").
#include "imap/commands/handlers.hpp"
#include "imap/response.hpp"
#include "mime/message.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

asio::awaitable<Done> append(Connection& c, const Command& command) {
  const auto& request = std::get<Append>(command.body);
  Done refusal;
  auto mailbox = co_await find_mailbox(c, request.mailbox, true, refusal);
  if (!mailbox.ok()) co_return refusal;
  auto& store = c.context.store;
  const auto id = mailbox->id;
  std::vector<std::uint32_t> uids;
  std::uint32_t uidvalidity = mailbox->uidvalidity;
  for (const auto& message : request.messages) {
    if (message.bytes.size() > c.message_limit()) co_return no("[TOOBIG] message too large");  // RFC 7889
    // XXX RFC 3502 6: MULTIAPPEND should be all or nothing; messages appended
    // before a failing one stay (the store appends one at a time).
    auto appended = co_await c.blocking([&store, id, &message] {
      store::MessageInput input;
      input.bytes = message.bytes;
      input.parsed = mime::parse_message(input.bytes);
      input.flags = to_store_flags(message.flags);
      input.internal_date = message.internal_date.value_or(0);
      return store.append(id, std::move(input));
    });
    if (!appended.ok()) {
      if (appended.error().code == Errc::quota_exceeded)
        co_return no("[OVERQUOTA] the account's quota is full");
      if (appended.error().code == Errc::not_found) co_return no("[TRYCREATE] no such mailbox");
      co_return c.internal_error("append", appended.error());
    }
    uids.push_back(appended->uid);
    uidvalidity = appended->uidvalidity;
  }
  // This session's own APPEND to the selected mailbox shows as EXISTS now.
  if (c.selected && c.selected->id() == id) {
    auto synced = co_await c.sync(true, true);
    if (!synced.ok()) co_return c.internal_error("mailbox update", synced.error());
  }
  // RFC 4315 3: APPENDUID uidvalidity uid-set (ascending: appended in order).
  co_return ok("[APPENDUID " + std::to_string(uidvalidity) + " " + number_set(uids) + "] APPEND completed");
}

}  // namespace kurir::imap::commands
