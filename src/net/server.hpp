// The listeners and the connections they accept: one io_context run by a
// thread per core, one coroutine per connection on its own strand, implicit
// TLS done before the protocol sees the connection, a cap on connections per
// IP address, and a session group that drains on shutdown (DESIGN.md
// "Concurrency", STYLE.md habit 10).
//
// Thread-safety: configure (listen) from one thread before run(); stop() may
// be called from any thread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/config.hpp"
#include "core/result.hpp"
#include "net/stream.hpp"

namespace kurir::net {

struct Peer {
  std::string address;  // textual IP
  std::uint16_t port = 0;
  bool loopback = false;
};

// Serves one accepted connection (TLS already up on implicit-TLS listeners).
// Returns when the session is over; the server closes the stream after.
using SessionHandler = std::function<boost::asio::awaitable<void>(Stream&, const Peer&)>;

struct ServerOptions {
  std::uint32_t connections_per_ip = 50;
  std::chrono::seconds tls_handshake_timeout{30};
  std::chrono::seconds drain_timeout{10};  // on stop, how long sessions may take to finish
};

class Server {
 public:
  Server(std::shared_ptr<boost::asio::ssl::context> tls, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds one listener ("*" = IPv6 and IPv4). Fails io with a message that
  // names the listener, the address and port, and the OS's reason.
  Status listen(const ListenerConfig& listener, SessionHandler handler);

  // Runs the listeners on `threads` threads until stop() or SIGINT/SIGTERM,
  // then drains the open sessions. Blocks.
  void run(unsigned threads);
  void stop();

  // Connections open now (for tests and the shutdown log).
  std::size_t open_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kurir::net
