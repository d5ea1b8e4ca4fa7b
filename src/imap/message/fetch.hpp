// FETCH response data of one message (RFC 9051 6.4.5 / 7.5.2, RFC 3501
// 6.4.5 / 7.4.2, RFC 3516 BINARY, RFC 7162 3.1.4.1 MODSEQ, RFC 8474
// EMAILID/THREADID): from a list of FetchItems to the parenthesised list
// "(UID 4 FLAGS (\Seen) BODY[1.2] {N}\r\n<bytes>)", with every item name
// echoed as RFC 9051 7.5.2 spells it (BODY.PEEK[...] -> BODY[...],
// BODY[]<0.10> -> BODY[]<0>, RFC822 -> RFC822, ...).
//
// Inputs are what the store keeps: the MessageMeta, the parse made at
// delivery (mime::ParsedMessage: part tree with byte offsets, ENVELOPE and
// BODYSTRUCTURE strings) and, only for the items that need them, the
// message bytes. Nothing re-parses the message: HEADER.FIELDS splits one
// part's header (mime::split_header), BINARY decodes one part's body.
//
// Large bodies: the response is a list of pieces, each some owned text
// followed by a byte range of the message content, so BODY[] of a 30 MB
// message is 30 MB of the content the session already holds, written in
// chunks, never copied into one string. BINARY[...] is the exception: the
// decoded part is owned text (one copy of the part's decoded size).
//
// SECURITY: the content and parse are stored data from untrusted senders;
// every offset is checked against the content size (a parse that does not
// fit the content gives NIL, never a read past it). Work is linear in the
// bytes answered.
//
// Thread-safety: pure functions over the caller's values.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "imap/parser/command.hpp"
#include "mime/message.hpp"
#include "store/types.hpp"

namespace kurir::imap::message {

// Which stored data the items need. FLAGS, UID, MODSEQ, INTERNALDATE,
// RFC822.SIZE, EMAILID, THREADID, SAVEDATE need only the meta; ENVELOPE,
// BODY, BODYSTRUCTURE and BINARY.SIZE need the parse; BODY[...], BINARY[...],
// RFC822, RFC822.HEADER and RFC822.TEXT need the parse and the bytes.
struct FetchNeeds {
  bool structure = false;
  bool content = false;
};
FetchNeeds fetch_needs(std::span<const FetchItem> items);

// True when answering the items sets \Seen (RFC 9051 6.4.5: BODY[...] and
// BINARY[...] without .PEEK, RFC822, RFC822.TEXT). The session sets the flag
// first (unless the mailbox is read-only), and then renders with the updated
// meta and a FLAGS item added when the flags changed ("SHOULD be included").
bool fetch_sets_seen(std::span<const FetchItem> items);

struct FetchInput {
  const store::MessageMeta* meta = nullptr;        // REQUIRES: not null
  const mime::ParsedMessage* structure = nullptr;  // REQUIRES: not null when fetch_needs().structure
  std::string_view content;                        // REQUIRES: the bytes when fetch_needs().content
};

// The response data, in order: for each piece, `text` then the content
// bytes [content_offset, content_offset + content_length). Concatenated they
// are "(ITEM value ...)"; the caller writes "* <seq> FETCH " before and
// "\r\n" after. The caller adds a UID item for UID FETCH (RFC 9051 6.4.9)
// and MODSEQ when CONDSTORE asks for it (RFC 7162 3.1.4.1); items are
// answered in the order given, duplicates included.
struct FetchResponse {
  struct Piece {
    std::string text;
    std::uint64_t content_offset = 0;
    std::uint64_t content_length = 0;
  };
  std::vector<Piece> pieces;

  // Total bytes of the response.
  std::uint64_t size() const;
  // Appends the whole response to `out` (tests, and small responses).
  // REQUIRES: `content` is the FetchInput::content it was rendered from.
  void append_to(std::string& out, std::string_view content) const;
};

// Renders the items. A part number that does not exist, or a HEADER/TEXT
// spec on a part that is not message/rfc822, gives NIL for that item
// (RFC 9051 6.4.5 leaves it open; Dovecot and Cyrus answer so too), and
// BINARY.SIZE 0 (its ABNF allows only a number). BINARY[] (no part) is the
// message as stored; BINARY of a multipart or message part is its body as
// stored (RFC 2045 6.4: those are never encoded).
// Fails with Errc::invalid_argument only when a BINARY[...] or BINARY.SIZE
// item names a part whose Content-Transfer-Encoding is unknown: the command
// then answers NO [UNKNOWN-CTE] (RFC 3516 4.2, RFC 9051 6.4.5); the error
// message names the encoding.
Result<FetchResponse> render_fetch(const FetchInput& input, std::span<const FetchItem> items);

// RFC 9051 9 date-time "dd-Mon-yyyy hh:mm:ss +0000" (quotes included) of
// seconds since the epoch, in UTC.
std::string format_internal_date(std::int64_t seconds);

}  // namespace kurir::imap::message
