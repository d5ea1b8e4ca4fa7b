#include "imap/commands/dispatch.hpp"

#include <variant>

#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

namespace {

namespace asio = boost::asio;

constexpr std::uint8_t kAny = static_cast<std::uint8_t>(State::not_authenticated) |
                              static_cast<std::uint8_t>(State::authenticated) |
                              static_cast<std::uint8_t>(State::selected);
constexpr std::uint8_t kNotAuthenticated = static_cast<std::uint8_t>(State::not_authenticated);
constexpr std::uint8_t kAuthenticated =
    static_cast<std::uint8_t>(State::authenticated) | static_cast<std::uint8_t>(State::selected);
constexpr std::uint8_t kSelected = static_cast<std::uint8_t>(State::selected);

struct Spec {
  std::uint8_t states;  // RFC 9051 6: the states the command is valid in
  Handler handler;
};

// One entry per alternative of CommandBody; a missing one does not compile.
template <class T>
struct Table;
#define KURIR_IMAP_COMMAND(Type, states, handler) \
  template <>                                     \
  struct Table<Type> {                            \
    static constexpr Spec spec{states, handler};  \
  }

KURIR_IMAP_COMMAND(Capability, kAny, capability);                   // RFC 9051 6.1.1
KURIR_IMAP_COMMAND(Noop, kAny, noop);                               // RFC 9051 6.1.2
KURIR_IMAP_COMMAND(Logout, kAny, logout);                           // RFC 9051 6.1.3
KURIR_IMAP_COMMAND(Id, kAny, id);                                   // RFC 2971 3.1
KURIR_IMAP_COMMAND(StartTls, kNotAuthenticated, starttls);          // RFC 9051 6.2.1
KURIR_IMAP_COMMAND(Authenticate, kNotAuthenticated, authenticate);  // RFC 9051 6.2.2
KURIR_IMAP_COMMAND(Login, kNotAuthenticated, login);                // RFC 9051 6.2.3
KURIR_IMAP_COMMAND(Compress, kAuthenticated, compress);             // RFC 4978 3
KURIR_IMAP_COMMAND(Enable, kAuthenticated, enable);                 // RFC 9051 6.3.1, RFC 5161 3.1
KURIR_IMAP_COMMAND(Select, kAuthenticated, select);                 // RFC 9051 6.3.2 / 6.3.3
KURIR_IMAP_COMMAND(Create, kAuthenticated, create);                 // RFC 9051 6.3.4
KURIR_IMAP_COMMAND(Delete, kAuthenticated, delete_);                // RFC 9051 6.3.5
KURIR_IMAP_COMMAND(Rename, kAuthenticated, rename);                 // RFC 9051 6.3.6
KURIR_IMAP_COMMAND(Subscribe, kAuthenticated, subscribe);           // RFC 9051 6.3.7 / 6.3.8
KURIR_IMAP_COMMAND(List, kAuthenticated, list);                     // RFC 9051 6.3.9, RFC 3501 6.3.9 LSUB
KURIR_IMAP_COMMAND(Namespace, kAuthenticated, namespace_);          // RFC 9051 6.3.10
KURIR_IMAP_COMMAND(StatusRequest, kAuthenticated, status);          // RFC 9051 6.3.11
KURIR_IMAP_COMMAND(Append, kAuthenticated, append);                 // RFC 9051 6.3.12
KURIR_IMAP_COMMAND(Idle, kAuthenticated, idle);                     // RFC 9051 6.3.13
KURIR_IMAP_COMMAND(GetQuota, kAuthenticated, getquota);             // RFC 9208 4.2
KURIR_IMAP_COMMAND(GetQuotaRoot, kAuthenticated, getquotaroot);     // RFC 9208 4.3
KURIR_IMAP_COMMAND(SetQuota, kAuthenticated, setquota);             // RFC 9208 4.1
KURIR_IMAP_COMMAND(Check, kSelected, check);                        // RFC 3501 6.4.1
KURIR_IMAP_COMMAND(Close, kSelected, close);                        // RFC 9051 6.4.1
KURIR_IMAP_COMMAND(Unselect, kSelected, unselect);                  // RFC 9051 6.4.2
KURIR_IMAP_COMMAND(Expunge, kSelected, expunge);                    // RFC 9051 6.4.3, RFC 4315 2.1
KURIR_IMAP_COMMAND(Search, kSelected, search);                      // RFC 9051 6.4.4
KURIR_IMAP_COMMAND(Sort, kSelected, sort);                          // RFC 5256 3
KURIR_IMAP_COMMAND(Thread, kSelected, thread);                      // RFC 5256 3
KURIR_IMAP_COMMAND(Fetch, kSelected, fetch);                        // RFC 9051 6.4.5
KURIR_IMAP_COMMAND(Store, kSelected, store);                        // RFC 9051 6.4.6
KURIR_IMAP_COMMAND(Copy, kSelected, copy);                          // RFC 9051 6.4.7 / 6.4.8
#undef KURIR_IMAP_COMMAND

// RFC 9051 7.5.1: no EXPUNGE while answering these by sequence number.
bool expunge_allowed(const CommandBody& body) {
  return std::visit(
      [](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, Fetch> || std::is_same_v<T, Store> || std::is_same_v<T, Search> ||
                      std::is_same_v<T, Sort> || std::is_same_v<T, Thread>)
          return b.uid;
        else if constexpr (std::is_same_v<T, Copy>)
          return b.uid || b.move;  // MOVE reports its own expunges (RFC 6851 3.3)
        else
          return true;
      },
      body);
}

}  // namespace

asio::awaitable<Done> dispatch(Connection& c, const Command& command) {
  const Spec spec =
      std::visit([](const auto& b) { return Table<std::decay_t<decltype(b)>>::spec; }, command.body);
  if (!(spec.states & static_cast<std::uint8_t>(c.state))) {
    if (c.state == State::not_authenticated) co_return bad("log in first");
    if (spec.states == kSelected) co_return bad("no mailbox selected");
    co_return bad("not valid in this state");
  }
  Done done = co_await spec.handler(c, command);
  if (done.kind != Done::Kind::sent && c.state == State::selected) {
    // NOOP and CHECK are how clients poll (RFC 9051 6.1.2): they read the
    // store's changes even before the change notice reaches this session,
    // so a change another session was told is done is always reported.
    const bool poll = std::holds_alternative<Noop>(command.body) || std::holds_alternative<Check>(command.body);
    auto synced = co_await c.sync(expunge_allowed(command.body), poll);
    if (!synced.ok()) co_return c.internal_error("mailbox update", synced.error());
  }
  co_return done;
}

}  // namespace kurir::imap::commands
