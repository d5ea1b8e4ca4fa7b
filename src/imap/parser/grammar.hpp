// The pieces of the IMAP grammar (internal to imap/parser/), each reading
// from a Reader and returning false with the Reader's error set on failure.
// One file each: sequence_set.cpp, flags.cpp, dates.cpp, mailbox_name.cpp,
// fetch_items.cpp, search_keys.cpp, list_options.cpp, and the per-command
// argument parsers in *_commands.cpp.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "imap/parser/command.hpp"
#include "imap/parser/reader.hpp"

namespace kurir::imap::grammar {

// RFC 9051 9 sequence-set, or "$" (RFC 5182 seq-or-saved) when allow_saved;
// "*" only when allow_star (RFC 7162 3.2.5 known-uids forbids it).
bool sequence_set(Reader& r, SequenceSet& out, bool allow_saved, bool allow_star = true);

// RFC 9051 9 flag-list "(" [flag *(SP flag)] ")", and the bare
// "flag *(SP flag)" of STORE (store-att-flags).
bool flag_list(Reader& r, FlagList& out);
bool flags_bare(Reader& r, FlagList& out);
// RFC 9051 9 flag-keyword (an atom of at most kMaxKeywordBytes).
bool flag_keyword(Reader& r, std::string& out);

// RFC 9051 9 date = date-text / DQUOTE date-text DQUOTE, as days since 1970-01-01.
bool date(Reader& r, std::int64_t& days);
// RFC 9051 9 date-time (APPEND), as seconds since the epoch, zone applied.
bool date_time(Reader& r, std::int64_t& seconds);

// A mailbox (astring) decoded per the Reader's options (decode_mailbox_name).
bool mailbox(Reader& r, std::string& out, std::string_view what = "mailbox name");
// A list-mailbox pattern (LIST, LSUB), decoded likewise.
bool list_pattern(Reader& r, std::string& out);

// FETCH's items: a macro, one fetch-att, or a parenthesised list of them.
bool fetch_items(Reader& r, std::vector<FetchItem>& out);

// RFC 4731 search-return-opts after SEARCH/SORT: " RETURN (...)" if present
// (the leading SP is consumed only when RETURN follows).
bool search_return(Reader& r, SearchReturn& out);
// search-program: ["CHARSET" SP charset SP] search-key *(SP search-key), to the end.
bool search_program(Reader& r, std::string& charset, std::vector<SearchKey>& keys, bool charset_required);
// RFC 5256 sort-criteria "(" ... ")".
bool sort_criteria(Reader& r, std::vector<SortKey>& out);

// RFC 9051 6.3.11 "(" status-att *(SP status-att) ")".
bool status_items(Reader& r, StatusItems& out);
// The arguments of LIST after "LIST" (RFC 9051 6.3.9, RFC 5258 3, RFC 6154, RFC 5819).
bool list_arguments(Reader& r, List& out);

}  // namespace kurir::imap::grammar
