// The IMAP command, as the parser hands it to the session: one plain value
// per command of RFC 3501 / RFC 9051 and the extensions Kurir announces
// (UIDPLUS, MOVE, IDLE, CONDSTORE/QRESYNC RFC 7162, ESEARCH/SEARCHRES
// RFC 4731/5182, SORT/THREAD RFC 5256, LIST-EXTENDED/LIST-STATUS RFC
// 5258/5819, SPECIAL-USE RFC 6154, QUOTA RFC 9208, ENABLE RFC 5161,
// BINARY RFC 3516, MULTIAPPEND RFC 3502, ID RFC 2971, COMPRESS RFC 4978).
//
// These types are the contract between the parser (imap/parser/), the
// session and the command handlers (imap/commands/), and the FETCH and
// SEARCH evaluators. They hold no views into the input: a Command outlives
// the bytes it was parsed from. Strings are as the client meant them
// (quotes and literal framing removed); mailbox names are UTF-8 (modified
// UTF-7 decoded unless UTF8=ACCEPT is on; see parse_command).
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "store/types.hpp"

namespace kurir::imap {

// ---- sequence sets (RFC 9051 9 "sequence-set") ----------------------------

// "*" in a sequence set: the largest number in use (RFC 9051 6.4.4 / 9).
inline constexpr std::uint32_t kStar = 0xFFFFFFFFu;

// first:last as written ("4:2" is kept as 4:2; the evaluator orders it).
struct SeqRange {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  bool operator==(const SeqRange&) const = default;
};

struct SequenceSet {
  std::vector<SeqRange> ranges;
  bool saved = false;  // "$": the result saved by SEARCH RETURN (SAVE) (RFC 5182)
  bool operator==(const SequenceSet&) const = default;
};

// ---- flags ------------------------------------------------------------------

// A flag list as written: system flags as bits, keywords as atoms. "\Recent"
// and unknown "\Xxx" flags are kept in `other` so the handler can refuse or
// ignore them as the RFC says for each command.
struct FlagList {
  store::Flags flags;
  std::vector<std::string> other;  // "\Recent", "\Foo": backslash included
  bool operator==(const FlagList&) const = default;
};

// ---- FETCH (RFC 9051 6.4.5, RFC 3516 BINARY, RFC 7162 3.1.4) ---------------

// A body section spec: "1.2.HEADER.FIELDS (From To)", "TEXT", "" (whole).
struct Section {
  enum class Text : std::uint8_t { none, header, header_fields, header_fields_not, text, mime };
  std::vector<std::uint32_t> part;  // "1.2" -> {1, 2}; empty: the whole message
  Text text = Text::none;
  std::vector<std::string> fields;  // HEADER.FIELDS(.NOT) names, as written (compare case-insensitively)
  bool operator==(const Section&) const = default;
};

struct Partial {
  std::uint64_t offset = 0;
  std::uint64_t length = 0;  // >= 1: RFC 9051 9 partial = "<" number64 "." nz-number64 ">"
  bool operator==(const Partial&) const = default;
};

struct FetchItem {
  enum class Kind : std::uint8_t {
    envelope, flags, internaldate, rfc822, rfc822_header, rfc822_size, rfc822_text,
    body,           // BODY without a section: the non-extensible BODYSTRUCTURE
    bodystructure,
    body_section,   // BODY[...] / BODY.PEEK[...]
    binary,         // BINARY[...] / BINARY.PEEK[...] (RFC 3516)
    binary_size,    // BINARY.SIZE[...]
    uid, modseq,    // MODSEQ: RFC 7162 3.1.4.1
    savedate,       // RFC 8514 (answered NIL; keeps clients that ask from failing)
    emailid, threadid,  // RFC 8474 OBJECTID
  };
  Kind kind = Kind::uid;
  Section section;                 // body_section, binary, binary_size
  std::optional<Partial> partial;  // body_section, binary
  bool peek = false;               // BODY.PEEK / BINARY.PEEK: do not set \Seen
  bool operator==(const FetchItem&) const = default;
};

// ---- SEARCH (RFC 9051 6.4.4, RFC 7162 3.1.5 MODSEQ, RFC 5032 WITHIN) -------

// One node of a search program. A program is an implicit AND of keys; `and_`
// is a parenthesised list, `not_` has one child, `or_` two.
struct SearchKey {
  enum class Kind : std::uint8_t {
    all, and_, not_, or_,
    sequence_set, uid,  // `set`
    answered, deleted, draft, flagged, seen, recent, new_, old,
    unanswered, undeleted, undraft, unflagged, unseen,
    keyword, unkeyword,                    // `text`: the keyword
    bcc, cc, from, to, subject, body, text,  // `text`: substring, case-insensitive
    header,                                // `field` and `text`
    before, on, since,                     // `date`: internal date, days since the epoch (UTC)
    sentbefore, senton, sentsince,         // `date`: Date: header
    larger, smaller,                       // `number`: RFC822.SIZE
    modseq,                                // `number` (RFC 7162 3.1.5; entry name/type ignored)
    older, younger,                        // `number`: seconds (RFC 5032)
  };
  Kind kind = Kind::all;
  SequenceSet set;
  std::string field;
  std::string text;
  std::int64_t date = 0;      // days since 1970-01-01
  std::uint64_t number = 0;
  std::vector<SearchKey> children;
  bool operator==(const SearchKey&) const = default;
};

// RFC 4731 / RFC 9051 6.4.4 "RETURN (...)" options.
struct SearchReturn {
  bool min = false, max = false, all = false, count = false, save = false;
  bool given = false;  // a RETURN clause was present (answer ESEARCH, not SEARCH)
  bool operator==(const SearchReturn&) const = default;
};

// RFC 5256 3 sort criteria.
struct SortKey {
  enum class Kind : std::uint8_t { arrival, cc, date, from, size, subject, to, display_from, display_to };
  Kind kind = Kind::arrival;
  bool reverse = false;
  bool operator==(const SortKey&) const = default;
};

enum class ThreadAlgorithm : std::uint8_t { orderedsubject, references };

// ---- LIST (RFC 9051 6.3.9, RFC 5258, RFC 5819, RFC 6154) -------------------

struct StatusItems {
  bool messages = false, uidnext = false, uidvalidity = false, unseen = false, deleted = false;
  bool size = false;           // RFC 8438 STATUS=SIZE
  bool highestmodseq = false;  // RFC 7162
  bool recent = false;         // IMAP4rev1 only; answered 0
  bool appendlimit = false;    // RFC 7889
  bool operator==(const StatusItems&) const = default;
};

struct ListOptions {
  // Selection options (RFC 5258 3.1).
  bool subscribed = false, remote = false, recursive_match = false, special_use = false;
  // Return options (RFC 5258 3.2, RFC 6154 5.1, RFC 5819).
  bool return_subscribed = false, return_children = false, return_special_use = false;
  std::optional<StatusItems> return_status;
  bool extended = false;  // selection or return options, or a parenthesised pattern list, were given (RFC 5258 3)
  bool operator==(const ListOptions&) const = default;
};

// ---- the commands ------------------------------------------------------------

struct Capability {};
struct Noop {};
struct Logout {};
struct StartTls {};
struct Check {};
struct Close {};
struct Unselect {};
struct Namespace {};
struct Idle {};  // the session then reads "DONE" (RFC 2177 3)
struct Compress { std::string mechanism; };  // RFC 4978: "DEFLATE"
struct Id { std::vector<std::pair<std::string, std::string>> fields; };  // RFC 2971; NIL: empty
struct Enable { std::vector<std::string> capabilities; };                // upper-cased

struct Login { std::string user, password; };
struct Authenticate {
  std::string mechanism;                        // upper-cased
  std::optional<std::string> initial_response;  // RFC 4959 SASL-IR, still base64 ("=" for empty)
};

struct Select {
  std::string mailbox;
  bool read_only = false;  // EXAMINE
  bool condstore = false;  // RFC 7162 3.1.8 (CONDSTORE)
  struct Qresync {         // RFC 7162 3.2.5
    std::uint32_t uidvalidity = 0;
    store::ModSeq modseq = 0;
    std::optional<SequenceSet> known_uids;
    std::optional<std::pair<SequenceSet, SequenceSet>> seq_match;  // (known sequence set, known UIDs)
  };
  std::optional<Qresync> qresync;
};

struct Create { std::string mailbox; store::SpecialUse use = store::SpecialUse::none; };  // RFC 6154 3 USE
struct Delete { std::string mailbox; };
struct Rename { std::string from, to; };
struct Subscribe { std::string mailbox; bool subscribe = true; };  // UNSUBSCRIBE: false
struct List {
  std::string reference;
  std::vector<std::string> patterns;  // RFC 5258: one or several
  ListOptions options;
  bool lsub = false;                  // LSUB
};
struct StatusRequest { std::string mailbox; StatusItems items; };  // STATUS (not to be confused with kurir::Status)

struct AppendMessage {
  FlagList flags;
  std::optional<std::int64_t> internal_date;  // seconds since the epoch
  std::string bytes;
  bool binary = false;  // "~{N}" literal8 (RFC 3516 4.4)
};
struct Append { std::string mailbox; std::vector<AppendMessage> messages; };  // RFC 3502 MULTIAPPEND

struct Expunge { std::optional<SequenceSet> uids; };  // UID EXPUNGE (RFC 4315 2.1)
struct Search {
  bool uid = false;
  SearchReturn returns;
  std::string charset;  // upper-cased; empty when not given
  std::vector<SearchKey> keys;
};
struct Sort {
  bool uid = false;
  SearchReturn returns;  // RFC 5267 ESORT, when RETURN is given
  std::vector<SortKey> criteria;
  std::string charset;
  std::vector<SearchKey> keys;
};
struct Thread {
  bool uid = false;
  ThreadAlgorithm algorithm = ThreadAlgorithm::references;
  std::string charset;
  std::vector<SearchKey> keys;
};
struct Fetch {
  bool uid = false;
  SequenceSet set;
  std::vector<FetchItem> items;  // macros (ALL, FAST, FULL) expanded
  std::optional<store::ModSeq> changed_since;  // RFC 7162 3.1.4.1
  bool vanished = false;                       // RFC 7162 3.2.6
};
struct Store {
  bool uid = false;
  SequenceSet set;
  store::FlagChange::Mode mode = store::FlagChange::Mode::replace;
  bool silent = false;
  FlagList flags;
  std::optional<store::ModSeq> unchanged_since;  // RFC 7162 3.1.3
};
struct Copy { bool uid = false; SequenceSet set; std::string mailbox; bool move = false; };  // MOVE: RFC 6851
struct GetQuota { std::string root; };
struct GetQuotaRoot { std::string mailbox; };
struct SetQuota { std::string root; std::vector<std::pair<std::string, std::uint64_t>> limits; };

using CommandBody = std::variant<Capability, Noop, Logout, StartTls, Check, Close, Unselect, Namespace, Idle,
                                 Compress, Id, Enable, Login, Authenticate, Select, Create, Delete, Rename,
                                 Subscribe, List, StatusRequest, Append, Expunge, Search, Sort, Thread, Fetch, Store,
                                 Copy, GetQuota, GetQuotaRoot, SetQuota>;

struct Command {
  std::string tag;
  CommandBody body;
};

}  // namespace kurir::imap
