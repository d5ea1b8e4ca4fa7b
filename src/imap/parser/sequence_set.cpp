// RFC 9051 9 sequence-set, with RFC 5182's "$".
#include <string>

#include "core/limits.hpp"
#include "imap/parser/grammar.hpp"

namespace kurir::imap::grammar {

namespace {

// seq-number = nz-number / "*"
bool seq_number(Reader& r, std::uint32_t& out, bool allow_star) {
  if (r.accept('*')) {
    if (!allow_star) return r.fail("\"*\" is not allowed in known UIDs (RFC 7162 3.2.5)");
    out = kStar;
    return true;
  }
  if (!is_digit(r.peek())) return r.expected("a sequence number or \"*\"");
  if (!r.number(out, "a sequence number")) return false;
  return out != 0 || r.fail("sequence numbers and UIDs start at 1, not 0");
}

}  // namespace

bool sequence_set(Reader& r, SequenceSet& out, bool allow_saved, bool allow_star) {
  out = SequenceSet{};
  if (r.peek() == '$') {
    // RFC 5182 2.1: "$" is the saved search result. XXX RFC 9051 9: the
    // grammar's recursion ("sequence-set =/ seq-last-command") would allow
    // "1,$"; SequenceSet holds "$" alone, so such a mix is BAD (as in Dovecot).
    if (!allow_saved) return r.fail("\"$\" (a saved search result) is not allowed here");
    r.accept('$');
    out.saved = true;
    return true;
  }
  do {
    if (out.ranges.size() >= limits::kMaxImapSequenceRanges)
      return r.fail(
          "more than " + std::to_string(limits::kMaxImapSequenceRanges) + " ranges in a sequence set",
          "LIMIT");
    SeqRange range;
    if (!seq_number(r, range.first, allow_star)) return false;
    range.last = range.first;
    // RFC 9051 9 seq-range = seq-number ":" seq-number (either order).
    if (r.accept(':') && !seq_number(r, range.last, allow_star)) return false;
    out.ranges.push_back(range);
  } while (r.accept(','));
  return true;
}

}  // namespace kurir::imap::grammar
