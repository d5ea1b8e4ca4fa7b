#include "smtp/session.hpp"

#include "core/limits.hpp"
#include "core/log.hpp"
#include "smtp/handlers/handlers.hpp"

namespace kurir::smtp {

namespace asio = boost::asio;

std::uint64_t Session::max_message_bytes() const {
  return context.config.message_size ? context.config.message_size : limits::kMaxMessageBytes;
}

void Session::count_error() {
  // Abuse bound (issue 3): after kMaxSmtpErrors bad commands, 421 and close (RFC 5321 3.8).
  if (++errors >= limits::kMaxSmtpErrors && !closing) {
    pending += Reply{421, "4.7.0", context.config.hostname + " too many errors, closing connection"}.render();
    closing = true;
  }
}

void Session::reply(const Reply& r) {
  if (closing) return;  // after 421 nothing more is said
  pending += r.render();
  if (r.code >= 500) count_error();
}

asio::awaitable<bool> Session::flush() {
  if (pending.empty()) co_return true;
  const bool ok = co_await stream.write(pending);
  pending.clear();
  co_return ok;
}

namespace {

// Commands that are only replied to, without state (RFC 5321 4.1.1.5-4.1.1.10).
void handle_simple(Session& s, const Command& cmd) {
  switch (cmd.verb) {
    case Verb::rset:
      s.reset_transaction();
      s.reply(250, "2.0.0", "OK");
      break;
    case Verb::noop: s.reply(250, "2.0.0", "OK"); break;
    case Verb::quit:
      s.reply(221, "2.0.0", s.context.config.hostname + " closing connection");
      s.closing = true;
      break;
    // RFC 5321 3.5.3: 252 when the server will not verify but will accept mail.
    case Verb::vrfy: s.reply(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery"); break;
    // RFC 5321 3.5.2: EXPN is optional; refusing it keeps alias lists private.
    case Verb::expn: s.reply(502, "5.5.1", "EXPN not available"); break;
    case Verb::help: s.reply(214, "2.0.0", "Kurir: see RFC 5321 and the EHLO reply for what is supported"); break;
    default: s.reply(500, "5.5.2", "command unrecognized"); break;
  }
}

asio::awaitable<void> dispatch(Session& s, const Command& cmd) {
  switch (cmd.verb) {
    case Verb::ehlo:
    case Verb::helo: co_await handle_ehlo(s, cmd); break;
    case Verb::mail: co_await handle_mail(s, cmd); break;
    case Verb::rcpt: co_await handle_rcpt(s, cmd); break;
    case Verb::data: co_await handle_data(s); break;
    case Verb::bdat: co_await handle_bdat(s, cmd); break;
    case Verb::auth: co_await handle_auth(s, cmd); break;
    case Verb::starttls: co_await handle_starttls(s); break;
    default: handle_simple(s, cmd); break;
  }
}

}  // namespace

asio::awaitable<void> serve(service::Context& context, const ListenerConfig& listener, net::Stream& stream,
                            const net::Peer& peer) {
  Session s(context, listener, stream, peer);
  // RFC 5321 4.2: the greeting; RFC 2034 puts no enhanced code on it.
  s.reply(220, "", context.config.hostname + " ESMTP Kurir");
  if (!co_await s.flush()) co_return;
  while (!s.closing) {
    const net::Line line = co_await s.reader.read_line(limits::kMaxSmtpLineBytes, kCommandTimeout);
    if (line.status == net::ReadStatus::closed) co_return;
    if (line.status == net::ReadStatus::timeout) {
      // RFC 5321 4.5.3.2.7: the server may close an idle connection, with 421.
      s.reply(421, "4.4.2", context.config.hostname + " idle too long, closing connection");
      s.closing = true;
    } else if (line.status == net::ReadStatus::too_long) {
      s.reply(500, "5.5.2", "line too long");  // RFC 5321 4.5.3.1.4
    } else if (line.bare_lf) {
      // RFC 5321 2.3.8: only CRLF ends a line; a bare LF is refused, so a client and
      // this server never disagree about where a command ends.
      s.reply(500, "5.5.2", "bare LF in command; lines end with CRLF (RFC 5321 2.3.8)");
    } else {
      Parsed parsed = parse_command(line.text);
      if (auto* error = std::get_if<ParseError>(&parsed)) s.reply(error->reply);
      else co_await dispatch(s, std::get<Command>(parsed));
    }
    // RFC 2920 3.1: replies to pipelined commands may wait until the input is drained.
    if (s.closing || s.reader.buffered() == 0) {
      if (!co_await s.flush()) co_return;
      s.reader.shrink();
    }
  }
  co_await s.flush();
}

}  // namespace kurir::smtp
