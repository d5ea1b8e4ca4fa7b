#include "net/line_reader.hpp"

#include <algorithm>

namespace kurir::net {

namespace asio = boost::asio;

namespace {
constexpr std::size_t kReadChunk = 16 * 1024;
// What the buffer may keep while its connection waits for input.
constexpr std::size_t kKeepWhileIdle = 512;
}

void LineReader::compact() {
  if (start_ == 0) return;
  buffer_.erase(0, start_);
  start_ = 0;
}

asio::awaitable<bool> LineReader::fill(std::chrono::steady_clock::time_point deadline) {
  const auto now = std::chrono::steady_clock::now();
  if (now >= deadline) co_return false;
  // Stream deadlines are in whole seconds; round up so a short remainder still waits.
  const auto left = std::chrono::ceil<std::chrono::seconds>(deadline - now);
  compact();
  if (buffer_.empty() && !stream_.readable()) {
    // Nothing to read: wait holding no buffer, so that an idle connection
    // (IMAP IDLE, a client between commands) costs little memory.
    if (buffer_.capacity() > kKeepWhileIdle) std::string().swap(buffer_);  // (assigning keeps the capacity)
    const bool ready = co_await stream_.wait_readable(left);
    if (!ready) co_return false;
  }
  const std::size_t old = buffer_.size();
  buffer_.resize(old + kReadChunk);
  const std::size_t n = co_await stream_.read_some(asio::buffer(buffer_.data() + old, kReadChunk), left);
  buffer_.resize(old + n);
  co_return n > 0;
}

asio::awaitable<Line> LineReader::read_line(std::size_t max_line, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool skipping = false;  // past max_line: dropping bytes until the line ends
  std::size_t scanned = 0;
  for (;;) {
    const std::string_view unread(buffer_.data() + start_, buffer_.size() - start_);
    const std::size_t lf = unread.find('\n', scanned);
    if (lf != std::string_view::npos) {
      const bool crlf = lf > 0 && unread[lf - 1] == '\r';
      const std::size_t length = crlf ? lf - 1 : lf;
      if (skipping || length > max_line) {
        start_ += lf + 1;
        co_return Line{ReadStatus::too_long, {}, !crlf};
      }
      line_.assign(unread.substr(0, length));
      start_ += lf + 1;
      co_return Line{ReadStatus::ok, line_, !crlf};
    }
    // No line end yet. Past the bound, keep only a possible trailing CR.
    if (unread.size() > max_line + 1) {
      skipping = true;
      start_ = buffer_.size() - 1;
      scanned = 0;
    } else {
      scanned = unread.size();
    }
    if (!co_await fill(deadline)) co_return Line{stream_.timed_out() ? ReadStatus::timeout : ReadStatus::closed, {}};
  }
}

asio::awaitable<ReadStatus> LineReader::read_exact(std::size_t n, std::string& out, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const std::size_t take = std::min(n, buffered());
    out.append(buffer_, start_, take);
    start_ += take;
    n -= take;
    if (n == 0) co_return ReadStatus::ok;
    if (!co_await fill(deadline)) co_return stream_.timed_out() ? ReadStatus::timeout : ReadStatus::closed;
  }
}

std::size_t LineReader::discard_buffered() {
  const std::size_t n = buffered();
  buffer_.clear();
  start_ = 0;
  return n;
}

std::string LineReader::take_buffered() {
  std::string taken = buffer_.substr(start_);
  discard_buffered();
  return taken;
}

void LineReader::shrink() {
  compact();
  buffer_.shrink_to_fit();
  line_.clear();
  line_.shrink_to_fit();
}

}  // namespace kurir::net
