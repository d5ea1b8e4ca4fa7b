// Helpers several handlers share: finding a named mailbox with the RFC's
// refusal codes, flag lists in the store's form, UIDs of view positions.
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

boost::asio::awaitable<Result<store::Mailbox>> find_mailbox(Connection& c, const std::string& name,
                                                            bool try_create, Done& refusal) {
  auto& store = c.context.store;
  const auto account = c.account->id;
  auto found = co_await c.blocking([&store, account, &name] { return store.find_mailbox(account, name); });
  if (!found.ok()) {
    if (found.error().code == Errc::not_found)
      refusal = try_create ? no("[TRYCREATE] no such mailbox") : no("[NONEXISTENT] no such mailbox");
    else
      refusal = c.internal_error("find mailbox", found.error());
  }
  co_return found;
}

store::Flags to_store_flags(const FlagList& list) {
  store::Flags flags = list.flags;
  std::sort(flags.keywords.begin(), flags.keywords.end());
  flags.keywords.erase(std::unique(flags.keywords.begin(), flags.keywords.end()), flags.keywords.end());
  return flags;
}

std::vector<store::Uid> uids_of(const SelectedMailbox& mailbox, const std::vector<std::uint32_t>& indexes) {
  std::vector<store::Uid> uids;
  uids.reserve(indexes.size());
  for (auto i : indexes) uids.push_back(mailbox.messages()[i].uid);
  return uids;
}

}  // namespace kurir::imap::commands
