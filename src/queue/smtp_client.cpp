#include "queue/smtp_client.hpp"

// g++ 12 misreads Asio's coroutine frame allocation (awaitable_frame_base's
// own operator new/delete pair) in this file as a mismatched pair (as in
// imap/commands/fetch.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <fmt/format.h>

#include "core/limits.hpp"
#include "queue/dsn.hpp"

namespace kurir::queue {

namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;

// RFC 5321 4.5.3.2: the client's minimum waits for each reply.
constexpr std::chrono::seconds kGreetingTimeout = 300s;  // 4.5.3.2.1 initial 220
constexpr std::chrono::seconds kCommandTimeout = 300s;   // 4.5.3.2.2/3 MAIL, RCPT (and EHLO, STARTTLS, AUTH)
constexpr std::chrono::seconds kDataTimeout = 120s;      // 4.5.3.2.4 DATA initiation
constexpr std::chrono::seconds kDataEndTimeout = 600s;   // 4.5.3.2.6 end of data
constexpr std::chrono::seconds kTlsTimeout = 60s;
constexpr std::chrono::seconds kQuitTimeout = 10s;

std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], kAlphabet[v & 63]};
  }
  if (i + 1 == in.size()) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], '='};
  }
  return out;
}

std::string notify_words(std::uint8_t notify) {
  if (notify & kNotifyNever) return "NEVER";
  std::string out;
  for (const auto& [bit, word] : {std::pair{kNotifySuccess, "SUCCESS"}, std::pair{kNotifyFailure, "FAILURE"},
                                  std::pair{kNotifyDelay, "DELAY"}}) {
    if (!(notify & bit)) continue;
    if (!out.empty()) out += ',';
    out += word;
  }
  return out;
}

Reply local_reply(int code, std::string text) { return Reply{code, {std::move(text)}}; }

}  // namespace

std::string dot_stuff(std::string_view message) {
  std::string out;
  out.reserve(message.size() + message.size() / 64 + 8);
  bool line_start = true;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    if (line_start && c == '.') out += '.';  // RFC 5321 4.5.2
    if (c == '\n' && (i == 0 || message[i - 1] != '\r')) out += '\r';
    out += c;
    line_start = c == '\n';
  }
  if (!out.empty() && !out.ends_with("\r\n")) out += "\r\n";
  out += ".\r\n";
  return out;
}

std::string mail_command(const store::OutboundMessage& message, const Capabilities& caps) {
  std::string out = fmt::format("MAIL FROM:<{}>", message.sender);
  if (caps.size) out += fmt::format(" SIZE={}", message.bytes.size());  // RFC 1870 6
  // XXX RFC 6152 3: an 8-bit message to a server without 8BITMIME should be
  // converted or returned; it is sent as it is, which servers accept in practice.
  if (caps.eight_bit_mime && message.body == "8BITMIME") out += " BODY=8BITMIME";
  if (caps.smtputf8 && message.smtputf8) out += " SMTPUTF8";  // RFC 6531 3.4
  if (caps.dsn) {  // RFC 3461 4.3, 4.4: passed on as received
    if (!message.ret.empty()) out += " RET=" + message.ret;
    if (!message.envid.empty()) out += " ENVID=" + message.envid;
  }
  return out;
}

std::string rcpt_command(const store::OutboundRecipient& recipient, const Capabilities& caps) {
  std::string out = fmt::format("RCPT TO:<{}>", recipient.address);
  if (caps.dsn) {  // RFC 3461 4.1, 4.2
    if (recipient.notify) out += " NOTIFY=" + notify_words(recipient.notify);
    if (!recipient.orcpt.empty()) out += " ORCPT=" + recipient.orcpt;
  }
  return out;
}

SmtpClient::SmtpClient(asio::ip::tcp::socket socket, asio::ssl::context& tls, ClientOptions options)
    : stream_(std::move(socket), tls), reader_(stream_), options_(std::move(options)) {}

asio::awaitable<Result<Reply>> SmtpClient::read_reply(std::chrono::seconds timeout) {
  ReplyReader replies;
  for (;;) {
    net::Line line = co_await reader_.read_line(limits::kMaxSmtpLineBytes, timeout);
    switch (line.status) {
      case net::ReadStatus::ok: break;
      case net::ReadStatus::too_long: co_return make_error(Errc::io, "reply line too long");
      case net::ReadStatus::closed: co_return make_error(Errc::io, "connection closed by " + options_.server_name);
      case net::ReadStatus::timeout: co_return make_error(Errc::io, "timed out waiting for " + options_.server_name);
    }
    switch (replies.feed(line.text)) {
      case ReplyReader::Step::more: continue;
      case ReplyReader::Step::done: co_return replies.take();
      case ReplyReader::Step::error: co_return make_error(Errc::io, replies.what() + " from " + options_.server_name);
    }
  }
}

asio::awaitable<Result<Reply>> SmtpClient::command(std::string line, std::chrono::seconds timeout) {
  // No temporaries inside co_await expressions here: g++ 12 miscompiled
  // that form (a crash on resumption, seen with the release build only).
  line += "\r\n";
  const bool sent = co_await stream_.write(line);
  if (!sent) co_return make_error(Errc::io, "connection lost to " + options_.server_name);
  Result<Reply> reply = co_await read_reply(timeout);
  co_return reply;
}

asio::awaitable<Result<Reply>> SmtpClient::ehlo() {
  auto reply = co_await command(std::string("EHLO ") + options_.helo, kCommandTimeout);
  if (!reply) co_return reply;
  if (reply->positive()) {
    caps_ = parse_ehlo(*reply);
    co_return reply;
  }
  // RFC 5321 4.1.1.1 / 3.2: a server that refuses EHLO may still take HELO.
  esmtp_ = false;
  caps_ = Capabilities{};
  auto helo = co_await command(std::string("HELO ") + options_.helo, kCommandTimeout);
  co_return helo;
}

asio::awaitable<Result<Reply>> SmtpClient::open() {
  if (options_.implicit_tls) {
    Status st = co_await stream_.start_client_tls(options_.server_name, kTlsTimeout);
    if (!st) co_return st.error();
  }
  auto greeting = co_await read_reply(kGreetingTimeout);
  if (!greeting || !greeting->positive()) co_return greeting;
  auto hello = co_await ehlo();
  if (!hello || !hello->positive()) co_return hello;
  std::string no_tls = "does not offer STARTTLS";  // why there is no TLS, when there is none
  if (!stream_.tls_active() && options_.starttls && caps_.starttls) {
    auto go = co_await command("STARTTLS", kCommandTimeout);
    if (!go) co_return go;
    if (go->code == 220) {
      // RFC 3207 4.2: nothing from before the handshake is trusted after it.
      reader_.discard_buffered();
      Status st = co_await stream_.start_client_tls(options_.server_name, kTlsTimeout);
      if (!st) {
        starttls_failed_ = true;
        co_return st.error();
      }
      hello = co_await ehlo();  // RFC 3207 4.2: forget what was learnt, ask again
      if (!hello || !hello->positive()) co_return hello;
    } else {
      no_tls = "refused STARTTLS (" + go->text() + ")";
    }
  }
  // RFC 3207 4.1: a client that requires TLS gives up when it cannot have it.
  if (options_.require_tls && !stream_.tls_active()) {
    const std::string why = options_.require_tls_why.empty() ? "" : " " + options_.require_tls_why;
    co_return local_reply(0, fmt::format("4.7.10 TLS is required{}, and {} {}", why, options_.server_name, no_tls));
  }
  if (!options_.auth_user.empty()) {
    if (!stream_.tls_active())
      co_return local_reply(0, "4.7.10 not sending the smarthost password without TLS");
    // RFC 4954 4 with RFC 4616: AUTH PLAIN with an initial response.
    std::string credentials;
    credentials += '\0';
    credentials += options_.auth_user;
    credentials += '\0';
    credentials += options_.auth_password;
    auto auth = co_await command(std::string("AUTH PLAIN ") + base64(credentials), kCommandTimeout);
    if (!auth || auth->code != 235) co_return auth;
  }
  co_return hello;
}

asio::awaitable<Result<std::vector<RecipientVerdict>>> SmtpClient::send(
    const store::OutboundMessage& message, const std::vector<store::OutboundRecipient>& recipients) {
  std::vector<RecipientVerdict> verdicts;
  auto everyone = [&](const Reply& reply) {
    verdicts.clear();
    for (const auto& r : recipients) verdicts.push_back(RecipientVerdict{r.address, reply});
    return verdicts;
  };
  // RFC 6531 3.2: a message that needs SMTPUTF8 cannot go to a server without it.
  if (message.smtputf8 && !caps_.smtputf8)
    co_return everyone(local_reply(553, "5.6.7 " + options_.server_name + " does not support SMTPUTF8"));
  // RFC 1870 6: do not send what the server has declared too large.
  if (caps_.size && *caps_.size > 0 && message.bytes.size() > *caps_.size)
    co_return everyone(local_reply(552, fmt::format("5.3.4 message of {} bytes is larger than {} accepts ({})",
                                                    message.bytes.size(), options_.server_name, *caps_.size)));

  const std::string mail = mail_command(message, caps_);
  std::vector<std::string> rcpts;
  for (const auto& r : recipients) rcpts.push_back(rcpt_command(r, caps_));

  std::optional<Reply> mail_reply;
  std::vector<Reply> rcpt_replies;
  std::optional<Reply> data_reply;
  if (caps_.pipelining) {
    // RFC 2920 3.1: MAIL, every RCPT and DATA in one go, then the replies in order.
    std::string batch = mail + "\r\n";
    for (const auto& r : rcpts) batch += r + "\r\n";
    batch += "DATA\r\n";
    const bool sent = co_await stream_.write(batch);
    if (!sent) co_return make_error(Errc::io, "connection lost to " + options_.server_name);
    auto m = co_await read_reply(kCommandTimeout);
    if (!m) co_return m.error();
    mail_reply = *m;
    for (std::size_t i = 0; i < rcpts.size(); ++i) {
      auto r = co_await read_reply(kCommandTimeout);
      if (!r) co_return r.error();
      rcpt_replies.push_back(*r);
    }
    auto d = co_await read_reply(kDataTimeout);
    if (!d) co_return d.error();
    data_reply = *d;
  } else {
    auto m = co_await command(mail, kCommandTimeout);
    if (!m) co_return m.error();
    mail_reply = *m;
    if (mail_reply->positive()) {
      bool any = false;
      for (const auto& line : rcpts) {
        auto r = co_await command(line, kCommandTimeout);
        if (!r) co_return r.error();
        any |= r->positive();
        rcpt_replies.push_back(*r);
      }
      if (any) {
        auto d = co_await command("DATA", kDataTimeout);
        if (!d) co_return d.error();
        data_reply = *d;
      }
    }
  }

  bool any_accepted = false;
  for (const auto& r : rcpt_replies) any_accepted |= r.positive();
  if (!mail_reply->positive()) {
    everyone(*mail_reply);
    if (data_reply && data_reply->code == 354) {
      // RFC 2920 3.1: DATA was accepted though nothing else was: end it empty.
      const bool ended = co_await stream_.write(".\r\n");
      if (!ended) co_return make_error(Errc::io, "connection lost");
      auto end = co_await read_reply(kDataEndTimeout);
      if (!end) co_return end.error();
    }
    auto rset = co_await command("RSET", kCommandTimeout);
    if (!rset) co_return rset.error();
    co_return verdicts;
  }
  if (!data_reply || data_reply->code != 354 || !any_accepted) {
    if (data_reply && data_reply->code == 354) {
      const bool ended = co_await stream_.write(".\r\n");
      if (!ended) co_return make_error(Errc::io, "connection lost");
      auto end = co_await read_reply(kDataEndTimeout);
      if (!end) co_return end.error();
    }
    for (std::size_t i = 0; i < recipients.size(); ++i) {
      const Reply& refusal = i < rcpt_replies.size() && !rcpt_replies[i].positive()
                                 ? rcpt_replies[i]
                                 : (data_reply ? *data_reply : local_reply(451, "4.3.0 no DATA"));
      verdicts.push_back(RecipientVerdict{recipients[i].address, refusal});
    }
    auto rset = co_await command("RSET", kCommandTimeout);
    if (!rset) co_return rset.error();
    co_return verdicts;
  }
  const std::string data = dot_stuff(message.bytes);
  const bool sent = co_await stream_.write(data);
  if (!sent)
    co_return make_error(Errc::io, "connection lost to " + options_.server_name + " during data");
  auto end = co_await read_reply(kDataEndTimeout);
  if (!end) co_return end.error();
  for (std::size_t i = 0; i < recipients.size(); ++i)
    verdicts.push_back(RecipientVerdict{recipients[i].address, rcpt_replies[i].positive() ? *end : rcpt_replies[i]});
  co_return verdicts;
}

asio::awaitable<void> SmtpClient::quit() {
  const bool sent = co_await stream_.write("QUIT\r\n");
  if (sent) {
    auto bye = co_await read_reply(kQuitTimeout);
    (void)bye;
  }
  stream_.close();
}

}  // namespace kurir::queue
