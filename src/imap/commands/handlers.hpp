// The command handlers, one file each (imap/commands/<name>.cpp), and the
// few helpers several of them share. Each takes the connection and the
// parsed command (whose body holds that handler's alternative), writes its
// untagged responses to the connection and returns the tagged completion.
// dispatch() calls them only in the states the table allows.
//
// Thread-safety: run on the connection's strand; store calls go through
// Connection::blocking().
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "imap/connection.hpp"
#include "imap/parser/command.hpp"

namespace kurir::imap::commands {

using Handler = boost::asio::awaitable<Done> (*)(Connection&, const Command&);

boost::asio::awaitable<Done> capability(Connection& c, const Command& command);
boost::asio::awaitable<Done> noop(Connection& c, const Command& command);
boost::asio::awaitable<Done> check(Connection& c, const Command& command);
boost::asio::awaitable<Done> logout(Connection& c, const Command& command);
boost::asio::awaitable<Done> starttls(Connection& c, const Command& command);
boost::asio::awaitable<Done> compress(Connection& c, const Command& command);
boost::asio::awaitable<Done> id(Connection& c, const Command& command);
boost::asio::awaitable<Done> enable(Connection& c, const Command& command);
boost::asio::awaitable<Done> login(Connection& c, const Command& command);
boost::asio::awaitable<Done> authenticate(Connection& c, const Command& command);
boost::asio::awaitable<Done> select(Connection& c, const Command& command);
boost::asio::awaitable<Done> create(Connection& c, const Command& command);
boost::asio::awaitable<Done> delete_(Connection& c, const Command& command);
boost::asio::awaitable<Done> rename(Connection& c, const Command& command);
boost::asio::awaitable<Done> subscribe(Connection& c, const Command& command);
boost::asio::awaitable<Done> list(Connection& c, const Command& command);
boost::asio::awaitable<Done> namespace_(Connection& c, const Command& command);
boost::asio::awaitable<Done> status(Connection& c, const Command& command);
boost::asio::awaitable<Done> append(Connection& c, const Command& command);
boost::asio::awaitable<Done> idle(Connection& c, const Command& command);
boost::asio::awaitable<Done> close(Connection& c, const Command& command);
boost::asio::awaitable<Done> unselect(Connection& c, const Command& command);
boost::asio::awaitable<Done> expunge(Connection& c, const Command& command);
boost::asio::awaitable<Done> search(Connection& c, const Command& command);
boost::asio::awaitable<Done> sort(Connection& c, const Command& command);
boost::asio::awaitable<Done> thread(Connection& c, const Command& command);
boost::asio::awaitable<Done> fetch(Connection& c, const Command& command);
boost::asio::awaitable<Done> store(Connection& c, const Command& command);
boost::asio::awaitable<Done> copy(Connection& c, const Command& command);
boost::asio::awaitable<Done> getquota(Connection& c, const Command& command);
boost::asio::awaitable<Done> getquotaroot(Connection& c, const Command& command);
boost::asio::awaitable<Done> setquota(Connection& c, const Command& command);

// ---- shared helpers ----------------------------------------------------------

// LOGIN and AUTHENTICATE: the throttle's wait, the password check, the
// account's IMAP switch; on success the connection is authenticated.
boost::asio::awaitable<Done> password_login(Connection& c, std::string user, std::string password);

// The STATUS response data of a mailbox, "* STATUS name (...)\r\n" (RFC 9051
// 7.3.2), for STATUS and LIST RETURN (STATUS) (RFC 5819).
boost::asio::awaitable<Result<std::string>> status_response(Connection& c, const store::Mailbox& mailbox,
                                                            const StatusItems& items);

// A mailbox by name, for commands that name one; on failure the completion
// to answer: NO [NONEXISTENT] (RFC 5530), or NO [TRYCREATE] when
// `try_create` (APPEND, COPY, MOVE: RFC 9051 6.3.12, 6.4.7).
boost::asio::awaitable<Result<store::Mailbox>> find_mailbox(Connection& c, const std::string& name,
                                                            bool try_create, Done& refusal);

// store::Flags from a client's flag list ("\Recent" and unknown "\Xxx" are
// dropped: RFC 9051 2.3.2 says the server may not set them).
store::Flags to_store_flags(const FlagList& list);

// The selected mailbox's \Deleted messages (of `only`, view indexes, when
// given), as UIDs: what EXPUNGE and CLOSE remove.
std::vector<store::Uid> deleted_uids(const Connection& c,
                                     const std::optional<std::vector<std::uint32_t>>& only);

// The UIDs of view indexes.
std::vector<store::Uid> uids_of(const SelectedMailbox& mailbox, const std::vector<std::uint32_t>& indexes);

}  // namespace kurir::imap::commands
