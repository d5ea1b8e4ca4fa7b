// kurir serve: every listener in one process. Binds the ports (as root, then
// drops to the configured user), opens the store, prints how to connect, and
// runs until SIGINT or SIGTERM.
#include <grp.h>
#include <pwd.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <thread>

#include "cli/command.hpp"
#include "core/log.hpp"
#include "imap/session.hpp"
#include "net/server.hpp"
#include "net/tls_context.hpp"
#include "pop3/session.hpp"
#include "queue/runner.hpp"
#include "service/context.hpp"
#include "smtp/session.hpp"

namespace kurir::cli {

namespace {

// The protocols this build serves. XXX: the webmail comes with its own
// issue; until it lands, its listener is bound (the ports and TLS are real)
// and answers with HTTP's own "not available" reply.
bool is_served(Protocol protocol) { return protocol != Protocol::http; }

boost::asio::awaitable<void> not_yet_served(net::Stream& stream) {
  const std::string body = "Kurir: the webmail is not served by this build yet\n";
  co_await stream.write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
}

// One accepted connection, handed to its protocol's session.
boost::asio::awaitable<void> serve_connection(service::Context& context, const ListenerConfig& listener,
                                              net::Stream& stream, const net::Peer& peer) {
  switch (listener.protocol) {
    case Protocol::smtp:
    case Protocol::submission: co_await smtp::serve(context, listener, stream, peer); break;
    case Protocol::pop3: co_await pop3::serve(context, listener, stream, peer); break;
    case Protocol::imap: co_await imap::serve(context, listener, stream, peer); break;
    case Protocol::http: co_await not_yet_served(stream); break;
  }
}

void drop_privileges(const Config& config) {
  if (geteuid() != 0) return;
  const passwd* user = getpwnam(config.run_as_user.c_str());
  if (!user)
    fail("started as root, but there is no user \"" + config.run_as_user +
             "\" to run as: create it (useradd --system kurir) or set server.user in " + config.file.string(),
         kExitUsage);
  if (setgroups(0, nullptr) != 0 || setgid(user->pw_gid) != 0 || setuid(user->pw_uid) != 0)
    fail("cannot drop privileges to " + config.run_as_user);
  log::info("running as {}", config.run_as_user);
}

std::string connect_host(const Config& config, const ListenerConfig& listener) {
  return listener.address == "*" ? config.hostname : listener.address;
}

std::string tls_words(TlsMode mode) {
  switch (mode) {
    case TlsMode::none: return "no TLS";
    case TlsMode::starttls: return "STARTTLS";
    case TlsMode::implicit: return "TLS";
  }
  return "";
}

void print_banner(const Config& config) {
  std::cout << "Kurir is running for " << config.hostname << " (data: " << config.data_dir.string() << ")\n";
  for (const auto& l : config.listeners) {
    std::cout << fmt::format("  {:<11} {:<10} {}:{:<5} {:<8}{}\n", l.name, protocol_name(l.protocol),
                             connect_host(config, l), l.port, tls_words(l.tls),
                             is_served(l.protocol) ? "" : "  not served by this build yet");
  }
  std::cout << "From this machine, connect to localhost; from others, to " << config.hostname << ".\n";
  std::cout << "Log in with the full address (user@domain) and its password; the certificate is self-signed\n"
               "until you replace "
            << config.certificate.string() << ". Stop with Ctrl-C." << std::endl;
}

// Each connection takes a descriptor, and the usual soft limit (1024) would
// stop a server at about a thousand clients while the hard limit allows far
// more: take all the hard limit allows (epoll has no descriptor ceiling).
void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  const rlim_t before = limit.rlim_cur;
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit(RLIMIT_NOFILE, &limit) == 0)
    log::info("open files limit raised from {} to {}", before, limit.rlim_cur);
  else
    log::warn("open files limit stays at {}: {}", before, std::strerror(errno));
}

}  // namespace

void add_serve_command(CLI::App& app, GlobalOptions& options) {
  static unsigned threads = 0;
  auto* serve = app.add_subcommand("serve", "Run the mail server: every listener in kurir.toml");
  serve->add_option("--threads", threads, "I/O threads (default: one per core)");
  serve->callback([&options] {
    auto config = load_config_or_fail(options);
    log::set_level(config.log_level);
    raise_descriptor_limit();
    auto tls = net::make_server_tls_context(config.certificate, config.private_key);
    if (!tls.ok()) fail(tls.error().message);
    net::ServerOptions server_options;
    server_options.connections_per_ip = config.connections_per_ip;
    // Declared before the server: sessions still open when it stops are
    // destroyed with it, and an IMAP session's change subscription must go
    // before the store does (store::Store::subscribe).
    std::unique_ptr<store::Store> store;
    std::unique_ptr<service::Login> login;
    net::Server server(*tls, server_options);
    // Sessions start only once run() does, after the context below exists.
    std::unique_ptr<service::Context> context;
    for (const auto& listener : config.listeners) {
      auto bound = server.listen(listener, [&context, &listener](net::Stream& stream, const net::Peer& peer) {
        return serve_connection(*context, listener, stream, peer);
      });
      if (!bound.ok()) fail(bound.error().message);
    }
    drop_privileges(config);
    // The store is opened as the unprivileged user, so every file it makes is that user's.
    store = open_store_or_fail(config);
    login = std::make_unique<service::Login>(*store);
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    boost::asio::thread_pool workers(std::max(4u, 2 * cores));
    context = std::make_unique<service::Context>(service::Context{config, *store, *login, workers});
    // The outbound queue delivers in the background on its own thread.
    queue::Runner queue_runner(*context);
    if (auto started = queue_runner.start(); !started.ok()) fail(started.error().message);
    print_banner(config);
    server.run(threads ? threads : cores);
    queue_runner.stop();
    workers.join();
    log::info("stopped");
  });
}

}  // namespace kurir::cli
