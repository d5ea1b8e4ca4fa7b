#include "imap/connection.hpp"

#include <boost/asio/post.hpp>
#include <ctime>

#include "core/limits.hpp"
#include "core/log.hpp"

namespace kurir::imap {

namespace asio = boost::asio;

namespace {

constexpr std::chrono::seconds kIdle{limits::kImapIdleSeconds};

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace

Connection::Connection(service::Context& context_, const ListenerConfig& listener_, net::Stream& stream_,
                       const net::Peer& peer_)
    : context(context_), listener(listener_), stream(stream_), peer(peer_), reader(stream_) {}

Connection::~Connection() = default;

asio::awaitable<bool> Connection::flush() {
  if (out_.empty()) co_return true;
  const bool ok = co_await stream.write(out_);
  out_.clear();
  co_return ok;
}

std::uint64_t Connection::message_limit() const {
  return context.config.message_size ? context.config.message_size : limits::kMaxMessageBytes;
}

std::string Connection::capabilities() const {
  std::string caps = "IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR ID ENABLE IDLE";
  if (state == State::not_authenticated) {
    if (listener.tls == TlsMode::starttls && !stream.tls_active()) caps += " STARTTLS";
    // RFC 9051 6.2.3 / 7.2.2: LOGINDISABLED, and no AUTH= that would send a password.
    if (plaintext_allowed())
      caps += " AUTH=PLAIN AUTH=LOGIN";
    else
      caps += " LOGINDISABLED";
    return caps;
  }
  caps +=
      " NAMESPACE UNSELECT UIDPLUS MOVE CONDSTORE QRESYNC ESEARCH SEARCHRES SORT THREAD=ORDEREDSUBJECT"
      " THREAD=REFERENCES SPECIAL-USE CREATE-SPECIAL-USE LIST-EXTENDED LIST-STATUS CHILDREN STATUS=SIZE"
      " UTF8=ACCEPT BINARY MULTIAPPEND QUOTA QUOTA=RES-STORAGE COMPRESS=DEFLATE";
  caps += " APPENDLIMIT=" + std::to_string(message_limit());  // RFC 7889 2
  return caps;
}

asio::awaitable<std::optional<std::string>> Connection::continuation(std::string_view prompt) {
  out_ += "+ ";
  out_ += prompt;
  out_ += "\r\n";
  if (!co_await flush()) co_return std::nullopt;
  const auto line = co_await reader.read_line(limits::kMaxSaslResponseBytes, kIdle);
  if (line.status == net::ReadStatus::too_long) co_return std::string("\n");  // never valid base64
  if (line.status != net::ReadStatus::ok) co_return std::nullopt;
  co_return std::string(line.text);
}

void Connection::logged_in(store::Account who) {
  account = std::move(who);
  state = State::authenticated;
  // The change feed calls back on a store thread: hop to this connection's
  // strand, where `signal` is read and written. The posted work holds the
  // signal, not the connection, so it is safe after the session ended.
  subscription_ = context.store.subscribe(
      account->id, [signal = signal, executor = executor](const store::Change& change) {
        asio::post(executor, [signal, mailbox = change.mailbox] {
          if (signal->selected == 0 || mailbox != signal->selected) return;
          signal->dirty = true;
          if (signal->wake) signal->wake->cancel();
        });
      });
}

void Connection::select(std::optional<SelectedMailbox> mailbox) {
  selected = std::move(mailbox);
  saved_search.clear();  // RFC 5182 2.1: "$" is reset by SELECT, EXAMINE, CLOSE, UNSELECT
  signal->selected = selected ? selected->id() : 0;
  signal->dirty = false;
  state = selected ? State::selected : State::authenticated;
}

asio::awaitable<Status> Connection::sync(bool expunge_allowed, bool force) {
  if (!selected) {
    signal->dirty = false;
    co_return Status{};
  }
  if (!force && !signal->dirty && !(expunge_allowed && selected->has_pending_expunges())) co_return Status{};
  signal->dirty = false;
  if (selected->compacted()) {
    auto restored = co_await restore_view();
    if (!restored.ok()) co_return restored;
  }
  auto& store = context.store;
  const auto id = selected->id();
  const auto since = selected->seen_modseq();
  auto changes = co_await blocking([&store, id, since] { return store.changes_since(id, since); });
  if (!changes.ok()) co_return changes.error();
  UpdateRules rules;
  rules.expunge_allowed = expunge_allowed;
  rules.vanished = enabled.qresync;
  rules.modseq = enabled.condstore;
  out_ += selected->apply(*changes, rules);
  co_return Status{};
}

asio::awaitable<Status> Connection::restore_view() {
  if (!selected || !selected->compacted()) co_return Status{};
  auto& store = context.store;
  const auto id = selected->id();
  auto stored = co_await blocking([&store, id] { return store.list_messages(id); });
  if (!stored.ok()) co_return stored.error();
  selected->restore(std::move(*stored));
  co_return Status{};
}

Done Connection::internal_error(std::string_view what, const Error& error) {
  const std::string when = utc_now();
  log::error("imap {} from {}: {}: {}: {} ({})", account ? account->address : std::string("-"), peer.address,
             what, errc_name(error.code), error.message, when);
  // RFC 5530 3: SERVERBUG, with the time to find the log line.
  return no("[SERVERBUG] internal error at " + when + ", please try again later");
}

}  // namespace kurir::imap
