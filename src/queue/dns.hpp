// Where mail for a domain goes (RFC 5321 5.1): MX records in preference
// order, the domain itself when it has none (A/AAAA fallback), and null MX
// (RFC 7505) as "accepts no mail". Lookups go through libunbound, to the
// system's resolvers or to the one [queue] resolver names ("IP" or
// "IP@PORT"; the tests point it at their own DNS server on loopback).
//
// SECURITY: DNS answers are untrusted: names are parsed with bounds
// (parse_dns_name), and at most limits::kMaxMxHosts exchangers and
// kMaxAddressesPerHost addresses are used.
//
// Thread-safety: a Resolver belongs to one single-threaded io_context: its
// lookups are libunbound's asynchronous queries (on libunbound's own thread),
// whose answers are read from its file descriptor on that io_context, so no
// thread ever blocks on DNS. The free functions are pure.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

struct ub_ctx;

namespace kurir::queue {

struct Exchanger {
  std::string host;  // without the trailing dot; "" for the root (null MX)
  int preference = 0;
  bool operator==(const Exchanger&) const = default;
};

enum class Route : std::uint8_t {
  hosts,      // try `hosts` in order
  null_mx,    // RFC 7505: the domain accepts no mail (permanent)
  no_domain,  // NXDOMAIN, or neither MX nor address records (permanent)
  temporary,  // the lookup failed (SERVFAIL, timeout): try again later
};

struct Routing {
  Route route = Route::temporary;
  std::vector<Exchanger> hosts;
  std::string error;  // why, for temporary and permanent outcomes
};

class Resolver {
 public:
  // resolver: "" for the system's (resolv.conf, hosts file), else "IP" or "IP@PORT".
  // executor: the single-threaded io_context's.
  static Result<std::unique_ptr<Resolver>> create(boost::asio::any_io_executor executor, std::string_view resolver);
  // Abandons unanswered queries. REQUIRES: no lookup is being awaited.
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  // The exchangers for domain, in the order to try them.
  boost::asio::awaitable<Routing> route(std::string domain);
  // The host's IPv4 and IPv6 addresses (textual), at most kMaxAddressesPerHost.
  // Fails unavailable on a temporary error, not_found when there are none.
  boost::asio::awaitable<Result<std::vector<std::string>>> addresses(std::string host);

  struct Answer {
    bool failed = false;  // SERVFAIL, timeout, library error: temporary
    bool nxdomain = false;
    std::vector<std::string> rdata;
    std::string error;
  };

 private:
  Resolver(boost::asio::any_io_executor executor, ub_ctx* ctx);
  boost::asio::awaitable<Answer> lookup(std::string name, int type);  // by value: see SmtpClient::command
  boost::asio::awaitable<void> read_answers();

  boost::asio::any_io_executor executor_;
  ub_ctx* ctx_;
  boost::asio::posix::stream_descriptor fd_;
  std::size_t pending_ = 0;
  bool reading_ = false;
};

// RFC 1035 3.1 / 4.1.4: a domain name in wire form at the start of data, in
// an answer's rdata (libunbound hands names uncompressed). nullopt when malformed.
std::optional<std::string> parse_dns_name(std::span<const unsigned char> data);

// RFC 5321 5.1: lowest preference first; equal preferences in random order
// (shuffled before this is called). RFC 7505 3: a single MX whose host is
// the root is a null MX. Drops exchangers past kMaxMxHosts.
Routing order_exchangers(std::vector<Exchanger> exchangers);

}  // namespace kurir::queue
