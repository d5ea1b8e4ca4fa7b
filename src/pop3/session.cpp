#include "pop3/session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cctype>
#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "auth/sasl.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "net/line_reader.hpp"
#include "pop3/dot_stuffing.hpp"
#include "pop3/maildrop_lock.hpp"
#include "pop3/parser.hpp"
#include "service/blocking.hpp"

namespace kurir::pop3 {

namespace {

namespace asio = boost::asio;

constexpr std::chrono::seconds kIdle{limits::kPop3IdleSeconds};
constexpr std::chrono::seconds kTlsHandshake{30};

// One message of the snapshot taken at login; numbered from 1 by position.
struct Entry {
  store::Uid uid = 0;
  std::uint64_t size = 0;  // octets as sent, before dot-stuffing: the store keeps CRLF
  std::int64_t content_id = 0;
  bool deleted = false;
};

// The state after a successful login (RFC 1939 5 TRANSACTION).
struct Maildrop {
  store::Account account;
  store::Mailbox inbox;
  std::vector<Entry> messages;
  MaildropLock lock;
};

bool ends_with_blank_line(std::string_view header) {
  return header == "\r\n" || header == "\n" || header.ends_with("\n\r\n") || header.ends_with("\n\n");
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

class Session {
 public:
  Session(service::Context& context, const ListenerConfig& listener, net::Stream& stream, const net::Peer& peer)
      : context_(context), listener_(listener), stream_(stream), peer_(peer), reader_(stream) {}

  asio::awaitable<void> run();

 private:
  enum class Next { carry_on, close };

  asio::awaitable<Next> handle(const Command& command);
  asio::awaitable<Next> handle_authorization(const Command& command);
  asio::awaitable<Next> handle_transaction(const Command& command);

  // AUTHORIZATION
  void capa();
  asio::awaitable<Next> stls();
  asio::awaitable<Next> auth(const Command& command);
  asio::awaitable<std::optional<std::string>> sasl_challenge(std::string_view challenge);
  asio::awaitable<Next> login(std::string name, std::string password);
  bool may_send_password() const { return context_.plaintext_allowed(stream_.tls_active(), peer_.loopback); }

  // TRANSACTION
  Entry* find(std::uint32_t number);
  void stat();
  void list(const Command& command);
  void uidl(const Command& command);
  void dele(const Command& command);
  void rset();
  asio::awaitable<Next> retr_or_top(const Command& command);
  asio::awaitable<Result<std::string>> read_message(std::uint32_t number);
  asio::awaitable<void> quit();

  void reply(std::string_view line) {
    out_ += line;
    out_ += "\r\n";
  }
  // A protocol error: counts towards limits::kMaxPop3ErrorsPerSession.
  Next error(std::string_view text);
  Next internal_error(std::string_view what, const Error& error);
  asio::awaitable<bool> flush();

  service::Context& context_;
  const ListenerConfig& listener_;
  net::Stream& stream_;
  const net::Peer& peer_;
  net::LineReader reader_;
  std::string out_;  // replies not yet written (RFC 2449 6.6 PIPELINING: one write for a batch)
  std::size_t errors_ = 0;
  std::string user_;  // from USER, waiting for PASS
  std::optional<Maildrop> maildrop_;
  // Messages read ahead of their RETR/TOP (see read_message), by number.
  std::vector<std::pair<std::uint32_t, Result<std::string>>> read_ahead_;
};

Session::Next Session::error(std::string_view text) {
  reply(std::string("-ERR ") + std::string(text));
  if (++errors_ < limits::kMaxPop3ErrorsPerSession) return Next::carry_on;
  reply("-ERR too many errors, closing the connection");
  return Next::close;
}

Session::Next Session::internal_error(std::string_view what, const Error& error) {
  const std::string when = utc_now();
  log::error("pop3 {} from {}: {}: {} ({})", maildrop_ ? maildrop_->account.address : user_, peer_.address, what,
             error.message, when);
  // RFC 3206 4: SYS/TEMP, a problem that may go away if the client tries again.
  reply("-ERR [SYS/TEMP] internal error at " + when + ", please try again later");
  return Next::carry_on;
}

asio::awaitable<bool> Session::flush() {
  if (out_.empty()) co_return true;
  const bool ok = co_await stream_.write(out_);
  out_.clear();
  co_return ok;
}

asio::awaitable<void> Session::run() {
  reply("+OK Kurir POP3 server ready");
  for (;;) {
    // Pipelined commands (RFC 2449 6.6) are answered together in one write.
    if (reader_.buffered() == 0 || out_.size() >= limits::kPop3RetrChunkBytes) {
      if (!co_await flush()) co_return;
      // After a large response, give the memory back while the client reads it.
      if (out_.capacity() > limits::kPop3RetrChunkBytes) {
        std::string().swap(out_);
        reader_.shrink();
      }
    }
    const auto line = co_await reader_.read_line(limits::kMaxPop3CredentialLineBytes, kIdle);
    if (line.status == net::ReadStatus::closed) co_return;  // RFC 1939 6: no UPDATE state without QUIT
    if (line.status == net::ReadStatus::timeout) {
      // RFC 1939 3: the autologout timer ends the session without UPDATE.
      reply("-ERR idle for too long, closing the connection");
      co_await flush();
      co_return;
    }
    Next next;
    if (line.status == net::ReadStatus::too_long) {
      next = error("line too long");
    } else if (auto command = parse_command(line.text); !command.ok()) {
      next = error(command.error().message);
    } else {
      next = co_await handle(*command);
    }
    if (next == Next::close) {
      co_await flush();
      co_return;
    }
  }
}

asio::awaitable<Session::Next> Session::handle(const Command& command) {
  if (command.verb == Verb::quit) {
    if (maildrop_) co_await quit();
    else reply("+OK Kurir POP3 server signing off");
    co_return Next::close;
  }
  if (command.verb == Verb::noop && maildrop_) {
    reply("+OK");
    co_return Next::carry_on;
  }
  if (command.verb == Verb::capa) {
    capa();
    co_return Next::carry_on;
  }
  // (if/else, not ?: : g++ 12 mishandles co_await inside a conditional expression)
  if (maildrop_) co_return co_await handle_transaction(command);
  co_return co_await handle_authorization(command);
}

// RFC 2449 5: the capabilities of the current state.
void Session::capa() {
  reply("+OK Capability list follows");
  reply("TOP");
  reply("UIDL");
  reply("RESP-CODES");
  reply("AUTH-RESP-CODE");
  reply("PIPELINING");
  if (!maildrop_) {
    if (may_send_password()) {
      reply("USER");
      reply("SASL PLAIN LOGIN");
    }
    if (listener_.tls == TlsMode::starttls && !stream_.tls_active()) reply("STLS");
    reply("UTF8 USER");  // RFC 6856 2: also UTF-8 in USER and PASS
  }
  reply("IMPLEMENTATION Kurir");
  reply(".");
}

asio::awaitable<Session::Next> Session::handle_authorization(const Command& command) {
  switch (command.verb) {
    case Verb::user:
      if (!may_send_password())
        co_return error("[AUTH] Plaintext authentication is not allowed on this connection; use STLS first");
      // The same answer for every name: it does not tell which exist.
      user_ = command.text;
      reply("+OK send PASS");
      co_return Next::carry_on;
    case Verb::pass: {
      if (!may_send_password())
        co_return error("[AUTH] Plaintext authentication is not allowed on this connection; use STLS first");
      if (user_.empty()) co_return error("send USER first");
      std::string name = std::move(user_);
      user_.clear();
      co_return co_await login(std::move(name), command.text);
    }
    case Verb::auth: co_return co_await auth(command);
    case Verb::apop: co_return error("APOP is not offered; use USER and PASS, or AUTH");
    case Verb::stls: co_return co_await stls();
    case Verb::utf8:
      // RFC 6856 3: valid in AUTHORIZATION state; stored messages are sent as they are.
      reply("+OK UTF8 enabled");
      co_return Next::carry_on;
    default: co_return error("log in first");
  }
}

// RFC 2595 4: STLS, only in AUTHORIZATION state.
asio::awaitable<Session::Next> Session::stls() {
  if (listener_.tls != TlsMode::starttls || stream_.tls_active()) co_return error("STLS is not available here");
  // RFC 2595 4 / CVE-2011-0411: nothing the client sent before the handshake
  // may be taken as a command after it.
  reader_.discard_buffered();
  user_.clear();
  reply("+OK Begin TLS negotiation");
  if (!co_await flush()) co_return Next::close;
  auto started = co_await stream_.start_tls(kTlsHandshake);
  if (!started.ok()) {
    log::info("pop3 STLS from {} failed: {}", peer_.address, started.error().message);
    co_return Next::close;
  }
  co_return Next::carry_on;
}

// One line of a SASL exchange (RFC 5034 4): nothing when the connection ended.
asio::awaitable<std::optional<std::string>> Session::sasl_challenge(std::string_view challenge) {
  reply(std::string("+ ") + std::string(challenge));
  if (!co_await flush()) co_return std::nullopt;
  const auto line = co_await reader_.read_line(limits::kMaxPop3CredentialLineBytes, kIdle);
  if (line.status == net::ReadStatus::too_long) co_return std::string("\n");  // never valid base64
  if (line.status != net::ReadStatus::ok) co_return std::nullopt;
  co_return std::string(line.text);
}

// RFC 5034 4: AUTH mechanism [initial-response].
asio::awaitable<Session::Next> Session::auth(const Command& command) {
  if (!may_send_password())
    co_return error("[AUTH] Plaintext authentication is not allowed on this connection; use STLS first");
  if (command.text.empty()) {
    // Not in RFC 5034, but older clients send a bare AUTH for the list.
    reply("+OK SASL mechanisms follow");
    reply("PLAIN");
    reply("LOGIN");
    reply(".");
    co_return Next::carry_on;
  }
  // RFC 5034 4: "=" is an initial response of zero length.
  auto initial = command.initial_response;
  if (initial && *initial == "=") initial = std::string();
  if (command.text == "PLAIN") {
    std::string response;
    if (initial) {
      response = *initial;
    } else {
      auto got = co_await sasl_challenge("");
      if (!got) co_return Next::close;
      response = std::move(*got);
    }
    if (auth::is_sasl_cancel(response)) co_return error("authentication cancelled");
    auto plain = auth::decode_plain(response);
    if (!plain.ok()) co_return error("malformed PLAIN response");
    // RFC 4616 2: acting as another identity is not offered.
    if (!plain->authzid.empty() && plain->authzid != plain->authcid)
      co_return error("[AUTH] logging in as another user is not allowed");
    co_return co_await login(std::move(plain->authcid), std::move(plain->password));
  }
  if (command.text == "LOGIN") {
    std::optional<std::string> name64 = initial;
    if (!name64) name64 = co_await sasl_challenge(auth::kLoginUsernamePrompt);
    if (!name64) co_return Next::close;
    if (auth::is_sasl_cancel(*name64)) co_return error("authentication cancelled");
    auto password64 = co_await sasl_challenge(auth::kLoginPasswordPrompt);
    if (!password64) co_return Next::close;
    if (auth::is_sasl_cancel(*password64)) co_return error("authentication cancelled");
    auto name = auth::decode_base64(*name64);
    auto password = auth::decode_base64(*password64);
    if (!name.ok() || !password.ok() || name->empty()) co_return error("malformed LOGIN response");
    co_return co_await login(std::move(*name), std::move(*password));
  }
  co_return error("unsupported SASL mechanism");
}

// RFC 1939 7 PASS / RFC 5034 AUTH: the password check, the account's POP3
// switch, the maildrop lock and the snapshot. On failure the session stays
// in AUTHORIZATION state.
asio::awaitable<Session::Next> Session::login(std::string name, std::string password) {
  // The shared throttle: the answer waits longer after each failure.
  // Keyed like Login::verify() records failures: the address in lower case.
  std::string key = name;
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto wait = context_.login.delay(peer_.address, key);
  if (wait.count() > 0) {
    asio::steady_timer timer(co_await asio::this_coro::executor, wait);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  // The lambdas given to run_blocking capture only references to locals:
  // g++ 12 destroys a temporary in a co_await expression twice (a capture
  // that owns memory is freed twice) and may capture a coroutine parameter
  // from outside the frame.
  const std::string user = name;
  const std::string secret = password;
  const std::string ip = peer_.address;
  auto& login = context_.login;
  auto account = co_await service::run_blocking(context_.workers, [&login, &user, &secret, &ip] {
    return login.verify(user, secret, ip);
  });
  if (!account.ok()) {
    if (account.error().code != Errc::permission_denied) co_return internal_error("login", account.error());
    co_return error("[AUTH] invalid user name or password");  // RFC 3206 4
  }
  if (!account->pop3_enabled) co_return error("[AUTH] POP3 access is turned off for this account");
  auto lock = MaildropLock::try_acquire(account->id);
  // RFC 2449 8.1.1: IN-USE, the maildrop is locked by another session.
  if (!lock) co_return error("[IN-USE] the maildrop is in use by another POP3 session");

  auto& store = context_.store;
  const auto id = account->id;
  auto inbox = co_await service::run_blocking(context_.workers, [&store, id] { return store.find_mailbox(id, "INBOX"); });
  if (!inbox.ok()) co_return internal_error("open INBOX", inbox.error());
  const auto mailbox = inbox->id;
  auto metas = co_await service::run_blocking(context_.workers, [&store, mailbox] { return store.list_messages(mailbox); });
  if (!metas.ok()) co_return internal_error("list INBOX", metas.error());

  std::vector<Entry> messages;
  messages.reserve(metas->size());
  std::uint64_t octets = 0;
  for (const auto& m : *metas) {
    messages.push_back(Entry{m.uid, m.size, m.content_id, false});
    octets += m.size;
  }
  log::info("pop3 login {} from {}", account->address, peer_.address);
  reply("+OK " + account->address + " has " + std::to_string(messages.size()) + " messages (" +
        std::to_string(octets) + " octets)");
  maildrop_.emplace(Maildrop{std::move(*account), std::move(*inbox), std::move(messages), std::move(*lock)});
  co_return Next::carry_on;
}

asio::awaitable<Session::Next> Session::handle_transaction(const Command& command) {
  switch (command.verb) {
    case Verb::stat: stat(); break;
    case Verb::list: list(command); break;
    case Verb::uidl: uidl(command); break;
    case Verb::dele: dele(command); break;
    case Verb::rset: rset(); break;
    case Verb::retr:
    case Verb::top: co_return co_await retr_or_top(command);
    default: co_return error("already logged in");
  }
  co_return Next::carry_on;
}

// A message by its number, or nothing (and the reply said why).
Entry* Session::find(std::uint32_t number) {
  auto& messages = maildrop_->messages;
  if (number == 0 || number > messages.size()) {
    reply("-ERR no such message");
    return nullptr;
  }
  Entry& e = messages[number - 1];
  if (e.deleted) {
    // RFC 1939 5: a message marked as deleted may not be referred to.
    reply("-ERR message " + std::to_string(number) + " is deleted");
    return nullptr;
  }
  return &e;
}

void Session::stat() {
  std::size_t count = 0;
  std::uint64_t octets = 0;
  for (const auto& e : maildrop_->messages) {
    if (e.deleted) continue;
    ++count;
    octets += e.size;
  }
  reply("+OK " + std::to_string(count) + " " + std::to_string(octets));  // RFC 1939 5 drop listing
}

void Session::list(const Command& command) {
  if (command.message) {
    if (const Entry* e = find(*command.message)) reply("+OK " + std::to_string(*command.message) + " " + std::to_string(e->size));
    return;
  }
  reply("+OK scan listing follows");
  const auto& messages = maildrop_->messages;
  for (std::size_t i = 0; i < messages.size(); ++i)
    if (!messages[i].deleted) reply(std::to_string(i + 1) + " " + std::to_string(messages[i].size));
  reply(".");
}

// RFC 1939 7: a unique-id is 1-70 characters 0x21-0x7E, the same for a
// message in every session. UIDVALIDITY.UID names a message for as long as
// IMAP does, and changes exactly when IMAP's UIDs do.
void Session::uidl(const Command& command) {
  const std::string prefix = std::to_string(maildrop_->inbox.uidvalidity) + ".";
  if (command.message) {
    if (const Entry* e = find(*command.message))
      reply("+OK " + std::to_string(*command.message) + " " + prefix + std::to_string(e->uid));
    return;
  }
  reply("+OK unique-id listing follows");
  const auto& messages = maildrop_->messages;
  for (std::size_t i = 0; i < messages.size(); ++i)
    if (!messages[i].deleted) reply(std::to_string(i + 1) + " " + prefix + std::to_string(messages[i].uid));
  reply(".");
}

void Session::dele(const Command& command) {
  if (Entry* e = find(*command.message)) {
    e->deleted = true;  // RFC 1939 6: removed only in the UPDATE state
    reply("+OK message " + std::to_string(*command.message) + " deleted");
  }
}

void Session::rset() {
  std::size_t count = 0;
  std::uint64_t octets = 0;
  for (auto& e : maildrop_->messages) {
    e.deleted = false;
    ++count;
    octets += e.size;
  }
  reply("+OK maildrop has " + std::to_string(count) + " messages (" + std::to_string(octets) + " octets)");
}

// RFC 1939 7 RETR and TOP: the stored bytes, dot-stuffed, in chunks. TOP
// sends the header (its end is stored with the parse: parts[0].body_begin)
// and the first n lines of the body.
asio::awaitable<Session::Next> Session::retr_or_top(const Command& command) {
  const Entry* e = find(*command.message);
  if (!e) co_return Next::carry_on;
  auto& store = context_.store;
  const auto content_id = e->content_id;
  auto content = co_await read_message(*command.message);
  if (!content.ok()) {
    // Expunged meanwhile by an IMAP session: the snapshot still lists it.
    if (content.error().code == Errc::not_found) {
      reply("-ERR message " + std::to_string(*command.message) + " was removed by another session");
      co_return Next::carry_on;
    }
    co_return internal_error("read message", content.error());
  }
  std::string_view bytes = *content;
  std::size_t header_end = 0;
  if (command.verb == Verb::top) {
    auto structure =
        co_await service::run_blocking(context_.workers, [&store, content_id] { return store.read_structure(content_id); });
    if (!structure.ok()) co_return internal_error("read message structure", structure.error());
    header_end = structure->parts.empty() ? bytes.size() : std::min<std::size_t>(structure->parts[0].body_begin, bytes.size());
    bytes = bytes.substr(0, header_end + first_lines_end(bytes.substr(header_end), command.lines));
    reply("+OK top of message follows");
  } else {
    reply("+OK " + std::to_string(e->size) + " octets");
  }

  DotStuffer stuffer;
  for (std::size_t pos = 0; pos < bytes.size(); pos += limits::kPop3RetrChunkBytes) {
    stuffer.append(bytes.substr(pos, limits::kPop3RetrChunkBytes), out_);
    if (out_.size() >= limits::kPop3RetrChunkBytes && !co_await flush()) co_return Next::close;
  }
  // A message without a blank line after its header still gets one (RFC 1939 7 TOP).
  if (command.verb == Verb::top && !ends_with_blank_line(bytes.substr(0, header_end))) {
    stuffer.end_line(out_);
    out_ += "\r\n";
  }
  stuffer.finish(out_);
  co_return Next::carry_on;
}

// The bytes of message `number`. Clients download in order (RETR 1, 2, 3...
// pipelined), and each trip to the worker pool costs two thread hand-offs,
// more than reading a small message: so one trip also reads the messages
// that follow, up to limits::kPop3ReadAheadBytes, for the next RETRs to find.
// XXX: the store reads a message whole (no ranged reads yet); one message
// of at most limits::kMaxMessageBytes is held per session while it is sent.
asio::awaitable<Result<std::string>> Session::read_message(std::uint32_t number) {
  for (auto& [n, bytes] : read_ahead_) {
    if (n != number) continue;
    Result<std::string> found = std::move(bytes);
    std::erase_if(read_ahead_, [number](const auto& entry) { return entry.first <= number; });
    co_return found;
  }
  read_ahead_.clear();
  std::vector<std::pair<std::uint32_t, std::int64_t>> wanted{{number, find(number)->content_id}};
  std::uint64_t budget = 0;
  for (auto n = number + 1; n <= maildrop_->messages.size() && wanted.size() < limits::kPop3ReadAheadMessages; ++n) {
    const Entry& next = maildrop_->messages[n - 1];
    if (next.deleted) continue;
    if ((budget += next.size) > limits::kPop3ReadAheadBytes) break;
    wanted.emplace_back(n, next.content_id);
  }
  auto& store = context_.store;
  auto& ahead = read_ahead_;
  co_await service::run_blocking(context_.workers, [&store, &wanted, &ahead] {
    for (const auto& [n, content_id] : wanted) ahead.emplace_back(n, store.read_content(content_id));
  });
  Result<std::string> first = std::move(read_ahead_.front().second);
  read_ahead_.erase(read_ahead_.begin());
  co_return first;
}

// RFC 1939 6: QUIT in TRANSACTION state enters UPDATE: the marked messages go.
asio::awaitable<void> Session::quit() {
  std::vector<store::Uid> uids;
  std::size_t left = 0;
  for (const auto& e : maildrop_->messages) {
    if (e.deleted) uids.push_back(e.uid);
    else ++left;
  }
  if (!uids.empty()) {
    auto& store = context_.store;
    const auto mailbox = maildrop_->inbox.id;
    auto expunged = co_await service::run_blocking(context_.workers, [&store, mailbox, &uids] {
      return store.expunge(mailbox, uids);
    });
    if (!expunged.ok()) {
      // RFC 1939 6: -ERR when some deleted messages were not removed.
      internal_error("expunge at QUIT", expunged.error());
      co_return;
    }
  }
  // The lock goes before the client hears +OK, so its next session can start at once.
  maildrop_.reset();
  reply("+OK Kurir POP3 server signing off (" + std::to_string(left) + " messages left)");
}

}  // namespace

asio::awaitable<void> serve(service::Context& context, const ListenerConfig& listener, net::Stream& stream,
                            const net::Peer& peer) {
  Session session(context, listener, stream, peer);
  co_await session.run();
}

}  // namespace kurir::pop3
