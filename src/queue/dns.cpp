#include "queue/dns.hpp"

// g++ 12 misreads Asio's coroutine frame allocation (awaitable_frame_base's
// own operator new/delete pair) in this file as a mismatched pair (as in
// imap/commands/fetch.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <arpa/inet.h>
#include <unistd.h>
#include <unbound.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <algorithm>
#include <random>

#include "core/limits.hpp"

namespace kurir::queue {

namespace {

constexpr int kTypeA = 1;
constexpr int kTypeMx = 15;
constexpr int kTypeAaaa = 28;
constexpr int kClassIn = 1;
constexpr int kRcodeNxDomain = 3;

using Answer = Resolver::Answer;

// One query in flight: filled in by the callback, which ub_process() runs on
// the io_context's thread, and woken through the timer.
struct Query {
  Answer answer;
  bool done = false;
  boost::asio::steady_timer* wake = nullptr;
};

void answered(void* data, int err, ub_result* result) {
  auto* q = static_cast<Query*>(data);
  q->done = true;
  if (err != 0) {
    q->answer.failed = true;
    q->answer.error = std::string("DNS lookup failed: ") + ub_strerror(err);
  } else if (result->rcode == kRcodeNxDomain || result->nxdomain) {
    q->answer.nxdomain = true;
  } else if (result->rcode != 0 || result->bogus) {
    q->answer.failed = true;
    q->answer.error = "DNS lookup of " + std::string(result->qname) + " failed (rcode " + std::to_string(result->rcode) + ")";
  } else if (result->havedata) {
    for (int i = 0; result->data[i] != nullptr; ++i)
      q->answer.rdata.emplace_back(result->data[i], static_cast<std::size_t>(result->len[i]));
  }
  if (result) ub_resolve_free(result);
  q->wake->cancel();
}

std::string lower(std::string s) {
  for (char& c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

namespace asio = boost::asio;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

Resolver::Resolver(asio::any_io_executor executor, ub_ctx* ctx) : executor_(executor), ctx_(ctx), fd_(executor) {}

Result<std::unique_ptr<Resolver>> Resolver::create(asio::any_io_executor executor, std::string_view resolver) {
  ub_ctx* ctx = ub_ctx_create();
  if (!ctx) return make_error(Errc::internal, "ub_ctx_create failed");
  std::unique_ptr<Resolver> out(new Resolver(executor, ctx));
  // Asynchronous queries run on a thread of libunbound's (not a forked process).
  if (int rc = ub_ctx_async(ctx, 1); rc != 0) return make_error(Errc::internal, std::string("ub_ctx_async: ") + ub_strerror(rc));
  if (resolver.empty()) {
    if (int rc = ub_ctx_resolvconf(ctx, nullptr); rc != 0)
      return make_error(Errc::unavailable, std::string("reading resolv.conf: ") + ub_strerror(rc));
    if (int rc = ub_ctx_hosts(ctx, nullptr); rc != 0)
      return make_error(Errc::unavailable, std::string("reading the hosts file: ") + ub_strerror(rc));
  } else {
    // libunbound refuses to query loopback addresses by default; a resolver
    // named in the config is meant, wherever it is.
    const std::string option = "do-not-query-localhost:";
    const std::string no = "no";
    ub_ctx_set_option(ctx, option.c_str(), no.c_str());
    const std::string address(resolver);
    if (int rc = ub_ctx_set_fwd(ctx, address.c_str()); rc != 0)
      return make_error(Errc::invalid_argument,
                        "queue.resolver \"" + address + "\": " + ub_strerror(rc) + " (expected \"IP\" or \"IP@PORT\")");
  }
  // ub_fd() is readable when answers wait for ub_process(); watch a duplicate,
  // so that closing ours leaves libunbound's own descriptor alone.
  const int fd = ::dup(ub_fd(ctx));
  if (fd < 0) return make_error(Errc::io, "dup(ub_fd) failed");
  out->fd_.assign(fd);
  return out;
}

Resolver::~Resolver() {
  boost::system::error_code ignored;
  fd_.close(ignored);
  ub_ctx_delete(ctx_);
}

asio::awaitable<void> Resolver::read_answers() {
  reading_ = true;
  while (pending_ > 0) {
    auto [ec] = co_await fd_.async_wait(asio::posix::stream_descriptor::wait_read, kNoThrow);
    if (ec) break;
    ub_process(ctx_);  // runs the callbacks of the queries answered
  }
  reading_ = false;
}

asio::awaitable<Answer> Resolver::lookup(std::string name, int type) {
  Query query;
  asio::steady_timer wake(executor_, asio::steady_timer::time_point::max());
  query.wake = &wake;
  int id = 0;
  if (int rc = ub_resolve_async(ctx_, name.c_str(), type, kClassIn, &query, &answered, &id); rc != 0) {
    query.answer.failed = true;
    query.answer.error = std::string("DNS lookup failed: ") + ub_strerror(rc);
    co_return query.answer;
  }
  ++pending_;
  if (!reading_) asio::co_spawn(executor_, read_answers(), asio::detached);
  while (!query.done) (void)co_await wake.async_wait(kNoThrow);
  --pending_;
  co_return std::move(query.answer);
}

asio::awaitable<Routing> Resolver::route(std::string name) {
  Routing out;
  Answer mx = co_await lookup(name, kTypeMx);
  if (mx.failed) {
    out.error = mx.error;
    co_return out;
  }
  if (mx.nxdomain) {
    out.route = Route::no_domain;
    out.error = "domain " + name + " does not exist";
    co_return out;
  }
  std::vector<Exchanger> exchangers;
  for (const auto& rdata : mx.rdata) {
    if (rdata.size() < 3) continue;
    const auto* bytes = reinterpret_cast<const unsigned char*>(rdata.data());
    auto host = parse_dns_name(std::span(bytes + 2, rdata.size() - 2));
    if (!host) continue;
    exchangers.push_back(Exchanger{lower(*host), (bytes[0] << 8) | bytes[1]});
  }
  if (exchangers.empty()) {
    // RFC 5321 5.1: no MX: the domain itself is the exchanger, if it has an address.
    auto own = co_await addresses(name);
    if (!own) {
      out.route = own.error().code == Errc::not_found ? Route::no_domain : Route::temporary;
      out.error = own.error().message;
      co_return out;
    }
    out.route = Route::hosts;
    out.hosts.push_back(Exchanger{name, 0});
    co_return out;
  }
  thread_local std::mt19937 random{std::random_device{}()};
  std::shuffle(exchangers.begin(), exchangers.end(), random);
  co_return order_exchangers(std::move(exchangers));
}

asio::awaitable<Result<std::vector<std::string>>> Resolver::addresses(std::string name) {
  std::vector<std::string> out;
  bool temporary = false;
  std::string error;
  for (const int type : {kTypeA, kTypeAaaa}) {
    Answer a = co_await lookup(name, type);
    if (a.failed) {
      temporary = true;
      error = a.error;
      continue;
    }
    for (const auto& rdata : a.rdata) {
      if (out.size() >= limits::kMaxAddressesPerHost) break;
      char text[INET6_ADDRSTRLEN] = {};
      if (type == kTypeA && rdata.size() == 4 && inet_ntop(AF_INET, rdata.data(), text, sizeof text)) out.emplace_back(text);
      if (type == kTypeAaaa && rdata.size() == 16 && inet_ntop(AF_INET6, rdata.data(), text, sizeof text))
        out.emplace_back(text);
    }
  }
  if (!out.empty()) co_return out;
  if (temporary) co_return make_error(Errc::unavailable, error);
  co_return make_error(Errc::not_found, "no address for " + name);
}

std::optional<std::string> parse_dns_name(std::span<const unsigned char> data) {
  std::string name;
  std::size_t i = 0;
  for (;;) {
    if (i >= data.size()) return std::nullopt;
    const std::size_t length = data[i++];
    if (length == 0) break;
    if (length > 63 || i + length > data.size()) return std::nullopt;  // RFC 1035 2.3.4; no compression here
    if (!name.empty()) name += '.';
    name.append(reinterpret_cast<const char*>(data.data() + i), length);
    i += length;
    if (name.size() > 253) return std::nullopt;
  }
  return name;
}

Routing order_exchangers(std::vector<Exchanger> exchangers) {
  Routing out;
  // RFC 7505 3: a null MX is the only MX record, with the root as its host.
  if (exchangers.size() == 1 && exchangers.front().host.empty()) {
    out.route = Route::null_mx;
    out.error = "the domain accepts no mail (null MX)";
    return out;
  }
  std::erase_if(exchangers, [](const Exchanger& e) { return e.host.empty(); });
  std::stable_sort(exchangers.begin(), exchangers.end(),
                   [](const Exchanger& a, const Exchanger& b) { return a.preference < b.preference; });
  if (exchangers.size() > limits::kMaxMxHosts) exchangers.resize(limits::kMaxMxHosts);
  out.route = exchangers.empty() ? Route::no_domain : Route::hosts;
  if (exchangers.empty()) out.error = "no usable MX host";
  out.hosts = std::move(exchangers);
  return out;
}

}  // namespace kurir::queue
