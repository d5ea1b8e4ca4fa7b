// One IMAP connection's state, as the command handlers (imap/commands/) see
// it: the stream and its reader, the state of RFC 9051 3 (not authenticated,
// authenticated, selected, logout), the account once logged in, the selected
// mailbox, the extensions the client has enabled, and the untagged output
// waiting to be written.
//
// Handlers append responses to the output; the session writes it when the
// client has nothing more pipelined (one write per batch), and sends pending
// mailbox updates before each tagged completion (sync()).
//
// SECURITY: a store handle is used only once `account` is set (STYLE.md
// habit 10: only a successful login yields an account). Every read is
// bounded (core/limits.hpp IMAP) and has a deadline.
//
// Thread-safety: owned by the connection's coroutine, on its strand. The
// store's change callback only posts to that strand (ChangeSignal).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "imap/selected_mailbox.hpp"
#include "net/line_reader.hpp"
#include "net/server.hpp"
#include "net/stream.hpp"
#include "service/blocking.hpp"
#include "service/context.hpp"
#include "store/store.hpp"

namespace kurir::imap {

// RFC 9051 3: the connection states (logout is "the session is closing").
enum class State : std::uint8_t { not_authenticated = 1, authenticated = 2, selected = 4, logout = 8 };

// RFC 5161 ENABLE: what the client turned on.
struct Enabled {
  bool condstore = false;  // RFC 7162 3.1 (also implied by a CONDSTORE-using command)
  bool qresync = false;    // RFC 7162 3.2
  bool imap4rev2 = false;  // RFC 9051
  bool utf8 = false;       // RFC 6855 UTF8=ACCEPT (IMAP4rev2 implies UTF-8 names)
};

// Store changes for this account, delivered on the connection's strand.
struct ChangeSignal {
  store::MailboxId selected = 0;              // the mailbox whose changes matter
  bool dirty = false;                         // the selected mailbox changed since the last sync
  boost::asio::steady_timer* wake = nullptr;  // IDLE's waiting timer, cancelled on a change
};

// The tagged completion of a command (RFC 9051 7.1).
struct Done {
  enum class Kind : std::uint8_t { ok, no, bad, sent };  // sent: the handler wrote it (STARTTLS, COMPRESS)
  Kind kind = Kind::ok;
  std::string text;  // "[CODE] text" or "text"
};
inline Done ok(std::string text) {
  return Done{Done::Kind::ok, std::move(text)};
}
inline Done no(std::string text) {
  return Done{Done::Kind::no, std::move(text)};
}
inline Done bad(std::string text) {
  return Done{Done::Kind::bad, std::move(text)};
}

class Connection {
 public:
  Connection(service::Context& context, const ListenerConfig& listener, net::Stream& stream,
             const net::Peer& peer);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Serves the connection until LOGOUT, autologout, too many errors or the
  // peer closing.
  boost::asio::awaitable<void> run();

  // ---- for handlers --------------------------------------------------------
  service::Context& context;
  const ListenerConfig& listener;
  net::Stream& stream;
  const net::Peer& peer;
  net::LineReader reader;
  boost::asio::any_io_executor executor;  // the connection's strand (set by run())

  State state = State::not_authenticated;
  std::optional<store::Account> account;
  std::optional<SelectedMailbox> selected;
  std::vector<store::Uid> saved_search;  // RFC 5182 "$", as UIDs
  Enabled enabled;
  std::shared_ptr<ChangeSignal> signal = std::make_shared<ChangeSignal>();

  // Appends raw response text ("* ...\r\n").
  void write(std::string_view text) { out_ += text; }
  std::size_t pending_output() const { return out_.size(); }
  // Writes what is pending. False when the connection is gone.
  boost::asio::awaitable<bool> flush();

  // Runs blocking work on the worker pool. REQUIRES: `work` captures by
  // reference only (service/blocking.hpp).
  template <class F>
  boost::asio::awaitable<std::invoke_result_t<F>> blocking(F work) {
    co_return co_await service::run_blocking(context.workers, std::move(work));
  }

  // A password may be sent on this connection (RFC 9051 6.2.3 LOGINDISABLED).
  bool plaintext_allowed() const { return context.plaintext_allowed(stream.tls_active(), peer.loopback); }
  // UTF-8 names and strings (RFC 6855 UTF8=ACCEPT, or IMAP4rev2 enabled).
  bool utf8() const { return enabled.utf8 || enabled.imap4rev2; }
  // The largest message APPEND takes (RFC 7889 APPENDLIMIT).
  std::uint64_t message_limit() const;
  // The CAPABILITY list of the current state (without "CAPABILITY").
  std::string capabilities() const;

  // One continuation round (RFC 9051 7.6 "+"): writes "+ prompt", reads a
  // line. Nothing when the connection ended.
  boost::asio::awaitable<std::optional<std::string>> continuation(std::string_view prompt);

  // Logs in `account` (the password was checked): subscribes to its changes.
  void logged_in(store::Account account);
  // Selects (or, with nothing, leaves) a mailbox.
  void select(std::optional<SelectedMailbox> mailbox);

  // Reports the selected mailbox's changes (RFC 9051 7.4.1/7.5.1): asks the
  // store when something changed since the last sync, or always when
  // `force` (after this session's own writes).
  boost::asio::awaitable<Status> sync(bool expunge_allowed, bool force);

  // IDLE: shrinks the selected mailbox's view while the client waits
  // (SelectedMailbox::compact), and reads the rest back from the store.
  // sync() restores by itself when it has changes to fold in.
  void compact_view() {
    if (selected) selected->compact();
  }
  boost::asio::awaitable<Status> restore_view();

  // Logs an internal fault in full; the client gets a short, honest reply
  // with a time stamp to find the log line (STYLE.md habit 6).
  Done internal_error(std::string_view what, const Error& error);

 private:
  boost::asio::awaitable<void> serve_commands();
  boost::asio::awaitable<std::optional<std::string>> read_command(bool& close);

  std::string out_;
  store::Subscription subscription_;
  std::size_t bad_in_a_row_ = 0;
};

}  // namespace kurir::imap
