// The command table (STYLE.md habit 9, Dovecot's imap-commands.c): for each
// command of imap/parser/command.hpp, the states it is valid in (RFC 9051
// 6: "Valid States") and its handler, one file each in this folder.
//
// dispatch() refuses a command in the wrong state, runs its handler, and,
// in the selected state, reports the mailbox's pending changes before the
// tagged completion, holding back EXPUNGE where RFC 9051 7.5.1 forbids it
// (FETCH, STORE and SEARCH by sequence number; also SORT, THREAD and COPY by
// sequence number, so a number the client just sent never shifts).
//
// Thread-safety: runs on the connection's strand.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "imap/connection.hpp"
#include "imap/parser/command.hpp"

namespace kurir::imap::commands {

boost::asio::awaitable<Done> dispatch(Connection& c, const Command& command);

}  // namespace kurir::imap::commands
