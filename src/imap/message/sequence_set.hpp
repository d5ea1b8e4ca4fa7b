// Evaluating and writing IMAP sequence sets (RFC 9051 9 "sequence-set",
// RFC 4731 3 ESEARCH "ALL" in compressed form).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "imap/parser/command.hpp"

namespace kurir::imap::message {

// True when `n` is in `set`, where "*" (kStar) stands for `largest` (the
// highest sequence number or UID in use) and "4:2" means "2:4" (RFC 9051 9:
// a range is unordered). REQUIRES: !set.saved ("$" is the caller's saved
// result, RFC 5182; search_messages handles it).
bool sequence_set_contains(const SequenceSet& set, std::uint32_t n, std::uint32_t largest);

// Ascending unique numbers as a compressed sequence set: {1,2,3,5,7,8} ->
// "1:3,5,7:8". Empty input gives "". REQUIRES: `ascending` strictly increasing.
std::string format_sequence_set(std::span<const std::uint32_t> ascending);

}  // namespace kurir::imap::message
