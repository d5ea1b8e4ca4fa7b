// RFC 2177 / RFC 9051 6.3.13 IDLE: "+ idling", then mailbox changes are
// pushed as they happen (EXISTS, EXPUNGE or VANISHED, FETCH FLAGS) until the
// client sends DONE.
//
// Two coroutines share the connection's strand: this one waits for the
// client's DONE (the read is never cancelled, so no input is lost), and a
// pusher waits on a timer that the store's change feed cancels
// (Connection::logged_in), then syncs and writes. DONE stops the pusher and
// waits for it to finish any write before the tagged OK. While nothing
// happens the selected mailbox's view is compacted (SelectedMailbox::compact).
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>

#include "core/limits.hpp"
#include "imap/commands/handlers.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

struct Pusher {
  explicit Pusher(const asio::any_io_executor& executor) : wake(executor), finished(executor) {}
  asio::steady_timer wake;      // cancelled by a change, or to stop
  asio::steady_timer finished;  // cancelled when the pusher has stopped
  bool stop = false;
  bool done = false;
  bool failed = false;  // a write or store call failed
};

asio::awaitable<void> push_changes(Connection& c, Pusher& pusher) {
  while (!pusher.stop) {
    if (c.signal->dirty) {
      auto synced = co_await c.sync(true, false);
      if (!synced.ok()) {
        c.internal_error("idle update", synced.error());
        pusher.failed = true;
        break;
      }
      if (c.pending_output() > 0 && !co_await c.flush()) {
        pusher.failed = true;
        break;
      }
      continue;
    }
    c.compact_view();  // nothing to do until a change: keep only what must be remembered
    pusher.wake.expires_at(asio::steady_timer::time_point::max());
    c.signal->wake = &pusher.wake;
    co_await pusher.wake.async_wait(kNoThrow);
    c.signal->wake = nullptr;
  }
  pusher.done = true;
  pusher.finished.cancel();
}

}  // namespace

asio::awaitable<Done> idle(Connection& c, const Command&) {
  c.write("+ idling\r\n");
  if (!co_await c.flush()) {
    c.state = State::logout;
    co_return Done{Done::Kind::sent, {}};
  }
  Pusher pusher(c.executor);
  pusher.finished.expires_at(asio::steady_timer::time_point::max());
  // Changes already noticed before IDLE are sent at once (RFC 2177 3).
  asio::co_spawn(c.executor, push_changes(c, pusher), asio::detached);

  // RFC 9051 5.4: the autologout timer runs during IDLE too.
  const auto line =
      co_await c.reader.read_line(limits::kMaxImapLineBytes, std::chrono::seconds(limits::kImapIdleSeconds));
  pusher.stop = true;
  pusher.wake.cancel();
  while (!pusher.done) co_await pusher.finished.async_wait(kNoThrow);

  // The whole view again for the commands after IDLE (the session ends
  // rather than go on with a view it could not restore).
  auto restored = co_await c.restore_view();
  if (!restored.ok()) {
    c.internal_error("idle restore", restored.error());
    c.write("* BYE [SERVERBUG] internal error\r\n");
    c.state = State::logout;
    co_return Done{Done::Kind::sent, {}};
  }
  if (line.status == net::ReadStatus::timeout) {
    c.write("* BYE [UNAVAILABLE] autologout: idle for too long\r\n");
    c.state = State::logout;
    co_return Done{Done::Kind::sent, {}};
  }
  if (line.status != net::ReadStatus::ok || pusher.failed) {
    c.state = State::logout;
    co_return Done{Done::Kind::sent, {}};
  }
  // RFC 2177 3: anything but DONE ends the IDLE with BAD.
  std::string text(line.text);
  for (char& ch : text) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (text != "DONE") co_return bad("expected DONE");
  co_return ok("IDLE terminated");
}

}  // namespace kurir::imap::commands
