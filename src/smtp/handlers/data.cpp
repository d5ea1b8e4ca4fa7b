// DATA (RFC 5321 4.1.1.4): the message up to <CRLF>.<CRLF>, dot-unstuffed
// (RFC 5321 4.5.2), bounded by SIZE, then delivered.
//
// SECURITY: the end of data is recognised only by smtp::DataDecoder, which
// takes nothing but CRLF.CRLF; a message with a bare CR or LF is refused
// (RFC 5321 2.3.8), so the 2023 smuggling inputs cannot split one message
// into two. Reading goes on to the real end whatever was refused.
#include "core/limits.hpp"
#include "smtp/handlers/handlers.hpp"
#include "smtp/parser/data_decoder.hpp"

namespace kurir::smtp {

boost::asio::awaitable<void> handle_data(Session& s) {
  if (!s.tx.active) {
    s.reply(503, "5.5.1", "need MAIL before DATA");  // RFC 5321 4.1.4
    co_return;
  }
  if (s.tx.recipients.empty()) {
    s.reply(554, "5.5.1", "no valid recipients");  // RFC 5321 3.3 / RFC 2920 3.1
    co_return;
  }
  if (s.tx.chunking) {
    s.reply(503, "5.5.1", "DATA not allowed after BDAT");  // RFC 3030 2
    co_return;
  }
  if (s.tx.params.body == Body::binary_mime) {
    s.reply(503, "5.5.1", "BODY=BINARYMIME needs BDAT");  // RFC 3030 3
    co_return;
  }
  s.reply(354, "", "End data with <CR><LF>.<CR><LF>");
  if (!co_await s.flush()) {
    s.closing = true;
    co_return;
  }
  DataDecoder decoder(s.max_message_bytes());
  bool long_line = false;
  while (!decoder.done()) {
    const net::Line line = co_await s.reader.read_line(limits::kMaxSmtpDataLineBytes, kDataBlockTimeout);
    if (line.status == net::ReadStatus::closed || line.status == net::ReadStatus::timeout) {
      // RFC 5321 4.1.1.4: a transaction without its end is not delivered.
      if (line.status == net::ReadStatus::timeout) s.reply(421, "4.4.2", "timeout waiting for data, closing connection");
      s.reset_transaction();
      s.closing = true;
      co_return;
    }
    if (line.status == net::ReadStatus::too_long) {
      long_line = true;
      (void)decoder.feed("x");  // stands for the dropped line, so it cannot look like the end mark
    } else {
      (void)decoder.feed(line.text);
    }
    (void)decoder.feed(line.bare_lf ? std::string_view("\n") : std::string_view("\r\n"));
  }
  if (decoder.bare_line_end()) {
    // RFC 5321 2.3.8 / 4.1.1.4: CR and LF only as CRLF. Permanent: the client's software must be fixed.
    s.reply(550, "5.6.0", "message contains a bare CR or LF; lines must end with CRLF (RFC 5321 2.3.8)");
  } else if (decoder.too_big()) {
    s.reply(552, "5.3.4", "message size exceeds fixed maximum message size");  // RFC 1870 6.3
  } else if (long_line) {
    s.reply(550, "5.6.0", "message has a line longer than " + std::to_string(limits::kMaxSmtpDataLineBytes) +
                              " octets (RFC 5321 4.5.3.1.6)");
  } else {
    s.reply(co_await deliver_transaction(s, std::move(decoder.message())));
  }
  s.reset_transaction();
}

}  // namespace kurir::smtp
