// The SMTP command handlers, one file per command group (DESIGN.md smtp/):
// each takes the session and the parsed command and queues its replies.
// They may suspend (store, password, TLS); they never throw.
//
// Thread-safety: called on the session's strand only.
#pragma once

#include <boost/asio/awaitable.hpp>


#include "smtp/parser/command.hpp"
#include "smtp/session.hpp"

namespace kurir::smtp {

boost::asio::awaitable<void> handle_ehlo(Session& s, const Command& cmd);      // ehlo.cpp (EHLO, HELO)
boost::asio::awaitable<void> handle_mail(Session& s, const Command& cmd);      // mail.cpp
boost::asio::awaitable<void> handle_rcpt(Session& s, const Command& cmd);      // rcpt.cpp
boost::asio::awaitable<void> handle_data(Session& s);                          // data.cpp
boost::asio::awaitable<void> handle_bdat(Session& s, const Command& cmd);      // bdat.cpp
boost::asio::awaitable<void> handle_auth(Session& s, const Command& cmd);      // auth.cpp
boost::asio::awaitable<void> handle_starttls(Session& s);                      // starttls.cpp

// delivery.cpp: stores a complete message of the current transaction and
// writes its remote recipients to the outbound queue; the reply to give
// (250 only once everything is durable). Resets the transaction.
boost::asio::awaitable<Reply> deliver_transaction(Session& s, std::string message);

}  // namespace kurir::smtp
