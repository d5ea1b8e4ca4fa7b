#include "net/stream.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace kurir::net {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

Stream::Stream(asio::ip::tcp::socket socket, asio::ssl::context& tls) : stream_(std::move(socket), tls) {
  // Sessions gather a batch of replies into one write, so Nagle's algorithm
  // only delays the last segment of a response until the client's delayed
  // ACK (40 ms per pipelined batch, found by bench/pop3).
  boost::system::error_code ignored;
  stream_.next_layer().set_option(asio::ip::tcp::no_delay(true), ignored);
}

asio::awaitable<std::size_t> Stream::read_some(asio::mutable_buffer buffer, std::chrono::seconds timeout) {
  asio::steady_timer deadline(stream_.get_executor(), timeout);
  auto read = [&]() -> asio::awaitable<std::size_t> {
    auto [ec, n] = tls_active_ ? co_await stream_.async_read_some(buffer, kNoThrow)
                               : co_await stream_.next_layer().async_read_some(buffer, kNoThrow);
    co_return ec ? 0 : n;
  };
  auto result = co_await (read() || deadline.async_wait(kNoThrow));
  if (result.index() == 1) {
    timed_out_ = true;
    co_return 0;
  }
  co_return std::get<0>(result);
}

asio::awaitable<bool> Stream::write(std::string_view data) {
  auto [ec, n] = tls_active_ ? co_await asio::async_write(stream_, asio::buffer(data), kNoThrow)
                             : co_await asio::async_write(stream_.next_layer(), asio::buffer(data), kNoThrow);
  (void)n;
  co_return !ec;
}

asio::awaitable<Status> Stream::start_tls(std::chrono::seconds timeout) {
  asio::steady_timer deadline(stream_.get_executor(), timeout);
  auto result = co_await (stream_.async_handshake(asio::ssl::stream_base::server, kNoThrow) ||
                          deadline.async_wait(kNoThrow));
  if (result.index() == 1) {
    timed_out_ = true;
    co_return make_error(Errc::io, "TLS handshake timed out");
  }
  auto [ec] = std::get<0>(result);
  if (ec) co_return make_error(Errc::io, "TLS handshake failed: " + ec.message());
  tls_active_ = true;
  co_return Status{};
}

asio::awaitable<Status> Stream::start_client_tls(std::string_view server_name, std::chrono::seconds timeout) {
  const std::string name(server_name);
  boost::system::error_code parse_error;
  (void)asio::ip::make_address(name, parse_error);
  // RFC 6066 3: SNI carries host names only, never addresses.
  // (SSL_set_tlsext_host_name, without its macro's C cast.)
  if (parse_error && !name.empty())
    SSL_ctrl(stream_.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(name.c_str()));
  // The name the certificate must carry, when the context verifies peers
  // (a context with verify_none ignores it).
  if (!name.empty()) {
    X509_VERIFY_PARAM* param = SSL_get0_param(stream_.native_handle());
    if (parse_error)
      X509_VERIFY_PARAM_set1_host(param, name.c_str(), name.size());
    else
      X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str());
  }
  asio::steady_timer deadline(stream_.get_executor(), timeout);
  auto result = co_await (stream_.async_handshake(asio::ssl::stream_base::client, kNoThrow) ||
                          deadline.async_wait(kNoThrow));
  if (result.index() == 1) {
    timed_out_ = true;
    co_return make_error(Errc::io, "TLS handshake timed out");
  }
  auto [ec] = std::get<0>(result);
  if (ec) co_return make_error(Errc::io, "TLS handshake failed: " + ec.message());
  tls_active_ = true;
  co_return Status{};
}

void Stream::close() {
  boost::system::error_code ignored;
  stream_.next_layer().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.next_layer().close(ignored);
}

std::string Stream::tls_description() {
  if (!tls_active_) return {};
  SSL* ssl = stream_.native_handle();
  return std::string(SSL_get_version(ssl)) + " " + SSL_get_cipher_name(ssl);
}

}  // namespace kurir::net
