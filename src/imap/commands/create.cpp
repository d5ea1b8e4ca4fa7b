// RFC 9051 6.3.4 CREATE, with USE (RFC 6154 3, CREATE-SPECIAL-USE). A
// trailing delimiter is dropped; missing superior names are created too.
#include "core/limits.hpp"
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

asio::awaitable<Done> create(Connection& c, const Command& command) {
  const auto& request = std::get<Create>(command.body);
  std::string name = request.mailbox;
  while (!name.empty() && name.back() == '/') name.pop_back();  // RFC 9051 6.3.4: "foo/" creates "foo"
  if (name.empty() || name.size() > limits::kMaxMailboxNameBytes || name.find("//") != std::string::npos)
    co_return no("[CANNOT] invalid mailbox name");
  if (name.size() == 5 && (name[0] | 0x20) == 'i' && (name[1] | 0x20) == 'n' && (name[2] | 0x20) == 'b' &&
      (name[3] | 0x20) == 'o' && (name[4] | 0x20) == 'x')
    co_return no("[ALREADYEXISTS] INBOX always exists");
  auto& store = c.context.store;
  const auto account = c.account->id;
  // RFC 9051 6.3.4: the server SHOULD create the superior names too.
  for (std::size_t at = name.find('/'); at != std::string::npos; at = name.find('/', at + 1)) {
    const std::string parent = name.substr(0, at);
    auto made =
        co_await c.blocking([&store, account, &parent] { return store.create_mailbox(account, parent); });
    if (!made.ok() && made.error().code != Errc::already_exists) {
      if (made.error().code == Errc::invalid_argument || made.error().code == Errc::limit_exceeded)
        co_return no("[CANNOT] " + made.error().message);
      co_return c.internal_error("create mailbox", made.error());
    }
  }
  const auto use = request.use;
  auto made =
      co_await c.blocking([&store, account, &name, use] { return store.create_mailbox(account, name, use); });
  if (!made.ok()) {
    switch (made.error().code) {
      case Errc::already_exists:
        co_return no("[ALREADYEXISTS] mailbox already exists");
      case Errc::invalid_argument:
      case Errc::limit_exceeded:
        co_return no("[CANNOT] " + made.error().message);
      case Errc::conflict:
        co_return no("[USEATTR] " + made.error().message);  // RFC 6154 3
      default:
        co_return c.internal_error("create mailbox", made.error());
    }
  }
  co_return ok("CREATE completed");
}

}  // namespace kurir::imap::commands
