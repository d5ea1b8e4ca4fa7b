#include "net/server.hpp"

#include <fmt/format.h>

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/log.hpp"

namespace kurir::net {

namespace asio = boost::asio;
using asio::ip::tcp;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

struct Server::Impl {
  asio::io_context io;
  std::shared_ptr<asio::ssl::context> tls;
  ServerOptions options;
  asio::signal_set signals{io, SIGINT, SIGTERM};

  struct Listening {
    ListenerConfig config;
    SessionHandler handler;
    std::unique_ptr<tcp::acceptor> acceptor;
  };
  std::vector<Listening> listeners;

  std::atomic<std::size_t> open{0};
  std::mutex per_ip_mutex;
  std::unordered_map<std::string, std::uint32_t> per_ip;
  std::atomic<bool> stopping{false};

  // Counts a connection against its IP for as long as it lives.
  class Admission {
   public:
    Admission(Impl& impl, std::string ip) : impl_(impl), ip_(std::move(ip)) {}
    Admission(const Admission&) = delete;
    Admission& operator=(const Admission&) = delete;
    ~Admission() {
      std::lock_guard lock(impl_.per_ip_mutex);
      if (auto it = impl_.per_ip.find(ip_); it != impl_.per_ip.end() && --it->second == 0) impl_.per_ip.erase(it);
      --impl_.open;
    }

   private:
    Impl& impl_;
    std::string ip_;
  };

  std::unique_ptr<Admission> admit(const std::string& ip) {
    std::lock_guard lock(per_ip_mutex);
    auto& count = per_ip[ip];
    if (count >= options.connections_per_ip) return nullptr;
    ++count;
    ++open;
    return std::make_unique<Admission>(*this, ip);
  }

  asio::awaitable<void> serve(tcp::socket socket, const ListenerConfig& config, const SessionHandler& handler,
                              Peer peer, std::unique_ptr<Admission> admission) {
    Stream stream(std::move(socket), *tls);
    if (config.tls == TlsMode::implicit) {
      if (auto ok = co_await stream.start_tls(options.tls_handshake_timeout); !ok) {
        log::debug("{}: {} from {}", config.name, ok.error().message, peer.address);
        stream.close();
        co_return;
      }
    }
    co_await handler(stream, peer);
    stream.close();
    (void)admission;
  }

  asio::awaitable<void> accept_loop(Listening& listening) {
    for (;;) {
      auto [ec, socket] = co_await listening.acceptor->async_accept(asio::make_strand(io), kNoThrow);
      if (stopping || !listening.acceptor->is_open()) co_return;
      if (ec) {
        // Out of descriptors or a transient network error: pause, then go on accepting.
        log::warn("{}: accept failed: {}", listening.config.name, ec.message());
        asio::steady_timer pause(io, std::chrono::milliseconds(100));
        co_await pause.async_wait(kNoThrow);
        continue;
      }
      boost::system::error_code endpoint_error;
      const auto remote = socket.remote_endpoint(endpoint_error);
      if (endpoint_error) continue;
      auto address = remote.address();
      if (address.is_v6() && address.to_v6().is_v4_mapped())
        address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
      Peer peer{address.to_string(), remote.port(), address.is_loopback()};
      auto admission = admit(peer.address);
      if (!admission) {
        log::info("{}: refused {}: over {} connections from one address", listening.config.name, peer.address,
                  options.connections_per_ip);
        socket.close(endpoint_error);
        continue;
      }
      auto executor = socket.get_executor();
      asio::co_spawn(executor,
                     serve(std::move(socket), listening.config, listening.handler, std::move(peer),
                           std::move(admission)),
                     asio::detached);
    }
  }

  asio::awaitable<void> drain() {
    const auto until = std::chrono::steady_clock::now() + options.drain_timeout;
    asio::steady_timer tick(io);
    while (open > 0 && std::chrono::steady_clock::now() < until) {
      tick.expires_after(std::chrono::milliseconds(50));
      co_await tick.async_wait(kNoThrow);
    }
    if (open > 0) log::warn("shutting down with {} sessions still open", open.load());
    io.stop();
  }

  void begin_stop() {
    if (stopping.exchange(true)) return;
    boost::system::error_code ignored;
    signals.cancel(ignored);
    for (auto& l : listeners) l.acceptor->close(ignored);
    asio::co_spawn(io, drain(), asio::detached);
  }
};

Server::Server(std::shared_ptr<asio::ssl::context> tls, ServerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->tls = std::move(tls);
  impl_->options = options;
}

Server::~Server() = default;

namespace {

std::string endpoint_text(const tcp::endpoint& endpoint) {
  return endpoint.address().is_v6() ? fmt::format("[{}]:{}", endpoint.address().to_string(), endpoint.port())
                                    : fmt::format("{}:{}", endpoint.address().to_string(), endpoint.port());
}

std::string bind_advice(const boost::system::error_code& ec, std::uint16_t port) {
  if (ec == boost::system::errc::permission_denied && port < 1024)
    return " (ports below 1024 need root; or use high ports: kurir init --ports high, or set the port in kurir.toml)";
  if (ec == boost::system::errc::address_in_use) return " (another program listens there; stop it or move this listener in kurir.toml)";
  return {};
}

}  // namespace

Status Server::listen(const ListenerConfig& listener, SessionHandler handler) {
  auto acceptor = std::make_unique<tcp::acceptor>(impl_->io);
  boost::system::error_code ec;
  tcp::endpoint endpoint;
  if (listener.address == "*") {
    // Every address: one dual-stack IPv6 socket, or IPv4 alone where IPv6 is off.
    endpoint = tcp::endpoint(tcp::v6(), listener.port);
    acceptor->open(endpoint.protocol(), ec);
    if (!ec) acceptor->set_option(asio::ip::v6_only(false), ec);
    if (ec) {
      acceptor = std::make_unique<tcp::acceptor>(impl_->io);
      endpoint = tcp::endpoint(tcp::v4(), listener.port);
      ec.clear();
      acceptor->open(endpoint.protocol(), ec);
    }
  } else {
    const auto address = asio::ip::make_address(listener.address, ec);
    if (ec)
      return make_error(Errc::invalid_argument,
                        fmt::format("{}: \"{}\" is not an IP address", listener.name, listener.address));
    endpoint = tcp::endpoint(address, listener.port);
    acceptor->open(endpoint.protocol(), ec);
  }
  if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor->bind(endpoint, ec);
  if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return make_error(Errc::io, fmt::format("{} ({}): cannot listen on {}: {}{}", listener.name,
                                            protocol_name(listener.protocol), endpoint_text(endpoint), ec.message(),
                                            bind_advice(ec, listener.port)));
  impl_->listeners.push_back({listener, std::move(handler), std::move(acceptor)});
  return {};
}

void Server::run(unsigned threads) {
  for (auto& l : impl_->listeners) asio::co_spawn(impl_->io, impl_->accept_loop(l), asio::detached);
  impl_->signals.async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    log::info("signal {}: stopping", signal);
    impl_->begin_stop();
  });
  std::vector<std::jthread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
}

void Server::stop() {
  asio::post(impl_->io, [this] { impl_->begin_stop(); });
}

std::size_t Server::open_connections() const { return impl_->open; }

}  // namespace kurir::net
