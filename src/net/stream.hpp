// One client connection's byte stream: plain TCP that may become TLS, either
// at once (implicit-TLS ports) or later on the client's request (STARTTLS,
// STLS). Protocol sessions read and write through it and never see which.
//
// TLS is OpenSSL on the socket's descriptor itself (non-blocking, waiting for
// readiness through asio), not asio's ssl::stream: that one keeps four 17 KiB
// buffers per connection for its lifetime, which dominated the memory of
// idle connections (bench/imap --idle). Here a plain connection holds no TLS
// state at all, and a TLS one only OpenSSL's object, whose record buffers
// are released between reads and writes (SSL_MODE_RELEASE_BUFFERS).
//
// SECURITY: start_tls() must be called with the session's read buffer
// emptied first: bytes a client pipelined before the handshake are never
// processed after it (the CVE-2011-0411 class of bug). Callers discard them.
//
// Thread-safety: one Stream belongs to one connection coroutine, which runs
// on that connection's strand; no member may be called concurrently (a read
// waiting for readiness and a write may interleave on the strand: neither is
// inside OpenSSL while it waits).
#pragma once

#include <openssl/ssl.h>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "net/deflate.hpp"

namespace kurir::net {

class Stream {
 public:
  Stream(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls);

  // Reads what is available into buffer, waiting at most timeout. Returns the
  // number of bytes; 0 means the peer closed or the deadline passed (see timed_out()).
  boost::asio::awaitable<std::size_t> read_some(boost::asio::mutable_buffer buffer, std::chrono::seconds timeout);
  // Bytes (or the peer's close) are ready now: read_some would not wait.
  bool readable() const;
  // Waits, without a buffer, until readable() or the deadline (then false,
  // and timed_out()). Idle connections wait here holding no read memory.
  boost::asio::awaitable<bool> wait_readable(std::chrono::seconds timeout);
  // Writes all of data. False when the connection is gone.
  boost::asio::awaitable<bool> write(std::string_view data);
  // Performs the server side of a TLS handshake.
  boost::asio::awaitable<Status> start_tls(std::chrono::seconds timeout);
  // Performs the client side of a TLS handshake (the outbound queue's SMTP
  // client), sending server_name as SNI when it is a host name. The caller
  // has read everything the server sent before (RFC 3207 5).
  boost::asio::awaitable<Status> start_client_tls(std::string_view server_name, std::chrono::seconds timeout);
  // RFC 4978 COMPRESS=DEFLATE: from now on both directions are raw DEFLATE
  // (inside TLS when it is active). already_read: bytes the caller read past
  // the command that asked for it (compressed already).
  Status start_compression(std::string_view already_read);
  bool compressed() const { return deflate_ != nullptr; }
  void close();

  bool tls_active() const { return tls_active_; }
  bool timed_out() const { return timed_out_; }
  // "TLSv1.3 TLS_AES_256_GCM_SHA384", or empty before TLS.
  std::string tls_description() const;

 private:
  using Deadline = std::chrono::steady_clock::time_point;
  // The bytes on the wire (TLS taken off, compression not).
  boost::asio::awaitable<std::size_t> read_raw(boost::asio::mutable_buffer buffer, Deadline deadline);
  boost::asio::awaitable<bool> write_raw(std::string_view data);
  bool readable_raw() const;
  // Waits until the socket is ready for `what`, or the deadline (false).
  boost::asio::awaitable<bool> wait(boost::asio::socket_base::wait_type what, Deadline deadline);
  boost::asio::awaitable<Status> handshake(Deadline deadline);
  // Makes the OpenSSL object for this connection.
  void make_tls(bool server);

  struct SslFree {
    void operator()(SSL* ssl) const { SSL_free(ssl); }
  };

  boost::asio::ip::tcp::socket socket_;
  boost::asio::ssl::context& context_;
  std::unique_ptr<SSL, SslFree> ssl_;  // set from the TLS handshake on
  std::unique_ptr<Deflate> deflate_;   // set from COMPRESS on
  bool tls_active_ = false;
  bool timed_out_ = false;
};

}  // namespace kurir::net
