#include "imap/session.hpp"

#include <boost/asio/this_coro.hpp>
#include <chrono>

#include "core/limits.hpp"
#include "core/log.hpp"
#include "imap/commands/dispatch.hpp"
#include "imap/connection.hpp"
#include "imap/parser/parser.hpp"

namespace kurir::imap {

namespace asio = boost::asio;

namespace {

constexpr std::chrono::seconds kIdle{limits::kImapIdleSeconds};
constexpr std::chrono::seconds kPreAuthIdle{limits::kImapPreAuthIdleSeconds};

// The tag of a command line, for answering one that cannot be parsed whole
// (RFC 9051 2.2.1: the tag is the first word); "*" when there is none.
std::string tag_of(std::string_view line) {
  const auto end = line.find(' ');
  std::string_view tag = line.substr(0, end);
  if (tag.empty() || tag.size() > 64) return "*";
  for (char c : tag)
    if (c <= ' ' || c > '~' || c == '{' || c == '(' || c == ')' || c == '%' || c == '*' || c == '"' ||
        c == '\\' || c == '+')
      return "*";
  return std::string(tag);
}

// The second word, upper-cased: the command name.
std::string verb_of(std::string_view line) {
  const auto start = line.find(' ');
  if (start == std::string_view::npos) return {};
  std::string_view rest = line.substr(start + 1);
  std::string verb(rest.substr(0, rest.find(' ')));
  for (char& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return verb;
}

}  // namespace

// Reads one whole command: its lines and, between them, the literals each
// line announces (RFC 9051 4.3 / 7.5: a synchronizing "{N}" gets "+" first;
// RFC 7888 "{N+}" does not). Returns nothing and sets `close` when the
// session must end; returns nothing alone when the command was answered
// already (too large, too long).
asio::awaitable<std::optional<std::string>> Connection::read_command(bool& close) {
  std::string wire;
  std::size_t literals = 0;
  std::uint64_t literal_bytes = 0;
  bool append = false;
  const auto deadline = state == State::not_authenticated ? kPreAuthIdle : kIdle;
  for (;;) {
    if (reader.buffered() == 0 || out_.size() >= limits::kMaxImapResponseChunkBytes) {
      if (!co_await flush()) {
        close = true;
        co_return std::nullopt;
      }
    }
    const auto line = co_await reader.read_line(limits::kMaxImapLineBytes, wire.empty() ? deadline : kIdle);
    if (line.status == net::ReadStatus::closed) {
      close = true;
      co_return std::nullopt;
    }
    if (line.status == net::ReadStatus::timeout) {
      // RFC 9051 5.4: the autologout timer.
      out_ += "* BYE [UNAVAILABLE] autologout: idle for too long\r\n";
      co_await flush();
      close = true;
      co_return std::nullopt;
    }
    if (line.status == net::ReadStatus::too_long) {
      // The line was skipped to its end; the rest of a command with
      // literals reads as new, bad commands, each answered BAD.
      const std::string tag = wire.empty() ? "*" : tag_of(wire);
      out_ += tag + " BAD [TOOBIG] command line too long\r\n";
      if (++bad_in_a_row_ >= limits::kMaxImapBadCommands) {
        out_ += "* BYE too many bad commands\r\n";
        co_await flush();
        close = true;
      }
      co_return std::nullopt;
    }
    if (wire.empty()) append = verb_of(line.text) == "APPEND";
    if (wire.size() + line.text.size() > limits::kMaxImapCommandBytes + literal_bytes) {
      out_ +=
          tag_of(wire.empty() ? line.text : std::string_view(wire)) + " BAD [TOOBIG] command too long\r\n";
      co_return std::nullopt;
    }
    wire += line.text;
    const auto literal = trailing_literal(line.text);
    if (!literal) co_return wire;
    // Bounds: APPEND's message literals together up to the message limit
    // (RFC 7889 APPENDLIMIT); any other command's bytes up to kMaxImapCommandBytes.
    const std::uint64_t room = append
                                   ? message_limit() - std::min<std::uint64_t>(message_limit(), literal_bytes)
                                   : limits::kMaxImapCommandBytes -
                                         std::min<std::uint64_t>(limits::kMaxImapCommandBytes, wire.size());
    const bool too_big = literal->size > room || ++literals > limits::kMaxImapLiteralsPerCommand;
    if (too_big && !literal->non_sync) {
      // RFC 9051 7.1 / RFC 7889 3: refused before the client sends it.
      out_ += tag_of(wire) + " NO [TOOBIG] literal too large\r\n";
      co_return std::nullopt;
    }
    if (too_big || (literal->non_sync && literal->size > limits::kMaxImapNonSyncLiteralBytes && !append)) {
      // RFC 7888 4: a non-synchronizing literal over the bound is refused,
      // and the connection closed: its bytes are on their way and cannot be
      // told from commands. XXX RFC 7888 3: LITERAL+ lets any size through;
      // outside APPEND's message data we hold non-synchronizing literals to
      // LITERAL-'s bound (a client has no use for larger ones there).
      out_ += tag_of(wire) + " BAD [TOOBIG] non-synchronizing literal too large\r\n";
      out_ += "* BYE literal too large\r\n";
      co_await flush();
      close = true;
      co_return std::nullopt;
    }
    if (!literal->non_sync) {
      out_ += "+ Ready for literal data\r\n";
      if (!co_await flush()) {
        close = true;
        co_return std::nullopt;
      }
    }
    wire += "\r\n";
    const auto status = co_await reader.read_exact(literal->size, wire, kIdle);
    if (status != net::ReadStatus::ok) {
      close = true;
      co_return std::nullopt;
    }
    literal_bytes += literal->size;
  }
}

asio::awaitable<void> Connection::serve_commands() {
  for (;;) {
    bool close = false;
    auto wire = co_await read_command(close);
    if (close) break;
    if (!wire) continue;
    ParseOptions options;
    options.utf8_accept = utf8();
    auto parsed = parse_command(*wire, options);
    if (const auto* error = std::get_if<ParseError>(&parsed)) {
      out_ += (error->tag.empty() ? std::string("*") : error->tag) + " BAD " +
              (error->code.empty() ? std::string() : "[" + error->code + "] ") + error->text + "\r\n";
      if (++bad_in_a_row_ >= limits::kMaxImapBadCommands) {
        out_ += "* BYE too many bad commands\r\n";
        break;
      }
      continue;
    }
    wire.reset();  // an APPEND's literals are in the command now; free the copy
    const Command& command = std::get<Command>(parsed);
    Done done = co_await commands::dispatch(*this, command);
    if (done.kind == Done::Kind::bad) {
      if (++bad_in_a_row_ >= limits::kMaxImapBadCommands) {
        out_ += command.tag + " BAD " + done.text + "\r\n* BYE too many bad commands\r\n";
        break;
      }
    } else {
      bad_in_a_row_ = 0;
    }
    switch (done.kind) {
      case Done::Kind::ok:
        out_ += command.tag + " OK " + done.text + "\r\n";
        break;
      case Done::Kind::no:
        out_ += command.tag + " NO " + done.text + "\r\n";
        break;
      case Done::Kind::bad:
        out_ += command.tag + " BAD " + done.text + "\r\n";
        break;
      case Done::Kind::sent:
        break;
    }
    if (state == State::logout) break;
    // After a large response, give the memory back while the client reads it.
    if (out_.capacity() > limits::kMaxImapResponseChunkBytes && out_.empty()) {
      std::string().swap(out_);
      reader.shrink();
    }
  }
  co_await flush();
}

asio::awaitable<void> Connection::run() {
  executor = co_await asio::this_coro::executor;
  // RFC 9051 7.1.1: the greeting, with the capabilities (7.2.2 CAPABILITY code).
  out_ += "* OK [CAPABILITY " + capabilities() + "] Kurir IMAP server ready\r\n";
  co_await serve_commands();
  subscription_ = store::Subscription();
}

asio::awaitable<void> serve(service::Context& context, const ListenerConfig& listener, net::Stream& stream,
                            const net::Peer& peer) {
  Connection connection(context, listener, stream, peer);
  co_await connection.run();
}

}  // namespace kurir::imap
