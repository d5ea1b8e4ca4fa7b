// Evaluating a search program over the selected mailbox on a worker: the
// part SEARCH, SORT and THREAD share (RFC 9051 6.4.4, RFC 5256 3).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <span>
#include <string>

#include "imap/connection.hpp"
#include "imap/message/search.hpp"

namespace kurir::imap::commands {

// Fails invalid_argument for a charset other than UTF-8 or US-ASCII (RFC
// 9051 6.4.4 BADCHARSET). Turns CONDSTORE on when the program has a MODSEQ
// key (RFC 7162 3.1).
boost::asio::awaitable<Result<message::SearchResult>> run_search(Connection& c, const std::string& charset,
                                                                 std::span<const SearchKey> keys);

}  // namespace kurir::imap::commands
