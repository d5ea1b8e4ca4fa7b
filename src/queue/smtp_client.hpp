// The outbound SMTP client (RFC 5321 as a client): connects to one remote
// host, EHLO (HELO if refused), opportunistic STARTTLS (RFC 3207; required
// when the config says so), AUTH PLAIN to a smarthost (RFC 4954), then
// sends messages one after another on the same connection, with PIPELINING
// (RFC 2920) when offered, SIZE (RFC 1870), BODY=8BITMIME (RFC 6152),
// SMTPUTF8 (RFC 6531) and the DSN parameters (RFC 3461), and reports the
// remote's verdict for each recipient.
//
// SECURITY: everything the remote sends is bounded by the line reader
// (kMaxSmtpLineBytes) and ReplyReader (kMaxSmtpReplyLines); every read has
// a deadline (RFC 5321 4.5.3.2). Opportunistic TLS does not verify the
// certificate (RFC 7435: better than plaintext, no worse); AUTH is sent
// only over TLS.
//
// Thread-safety: one SmtpClient belongs to one coroutine and its strand.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "net/line_reader.hpp"
#include "net/stream.hpp"
#include "queue/reply.hpp"
#include "store/outbound.hpp"

namespace kurir::queue {

struct ClientOptions {
  std::string helo;            // our host name
  std::string server_name;     // the remote's name, for SNI and logs
  bool implicit_tls = false;   // TLS from the first byte (a smarthost on 465)
  bool starttls = true;        // use STARTTLS when offered
  bool require_tls = false;    // fail (temporarily) when TLS cannot be had
  std::string require_tls_why; // which rule requires it, for the reply: "for mail to x (queue.require_tls_domains)"
  std::string auth_user;       // AUTH PLAIN when not empty
  std::string auth_password;
};

// The remote's verdict on one recipient of one message: 250 after the data
// was accepted, or the reply that refused it (RCPT, MAIL, DATA or the end of data).
struct RecipientVerdict {
  std::string address;
  Reply reply;
};

class SmtpClient {
 public:
  // Takes a connected socket.
  SmtpClient(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls, ClientOptions options);

  // Greeting, EHLO, STARTTLS, EHLO again, AUTH. A refusal by the server is
  // returned as its Reply (e.g. 554 greeting); io errors as Error. A refusal
  // of our own (TLS required and not had; no login without TLS) is a Reply
  // with code 0, its one line starting with its RFC 3463 status ("4.7.10 ..."):
  // no remote said it, so none may be quoted as having said it (RFC 3464 2.3.6).
  boost::asio::awaitable<Result<Reply>> open();
  // Sends one message to recipients. Error: the connection failed mid-way
  // (no recipient may be taken as delivered); else one verdict per recipient.
  boost::asio::awaitable<Result<std::vector<RecipientVerdict>>> send(const store::OutboundMessage& message,
                                                                     const std::vector<store::OutboundRecipient>& recipients);
  // QUIT, then close.
  boost::asio::awaitable<void> quit();

  const Capabilities& capabilities() const { return caps_; }
  bool tls_active() const { return stream_.tls_active(); }
  // Whether open() failed in the TLS handshake after the server said 220 to
  // STARTTLS. The connection is then unusable (RFC 3207 4.1); an
  // opportunistic sender may connect again without STARTTLS.
  bool starttls_failed() const { return starttls_failed_; }

 private:
  boost::asio::awaitable<Result<Reply>> read_reply(std::chrono::seconds timeout);
  // LINE by value: g++ 12 may free a temporary argument before the coroutine reads it.
  boost::asio::awaitable<Result<Reply>> command(std::string line, std::chrono::seconds timeout);
  boost::asio::awaitable<Result<Reply>> ehlo();

  net::Stream stream_;
  net::LineReader reader_;
  ClientOptions options_;
  Capabilities caps_;
  bool esmtp_ = true;
  bool starttls_failed_ = false;
};

// RFC 5321 4.5.2: the message as DATA sends it: lines starting with "." get
// another, bare LF becomes CRLF, and it ends with CRLF "." CRLF.
std::string dot_stuff(std::string_view message);

// The MAIL FROM and RCPT TO command lines for message (capabilities decide
// which ESMTP parameters go with them).
std::string mail_command(const store::OutboundMessage& message, const Capabilities& caps);
std::string rcpt_command(const store::OutboundRecipient& recipient, const Capabilities& caps);

}  // namespace kurir::queue
