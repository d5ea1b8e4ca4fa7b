#include "net/stream.hpp"

#include <openssl/err.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <algorithm>
#include <csignal>
#include <cerrno>
#include <climits>
#include <cstring>
#include <mutex>

namespace kurir::net {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

namespace {

using Wait = asio::socket_base::wait_type;

// What a compressed connection reads from the wire at a time.
constexpr std::size_t kCompressedChunk = 4096;

std::chrono::steady_clock::time_point after(std::chrono::seconds timeout) {
  return std::chrono::steady_clock::now() + timeout;
}

// One OpenSSL call's length argument.
int ssl_length(std::size_t size) {
  return static_cast<int>(std::min<std::size_t>(size, INT_MAX));
}

// Why the OpenSSL call that got `error` from SSL_get_error failed, in words
// ("certificate verify failed"). Empties the thread's error queue.
std::string ssl_failure(int error) {
  std::string reason = "the peer closed the connection";
  if (const unsigned long code = ERR_get_error(); code != 0) {
    const char* text = ERR_reason_error_string(code);
    reason = text ? text : "TLS error " + std::to_string(code);
  } else if (error == SSL_ERROR_SYSCALL && errno != 0) {
    reason = std::strerror(errno);
  }
  ERR_clear_error();
  return reason;
}

}  // namespace

Stream::Stream(asio::ip::tcp::socket socket, asio::ssl::context& tls) : socket_(std::move(socket)), context_(tls) {
  boost::system::error_code ignored;
  // Sessions gather a batch of replies into one write, so Nagle's algorithm
  // only delays the last segment of a response until the client's delayed
  // ACK (40 ms per pipelined batch, found by bench/pop3).
  socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
  // Reads and writes are tried at once and wait for readiness only when the
  // socket has nothing (plain and TLS alike).
  socket_.non_blocking(true, ignored);
}

asio::awaitable<bool> Stream::wait(Wait what, Deadline deadline) {
  if (deadline == Deadline::max()) {
    auto [ec] = co_await socket_.async_wait(what, kNoThrow);
    co_return !ec;
  }
  asio::steady_timer timer(socket_.get_executor(), deadline);
  auto result = co_await (socket_.async_wait(what, kNoThrow) || timer.async_wait(kNoThrow));
  if (result.index() == 1) {
    timed_out_ = true;
    co_return false;
  }
  auto [ec] = std::get<0>(result);
  co_return !ec;
}

asio::awaitable<std::size_t> Stream::read_some(asio::mutable_buffer buffer, std::chrono::seconds timeout) {
  const Deadline deadline = after(timeout);
  if (!deflate_) {
    const std::size_t n = co_await read_raw(buffer, deadline);
    co_return n;
  }
  for (;;) {
    if (deflate_->pending()) {
      auto n = deflate_->decompress(static_cast<char*>(buffer.data()), buffer.size());
      if (!n.ok()) co_return 0;  // bad compressed data: the connection ends
      if (*n > 0) co_return *n;
    }
    // The compressed bytes are read into a buffer of their own only once
    // they are there, so an idle compressed connection holds none.
    if (!readable_raw()) {
      const bool ready = co_await wait(Wait::wait_read, deadline);
      if (!ready) co_return 0;
    }
    std::string compressed(kCompressedChunk, '\0');
    const std::size_t n = co_await read_raw(asio::buffer(compressed), deadline);
    if (n == 0) co_return 0;
    deflate_->feed(std::string_view(compressed).substr(0, n));
  }
}

asio::awaitable<std::size_t> Stream::read_raw(asio::mutable_buffer buffer, Deadline deadline) {
  for (;;) {
    Wait what = Wait::wait_read;
    if (tls_active_) {
      ERR_clear_error();
      const int n = SSL_read(ssl_.get(), buffer.data(), ssl_length(buffer.size()));
      if (n > 0) co_return static_cast<std::size_t>(n);
      const int error = SSL_get_error(ssl_.get(), n);
      if (error == SSL_ERROR_WANT_WRITE) {
        what = Wait::wait_write;  // TLS 1.3 may answer a key update while reading
      } else if (error != SSL_ERROR_WANT_READ) {
        ERR_clear_error();
        co_return 0;
      }
    } else {
      boost::system::error_code ec;
      const std::size_t n = socket_.read_some(buffer, ec);
      if (!ec) co_return n;
      if (ec != asio::error::would_block && ec != asio::error::try_again) co_return 0;
    }
    const bool ready = co_await wait(what, deadline);
    if (!ready) co_return 0;
  }
}

bool Stream::readable() const {
  return (deflate_ && deflate_->pending()) || readable_raw();
}

bool Stream::readable_raw() const {
  if (tls_active_ && SSL_has_pending(ssl_.get()) == 1) return true;
  boost::system::error_code ec;
  const std::size_t available = socket_.available(ec);
  return available > 0 || ec;
}

asio::awaitable<bool> Stream::wait_readable(std::chrono::seconds timeout) {
  if (readable()) co_return true;
  const bool ready = co_await wait(Wait::wait_read, after(timeout));
  co_return ready;
}

asio::awaitable<bool> Stream::write(std::string_view data) {
  if (!deflate_) {
    const bool written = co_await write_raw(data);
    co_return written;
  }
  std::string compressed;
  if (!deflate_->compress(data, compressed).ok()) co_return false;
  const bool written = co_await write_raw(compressed);
  co_return written;
}

Status Stream::start_compression(std::string_view already_read) {
  auto made = Deflate::make();
  if (!made.ok()) return made.error();
  deflate_ = std::move(*made);
  deflate_->feed(already_read);
  return Status{};
}

asio::awaitable<bool> Stream::write_raw(std::string_view data) {
  while (!data.empty()) {
    Wait what = Wait::wait_write;
    if (tls_active_) {
      ERR_clear_error();
      // After WANT_WRITE the same bytes are offered again, as OpenSSL requires.
      const int n = SSL_write(ssl_.get(), data.data(), ssl_length(data.size()));
      if (n > 0) {
        data.remove_prefix(static_cast<std::size_t>(n));
        continue;
      }
      const int error = SSL_get_error(ssl_.get(), n);
      if (error == SSL_ERROR_WANT_READ) {
        what = Wait::wait_read;
      } else if (error != SSL_ERROR_WANT_WRITE) {
        ERR_clear_error();
        co_return false;
      }
    } else {
      boost::system::error_code ec;
      const std::size_t n = socket_.write_some(asio::buffer(data), ec);
      if (!ec) {
        data.remove_prefix(n);
        continue;
      }
      if (ec != asio::error::would_block && ec != asio::error::try_again) co_return false;
    }
    const bool ready = co_await wait(what, Deadline::max());
    if (!ready) co_return false;
  }
  co_return true;
}

void Stream::make_tls(bool server) {
  // OpenSSL writes to the socket with write(2), which raises SIGPIPE when
  // the peer has gone; the process takes that as an error (EPIPE) instead.
  static std::once_flag ignore_sigpipe;
  std::call_once(ignore_sigpipe, [] { std::signal(SIGPIPE, SIG_IGN); });
  ssl_.reset(SSL_new(context_.native_handle()));
  if (!ssl_) return;
  SSL_set_mode(ssl_.get(),
               SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_RELEASE_BUFFERS);
  SSL_set_fd(ssl_.get(), socket_.native_handle());
  if (server)
    SSL_set_accept_state(ssl_.get());
  else
    SSL_set_connect_state(ssl_.get());
}

asio::awaitable<Status> Stream::handshake(Deadline deadline) {
  if (!ssl_) co_return make_error(Errc::io, "TLS handshake failed: " + ssl_failure(SSL_ERROR_SSL));
  for (;;) {
    ERR_clear_error();
    const int rc = SSL_do_handshake(ssl_.get());
    if (rc == 1) break;
    const int error = SSL_get_error(ssl_.get(), rc);
    if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE)
      co_return make_error(Errc::io, "TLS handshake failed: " + ssl_failure(error));
    const bool ready = co_await wait(error == SSL_ERROR_WANT_READ ? Wait::wait_read : Wait::wait_write, deadline);
    if (!ready)
      co_return make_error(Errc::io, timed_out_ ? "TLS handshake timed out" : "TLS handshake failed: connection lost");
  }
  tls_active_ = true;
  co_return Status{};
}

asio::awaitable<Status> Stream::start_tls(std::chrono::seconds timeout) {
  make_tls(true);
  auto status = co_await handshake(after(timeout));
  co_return status;
}

asio::awaitable<Status> Stream::start_client_tls(std::string_view server_name, std::chrono::seconds timeout) {
  make_tls(false);
  const std::string name(server_name);
  boost::system::error_code parse_error;
  (void)asio::ip::make_address(name, parse_error);
  if (ssl_ && !name.empty()) {
    // RFC 6066 3: SNI carries host names only, never addresses.
    // (SSL_set_tlsext_host_name, without its macro's C cast.)
    if (parse_error)
      SSL_ctrl(ssl_.get(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(name.c_str()));
    // The name the certificate must carry, when the context verifies peers
    // (a context with verify_none ignores it).
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl_.get());
    if (parse_error)
      X509_VERIFY_PARAM_set1_host(param, name.c_str(), name.size());
    else
      X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str());
  }
  auto status = co_await handshake(after(timeout));
  co_return status;
}

void Stream::close() {
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

std::string Stream::tls_description() const {
  if (!tls_active_) return {};
  return std::string(SSL_get_version(ssl_.get())) + " " + SSL_get_cipher_name(ssl_.get());
}

}  // namespace kurir::net
