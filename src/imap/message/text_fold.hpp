// Case folding for IMAP's case-insensitive SEARCH (RFC 9051 6.4.4) and the
// string comparisons of SORT (RFC 5256 3, collation of RFC 5255 I18NLEVEL=1).
// A simple per-character fold: ASCII, Latin-1 Supplement, Latin Extended-A,
// Greek and Cyrillic capitals to their small letters; everything else,
// invalid UTF-8 bytes included, unchanged.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace kurir::imap::message {

// The folded copy of UTF-8 text.
std::string fold_case(std::string_view utf8);

// True when `haystack` contains `needle` ignoring case (both folded here).
// An empty needle is contained in everything.
bool contains_folded(std::string_view haystack, std::string_view needle);

}  // namespace kurir::imap::message
