// The SMTP server session (RFC 5321 4.1.4 command order, 4.3.2 replies):
// one coroutine per connection on ports 25 (MX), 587 (submission with
// STARTTLS) and 465 (submission over implicit TLS). The state machine is
// here; the commands are handled in smtp/handlers/, delivery in delivery.cpp.
//
// Thread-safety: a Session belongs to its connection's coroutine and strand.
// Store calls, MIME parsing and password checks run on the worker pool
// (service::run_blocking) and resume on the strand.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "net/line_reader.hpp"
#include "net/server.hpp"
#include "service/context.hpp"
#include "smtp/parser/command.hpp"
#include "smtp/reply.hpp"
#include "store/types.hpp"

namespace kurir::smtp {

// RFC 5321 4.5.3.2.7: the server waits at least 5 minutes for a command;
// 4.5.3.2.5: 3 minutes for each block of data.
inline constexpr std::chrono::seconds kCommandTimeout{5 * 60};
inline constexpr std::chrono::seconds kDataBlockTimeout{3 * 60};
inline constexpr std::chrono::seconds kTlsHandshakeTimeout{30};

// One RCPT TO that was accepted.
struct Recipient {
  std::string address;                      // as the client gave it (for Received "for")
  std::vector<std::string> external;        // targets outside this server (outbound queue)
  RcptParams params;
};

// The mail transaction between MAIL and the end of DATA / BDAT LAST (RFC 5321 3.3).
struct Transaction {
  bool active = false;
  Path sender;
  MailParams params;
  std::vector<Recipient> recipients;
  std::set<store::AccountId> accounts;  // local targets of every recipient, each once
  // BDAT (RFC 3030): the chunks so far, and an error that fails the rest of the transaction.
  bool chunking = false;
  std::string chunks;
  std::optional<Reply> chunk_error;
};

struct Session {
  Session(service::Context& c, const ListenerConfig& l, net::Stream& s, const net::Peer& p)
      : context(c), listener(l), stream(s), peer(p), reader(s) {}

  service::Context& context;
  const ListenerConfig& listener;
  net::Stream& stream;
  const net::Peer& peer;
  net::LineReader reader;

  std::string helo;   // the EHLO/HELO argument; empty before it
  bool esmtp = false;
  std::optional<store::Account> user;  // after AUTH
  Transaction tx;
  std::size_t errors = 0;
  std::size_t transactions = 0;
  bool closing = false;  // QUIT, or 421: flush and end
  std::string pending;   // replies not yet written (RFC 2920 3.1 pipelining)

  bool submission() const { return listener.protocol == Protocol::submission; }
  std::uint64_t max_message_bytes() const;
  // Queues a reply. Error replies of the "bad client" kind count towards kMaxSmtpErrors.
  void reply(const Reply& r);
  void reply(int code, std::string_view enhanced, std::string text) { reply(Reply{code, enhanced, std::move(text)}); }
  void reply_raw(std::string_view text) { pending += text; }
  void count_error();
  // Writes the queued replies. False when the connection is gone.
  boost::asio::awaitable<bool> flush();
  // RFC 5321 4.1.1.5 / RFC 3207 4.2: forget the transaction (and, after STARTTLS, everything).
  void reset_transaction() { tx = Transaction{}; }
};

// Serves one connection until QUIT, a timeout, too many errors or the peer closing.
boost::asio::awaitable<void> serve(service::Context& context, const ListenerConfig& listener, net::Stream& stream,
                                   const net::Peer& peer);

}  // namespace kurir::smtp
