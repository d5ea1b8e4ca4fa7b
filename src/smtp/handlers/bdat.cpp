// BDAT (RFC 3030 CHUNKING): exact byte counts, no dot-stuffing, SIZE enforced
// across the chunks. The chunk's bytes are always read, even when refused,
// so they are never taken for commands (RFC 3030 2).
#include <algorithm>

#include "smtp/handlers/handlers.hpp"

namespace kurir::smtp {

namespace {

// Reads and drops n bytes, in bounded pieces. False when the connection ended.
boost::asio::awaitable<bool> skip(Session& s, std::uint64_t n) {
  std::string scratch;
  while (n > 0) {
    const std::size_t piece = static_cast<std::size_t>(std::min<std::uint64_t>(n, 64 * 1024));
    scratch.clear();
    if (co_await s.reader.read_exact(piece, scratch, kDataBlockTimeout) != net::ReadStatus::ok) co_return false;
    n -= piece;
  }
  co_return true;
}

}  // namespace

boost::asio::awaitable<void> handle_bdat(Session& s, const Command& cmd) {
  std::optional<Reply> refusal;
  if (!s.tx.active) refusal = Reply{503, "5.5.1", "need MAIL before BDAT"};
  else if (s.tx.recipients.empty()) refusal = Reply{554, "5.5.1", "no valid recipients"};
  else if (s.tx.chunk_error) refusal = s.tx.chunk_error;  // RFC 3030 2: a failed chunk fails the transaction
  else if (s.tx.chunks.size() + cmd.chunk_size > s.max_message_bytes() || cmd.chunk_size > s.max_message_bytes())
    refusal = Reply{552, "5.3.4", "message size exceeds fixed maximum message size"};  // RFC 1870 + RFC 3030 2
  s.tx.chunking = true;
  if (refusal) {
    if (!co_await skip(s, cmd.chunk_size)) {
      s.closing = true;
      co_return;
    }
    if (s.tx.active && !s.tx.chunk_error) s.tx.chunk_error = refusal;
    s.reply(*refusal);
    if (cmd.last || !s.tx.active) s.reset_transaction();
    co_return;
  }
  const auto status = co_await s.reader.read_exact(static_cast<std::size_t>(cmd.chunk_size), s.tx.chunks, kDataBlockTimeout);
  if (status != net::ReadStatus::ok) {
    s.reset_transaction();
    s.closing = true;
    co_return;
  }
  if (!cmd.last) {
    s.reply(250, "2.0.0", std::to_string(cmd.chunk_size) + " octets received");
    co_return;
  }
  std::string message = std::move(s.tx.chunks);
  s.reply(co_await deliver_transaction(s, std::move(message)));
  s.reset_transaction();
}

}  // namespace kurir::smtp
