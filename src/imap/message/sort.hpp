// SORT (RFC 5256 3, RFC 5957 DISPLAYFROM/DISPLAYTO): orders messages (usually
// a SEARCH result) by a list of criteria, from the meta and the stored parse.
//
// Keys (RFC 5256 3): ARRIVAL internal date; CC/FROM/TO the addr-mailbox
// (local part) of the first address, case-folded; DATE the Date: header,
// the internal date when it is missing or unparsable; SIZE RFC822.SIZE;
// SUBJECT the base subject (RFC 5256 2.1, computed at delivery);
// DISPLAYFROM/DISPLAYTO the decoded display name of the first address, else
// its addr-spec (RFC 5957 3). Strings compare with i;unicode-casemap-like
// folding (the same fold as SEARCH). Ties, after every criterion, go by
// sequence number (RFC 5256 3).
//
// Thread-safety: pure functions over the caller's values and source.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "imap/message/source.hpp"
#include "imap/parser/command.hpp"
#include "mime/message.hpp"
#include "store/types.hpp"

namespace kurir::imap::message {

// Returns `indexes` (positions in `messages`, index i is sequence i + 1)
// sorted. Asks `source` for the parse of each message only when a criterion
// needs it (anything but ARRIVAL and SIZE). Fails only when the source fails.
Result<std::vector<std::uint32_t>> sort_messages(std::span<const std::uint32_t> indexes,
                                                 std::span<const SortKey> criteria,
                                                 std::span<const store::MessageMeta> messages,
                                                 MessageSource& source);

// RFC 5256 2.2 sent date: the Date: header (as UTC seconds), or the
// internal date when the header is missing or cannot be parsed.
std::int64_t sent_date(const mime::ParsedMessage& parsed, const store::MessageMeta& meta);

// "* SORT 5 3 4 1 2\r\n" (RFC 5256 4).
std::string format_sort_response(std::span<const std::uint32_t> numbers);

}  // namespace kurir::imap::message
