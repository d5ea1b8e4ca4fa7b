// One client connection's byte stream: plain TCP that may become TLS, either
// at once (implicit-TLS ports) or later on the client's request (STARTTLS,
// STLS). Protocol sessions read and write through it and never see which.
//
// SECURITY: start_tls() must be called with the session's read buffer
// emptied first: bytes a client pipelined before the handshake are never
// processed after it (the CVE-2011-0411 class of bug). Callers discard them.
//
// Thread-safety: one Stream belongs to one connection coroutine, which runs
// on that connection's strand; no member may be called concurrently.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace kurir::net {

class Stream {
 public:
  Stream(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls);

  // Reads what is available into buffer, waiting at most timeout. Returns the
  // number of bytes; 0 means the peer closed or the deadline passed (see timed_out()).
  boost::asio::awaitable<std::size_t> read_some(boost::asio::mutable_buffer buffer, std::chrono::seconds timeout);
  // Writes all of data. False when the connection is gone.
  boost::asio::awaitable<bool> write(std::string_view data);
  // Performs the server side of a TLS handshake.
  boost::asio::awaitable<Status> start_tls(std::chrono::seconds timeout);
  // Performs the client side of a TLS handshake (the outbound queue's SMTP
  // client), sending server_name as SNI when it is a host name. The caller
  // has read everything the server sent before (RFC 3207 5).
  boost::asio::awaitable<Status> start_client_tls(std::string_view server_name, std::chrono::seconds timeout);
  void close();

  bool tls_active() const { return tls_active_; }
  bool timed_out() const { return timed_out_; }
  // "TLSv1.3 TLS_AES_256_GCM_SHA384", or empty before TLS.
  std::string tls_description();

 private:
  boost::asio::ssl::stream<boost::asio::ip::tcp::socket> stream_;
  bool tls_active_ = false;
  bool timed_out_ = false;
};

}  // namespace kurir::net
