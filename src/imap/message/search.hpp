// SEARCH evaluation (RFC 9051 6.4.4, RFC 3501 6.4.4, RFC 7162 3.1.5 MODSEQ,
// RFC 5032 OLDER/YOUNGER, RFC 5182 "$") and the SEARCH / ESEARCH responses
// (RFC 9051 7.3.4 / 7.3.5, RFC 3501 7.2.5, RFC 4731 3).
//
// A program (implicit AND of keys) is evaluated over the mailbox snapshot.
// Flag, size, date, UID, sequence and MODSEQ keys read only the meta; FROM,
// TO, CC, BCC, SUBJECT and SENT* the stored parse (decoded addresses and
// subject; the ENVELOPE for BCC and the Date: as written); HEADER and TEXT
// also the message bytes (for its headers). BODY and TEXT ask the full-text
// index first (one query per key, not per message) to narrow the
// candidates, then confirm the substring on the decoded text kept in the
// parse (ParsedMessage::search_text), so a match is always a true
// substring. XXX RFC 9051 6.4.4: the index matches words and word
// prefixes, so a string that starts inside a word ("ello") is not found
// when an index answers; without one (MessageSource::full_text unavailable)
// every message is scanned and substrings are exact.
//
// SECURITY: the texts searched come from untrusted senders; each key is one
// linear pass over one message's stored text (bounded at delivery by
// limits::kMaxSearchTextBytes) and header.
//
// Matching: case-insensitive substring over decoded UTF-8, folding ASCII,
// Latin-1, Latin Extended-A, Greek and Cyrillic letters (RFC 9051 6.4.4
// "case-insensitive"). Dates: the internal date's UTC calendar day; the
// Date: header's day as written (its zone disregarded, as the RFC says).
//
// Thread-safety: pure functions over the caller's values and source.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "imap/message/source.hpp"
#include "imap/parser/command.hpp"
#include "store/types.hpp"

namespace kurir::imap::message {

struct SearchContext {
  std::span<const store::MessageMeta>
      messages;                        // the snapshot, in sequence order (index i is sequence i + 1)
  std::span<const store::Uid> saved;   // RFC 5182: the saved result "$" as UIDs; empty when none
  std::span<const store::Uid> recent;  // RFC 3501 2.3.2 \Recent, as the session tracks it: UIDs, ascending
  std::int64_t now = 0;                // seconds since the epoch, for OLDER/YOUNGER
};

struct SearchResult {
  std::vector<std::uint32_t> indexes;  // positions in SearchContext::messages, ascending
  // RFC 7162 3.1.5: the program had a MODSEQ key, so the answer carries
  // the highest MODSEQ of the matches (when there are any).
  bool modseq_key = false;
  store::ModSeq highest_modseq = 0;
};

// Evaluates the program. Fails only when the source fails (the error is
// the source's). REQUIRES: program depth within limits::kMaxImapNesting
// (the parser's bound).
Result<SearchResult> search_messages(std::span<const SearchKey> program, const SearchContext& context,
                                     MessageSource& source);

// The matches that the RETURN options stand for: with MIN and/or MAX but
// neither ALL nor COUNT, only the lowest and/or the highest; otherwise all.
// RFC 4731 3.2: ESEARCH's MODSEQ is the highest MODSEQ of these; RFC 5182
// 2.4: SAVE keeps these. `ascending` are positions or numbers, ascending.
std::vector<std::uint32_t> returned_matches(std::span<const std::uint32_t> ascending,
                                            const SearchReturn& returns);

// The highest MODSEQ of the messages at `indexes` (0 when empty).
store::ModSeq highest_modseq(std::span<const std::uint32_t> indexes,
                             std::span<const store::MessageMeta> messages);

// "* SEARCH 2 5 9 (MODSEQ 917)\r\n" (RFC 3501 7.2.5; RFC 7162 3.1.5: the
// MODSEQ part only when `modseq` is set and numbers are not empty).
std::string format_search_response(std::span<const std::uint32_t> numbers,
                                   std::optional<store::ModSeq> modseq);

// "* ESEARCH (TAG "A1") UID MIN 2 MAX 9 COUNT 3 ALL 2,5,9 MODSEQ 917\r\n"
// (RFC 4731 3; RFC 9051 7.3.4). `ascending` are the result numbers
// (sequence numbers or UIDs as `uid` says), ascending. An empty result
// gives no MIN, MAX or ALL ("COUNT 0" when asked). RETURN () means ALL.
// Returns "" when SAVE is the only option (RFC 5182 2.1: no ESEARCH then).
std::string format_esearch_response(std::string_view tag, bool uid, const SearchReturn& returns,
                                    std::span<const std::uint32_t> ascending,
                                    std::optional<store::ModSeq> modseq);

}  // namespace kurir::imap::message
