// mbox files (mboxrd): splitting a stream of bytes into messages, and
// writing messages back out. Pure: no I/O, no store.
//
// Format (the "mboxrd" variant, as Dovecot, mutt and Thunderbird read it):
// each message starts with a "From_" line, "From SENDER DATE\n", and ends
// with a blank line before the next From_ line. In the message, lines that
// match ^>*From  carry one more '>' than they had (RFC 4155 and
// https://www.loc.gov/preservation/digital/formats/fdd/fdd000385.shtml).
//
// Reading: a line is a From_ separator when it starts with "From ", follows a
// blank line (or starts the file) and carries an asctime-style date; a body
// line "From here on..." after a blank paragraph, left unquoted by an mboxo
// writer, is therefore still body. Every ^>+From  line loses one '>' (mboxrd:
// an mboxo file's ">From " lines that were ">From " in the original come back
// one '>' short; a known limit of that variant). The blank line that ends a
// message is the separator's, not the message's, and is removed. Line endings
// are kept as they are (LF or CRLF); see importer.hpp for the conversion.
//
// Writing is the inverse: write_mbox_message(...) read back by MboxSplitter
// gives the same message, internal date and flags (the From_ date is UTC, to
// the second).
//
// SECURITY: MboxSplitter reads untrusted bytes (any file a user hands to
// `kurir import`). It keeps at most one message of max_message_bytes plus
// one From_ line in memory, whatever the input: a larger message is reported
// as oversized with its size, its bytes dropped. Cost is linear in the input.
//
// Thread-safety: values; an MboxSplitter is used by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.hpp"
#include "core/result.hpp"
#include "store/types.hpp"

namespace kurir::transfer {

// Longest From_ line recognised as a separator (real ones are < 200 bytes).
inline constexpr std::size_t kMaxFromLineBytes = 1000;

struct FromLine {
  std::string sender;     // the envelope sender as written, "MAILER-DAEMON" if missing
  std::int64_t date = 0;  // seconds since the epoch (UTC unless the line gives a zone); 0 if unparsable
};

// Parses a From_ line (without its line end), e.g.
// "From alice@example.test Wed Jan  3 12:34:56 2024". Accepts asctime dates
// with an optional zone name or numeric offset before or after the year, and
// hh:mm without seconds. Empty when the line is not "From " or has no date.
std::optional<FromLine> parse_from_line(std::string_view line);

// "From SENDER Www Mmm dd hh:mm:ss yyyy" in UTC, asctime layout (day padded
// with a space), without line end. A sender that is empty or holds
// whitespace or control characters becomes MAILER-DAEMON.
std::string format_from_line(std::string_view sender, std::int64_t date);

struct MboxMessage {
  FromLine from;
  std::string bytes;        // the message, unquoted, without From_ line and separating blank line
  std::uint64_t size = 0;   // bytes of the message in the file (also when oversized)
  std::uint64_t line = 0;   // 1-based line number of its From_ line, for reports
  bool oversized = false;   // larger than max_message_bytes: bytes is empty
};

// Splits an mbox fed in chunks of any size. Feeding the same bytes split at
// any points gives the same messages.
class MboxSplitter {
 public:
  explicit MboxSplitter(std::size_t max_message_bytes = limits::kMaxMessageBytes)
      : max_message_bytes_(max_message_bytes) {}

  // Appends every message completed by chunk to out. Fails invalid_argument
  // (and then keeps failing) when the input does not start with a From_ line
  // after optional blank lines: it is not an mbox.
  Status feed(std::string_view chunk, std::vector<MboxMessage>& out);
  // End of input: appends the last message. An empty input has no messages.
  Status finish(std::vector<MboxMessage>& out);

 private:
  void append_to_line(std::string_view piece);
  Status end_line(std::vector<MboxMessage>& out);
  void add_body_line(std::string_view line);
  void emit(std::vector<MboxMessage>& out);

  std::size_t max_message_bytes_;
  std::string line_;             // the line being read (capped once the message is oversized)
  std::uint64_t line_size_ = 0;  // its true length
  std::uint64_t line_number_ = 0;
  bool in_message_ = false;
  bool previous_blank_ = false;  // the last complete line of the message was empty
  std::size_t blank_size_ = 0;   // and its length: 1 (LF) or 2 (CRLF)
  std::optional<Error> error_;
  MboxMessage current_;
};

// Appends one message to out in mboxrd form: the From_ line, the message
// with LF line ends (CRLF becomes LF), any Status/X-Status/X-Keywords fields
// replaced by those of flags at the end of its header, ^>*From  lines quoted,
// a final line end if it lacked one, and the separating blank line.
void write_mbox_message(std::string& out, std::string_view message, const store::Flags& flags,
                        std::int64_t internal_date);

// The sender for a From_ line: the address of Return-Path, else of the first
// From, else MAILER-DAEMON. (The store keeps no envelope sender.)
std::string mbox_sender(std::string_view message);

}  // namespace kurir::transfer
