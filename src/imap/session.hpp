// The IMAP server (RFC 3501 IMAP4rev1 and RFC 9051 IMAP4rev2, with the
// extensions of issue 4) on port 143 (STARTTLS) and 993 (implicit TLS).
//
// One coroutine per connection reads a command line by line and literal by
// literal (imap/command_reader.hpp), hands the whole command to the pure
// parser (imap/parser/), and runs its handler from the dispatch table
// (imap/commands/dispatch.hpp). Responses are gathered and written once per
// pipelined batch.
//
// SECURITY: reads untrusted bytes, bounded by core/limits.hpp (IMAP): line
// and command sizes, literal sizes (a too-large synchronizing literal is
// refused before the client sends it), BAD answers in a row, and idle
// deadlines (shorter before login). Passwords are refused before TLS unless
// Context::plaintext_allowed() (LOGINDISABLED). STARTTLS drops whatever the
// client pipelined before the handshake. Every password attempt waits the
// shared login throttle's delay first. No store handle is used before login.
//
// Thread-safety: runs as the connection's coroutine on its strand; store
// calls and password checks go to the worker pool (service/blocking.hpp).
#pragma once

#include <boost/asio/awaitable.hpp>

#include "core/config.hpp"
#include "net/server.hpp"
#include "net/stream.hpp"
#include "service/context.hpp"

namespace kurir::imap {

// Serves the connection until LOGOUT, autologout, too many errors or the
// peer closing. TLS is already up on implicit-TLS listeners.
boost::asio::awaitable<void> serve(service::Context& context, const ListenerConfig& listener,
                                   net::Stream& stream, const net::Peer& peer);

}  // namespace kurir::imap
