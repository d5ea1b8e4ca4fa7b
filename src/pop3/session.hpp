// One POP3 connection (RFC 1939, with RFC 2449 CAPA and response codes,
// RFC 5034 AUTH, RFC 2595 STLS, RFC 6856 UTF8): the AUTHORIZATION,
// TRANSACTION and UPDATE states over the account's INBOX.
//
// The maildrop is a snapshot of INBOX taken at login: mail that arrives
// later is shown by the next session (RFC 1939 8). DELE only marks; the
// marked messages are expunged through the store at QUIT (UPDATE state), so
// IMAP sessions see them go; a connection that drops deletes nothing.
//
// SECURITY: reads untrusted lines, bounded by the parser's limits
// (core/limits.hpp POP3), with an idle deadline and a cap on errors per
// session. No store handle exists before a successful login. Before TLS on a
// STLS listener, passwords are refused unless Context::plaintext_allowed().
// STLS drops whatever the client pipelined before the handshake. Every
// password attempt waits the shared login throttle's delay first.
//
// Thread-safety: runs as the connection's coroutine on its strand; store
// calls and password checks go to the worker pool (service/blocking.hpp).
#pragma once

#include <boost/asio/awaitable.hpp>

#include "core/config.hpp"
#include "net/server.hpp"
#include "net/stream.hpp"
#include "service/context.hpp"

namespace kurir::pop3 {

// Serves the connection until QUIT, the idle deadline, too many errors or the
// peer closing. TLS is already up on implicit-TLS listeners.
boost::asio::awaitable<void> serve(service::Context& context, const ListenerConfig& listener, net::Stream& stream,
                                   const net::Peer& peer);

}  // namespace kurir::pop3
