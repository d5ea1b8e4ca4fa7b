// Buffered reading of a protocol's input from a Stream: lines with a length
// bound and a deadline, and exact byte counts (IMAP literals, SMTP BDAT).
//
// SECURITY: every read is bounded. A line longer than max_line is not kept:
// the reader skips to its end (resynchronises) and reports too_long, so the
// session can answer precisely and carry on. discard_buffered() drops what a
// client pipelined before STARTTLS (CVE-2011-0411).
//
// Thread-safety: belongs to one connection coroutine, like its Stream.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "net/stream.hpp"

namespace kurir::net {

enum class ReadStatus {
  ok,        // a line (or the bytes asked for) was read
  too_long,  // the line passed max_line; skipped to its end
  closed,    // the peer closed, or the connection failed
  timeout,   // nothing complete arrived before the deadline
};

struct Line {
  ReadStatus status = ReadStatus::closed;
  std::string_view text;  // without its line ending; valid until the next read
  bool bare_lf = false;   // ended by LF alone rather than CRLF
};

class LineReader {
 public:
  explicit LineReader(Stream& stream) : stream_(stream) {}

  // Reads one line of at most max_line bytes (ending excluded).
  boost::asio::awaitable<Line> read_line(std::size_t max_line, std::chrono::seconds timeout);
  // Appends exactly n bytes to out.
  boost::asio::awaitable<ReadStatus> read_exact(std::size_t n, std::string& out, std::chrono::seconds timeout);

  // Bytes received but not yet consumed (pipelined commands).
  std::size_t buffered() const { return buffer_.size() - start_; }
  // Drops the buffered bytes; returns how many there were.
  std::size_t discard_buffered();
  // Hands over the buffered bytes (to be read through a new layer: COMPRESS).
  std::string take_buffered();
  // Gives back memory after a large read, for idle connections.
  void shrink();

 private:
  boost::asio::awaitable<bool> fill(std::chrono::steady_clock::time_point deadline);
  void compact();

  Stream& stream_;
  std::string buffer_;  // unread bytes are buffer_[start_, size)
  std::size_t start_ = 0;
  std::string line_;    // the line handed out last
};

}  // namespace kurir::net
