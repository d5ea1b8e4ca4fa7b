#include "queue/runner.hpp"

// g++ 12 misreads Asio's coroutine frame allocation (awaitable_frame_base's
// own operator new/delete pair) in this file as a mismatched pair (as in
// imap/commands/fetch.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "core/limits.hpp"
#include "core/log.hpp"
#include "mime/message.hpp"
#include "queue/dns.hpp"
#include "queue/dsn.hpp"
#include "queue/notice.hpp"
#include "queue/outcome.hpp"
#include "queue/smtp_client.hpp"
#include "queue/tls_policy.hpp"
#include "service/blocking.hpp"

namespace kurir::queue {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::chrono::seconds kConnectTimeout = 30s;
constexpr std::chrono::seconds kStopGrace = 5s;  // serve's shutdown waits this long for open connections

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string domain_of(const std::string& address) {
  const auto at = address.rfind('@');
  std::string d = at == std::string::npos ? std::string() : address.substr(at + 1);
  for (char& c : d) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return d;
}

// One message's recipients in one domain, as the runner hands them to a connection.
struct Job {
  store::OutboundState state;  // recipients: only this domain's queued ones
};

// An SMTP session opened with one address of a host.
struct Session {
  std::unique_ptr<SmtpClient> client;
  Reply opened;  // the server's answer to the opening: a refusal, or EHLO's reply
};

Reply local(int code, std::string text) { return Reply{code, {std::move(text)}}; }

}  // namespace

struct Runner::Impl {
  service::Context& context;
  RetryPolicy policy;
  asio::io_context io;
  asio::ssl::context tls{asio::ssl::context::tls_client};            // MX hosts: opportunistic
  asio::ssl::context smarthost_tls{asio::ssl::context::tls_client};  // the smarthost: verified by default
  std::unique_ptr<Resolver> resolver;
  std::thread thread;
  asio::steady_timer wake{io};
  bool stopping = false;
  bool loop_done = false;
  std::mutex idle_mutex;
  std::condition_variable idle_cv;
  bool idle = false;  // stopping, and nothing runs any more (guarded by idle_mutex)
  std::size_t total = 0;                        // open connections
  std::map<std::string, std::size_t> per_domain;  // open connections per domain
  std::set<std::pair<std::int64_t, std::string>> in_flight;  // (message, domain) being worked on

  void check_idle() {
    if (!stopping || !loop_done || total > 0) return;
    std::lock_guard lock(idle_mutex);
    idle = true;
    idle_cv.notify_all();
  }

  explicit Impl(service::Context& c) : context(c), policy(RetryPolicy::from(c.config)) {
    tls.set_verify_mode(asio::ssl::verify_none);  // RFC 7435 opportunistic TLS
    for (auto* ctx : {&tls, &smarthost_tls})
      ctx->set_options(asio::ssl::context::no_sslv2 | asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                     asio::ssl::context::no_tlsv1_1);
  }

  // The smarthost gets the login: its certificate must be the one trusted
  // (system CAs or smarthost_ca) and name the host (Stream::start_client_tls).
  Status set_up_smarthost_tls() {
    const auto& q = context.config.queue;
    if (!q.smarthost_verify) {
      smarthost_tls.set_verify_mode(asio::ssl::verify_none);
      return {};
    }
    boost::system::error_code ec;
    smarthost_tls.set_verify_mode(asio::ssl::verify_peer, ec);
    if (!ec) {
      if (q.smarthost_ca.empty())
        smarthost_tls.set_default_verify_paths(ec);
      else
        smarthost_tls.load_verify_file(q.smarthost_ca, ec);
    }
    if (ec) return make_error(Errc::invalid_argument, "queue.smarthost_ca \"" + q.smarthost_ca + "\": " + ec.message());
    return {};
  }

  template <class F>
  asio::awaitable<std::invoke_result_t<F>> blocking(F work) {
    co_return co_await service::run_blocking(context.workers, std::move(work));
  }

  asio::awaitable<void> loop();
  asio::awaitable<void> deliver_domain(std::string domain, std::vector<Job> jobs);
  asio::awaitable<void> deliver_local(std::vector<Job>& jobs);
  asio::awaitable<Result<asio::ip::tcp::socket>> connect(std::string address, std::uint16_t port);
  // Connects to ADDRESS, one of HOST's, and opens the session (greeting,
  // EHLO, STARTTLS as OPTIONS say). FALL_BACK: when the STARTTLS handshake
  // fails, connect once more and open without STARTTLS. Error: no connection
  // ("4.4.1 ...") or a broken session ("4.4.2 ...").
  asio::awaitable<Result<Session>> open_session(std::string address, std::uint16_t port, std::string host,
                                                ClientOptions options, bool fall_back);
  // Records verdicts for a job's recipients, then finishes the message if it is final.
  asio::awaitable<void> record(Job& job, const std::vector<store::RecipientResult>& results);
  // Records the same outcome for the recipients of jobs[from...].
  asio::awaitable<void> fail_all(std::vector<Job>& jobs, std::size_t from, const Reply& reply, bool permanent,
                                 const std::string& host);
  // Finishes message id when its recipients are all final (queueing its
  // DSN); else sends its delay warning when one is due.
  asio::awaitable<void> finish_if_final(std::int64_t id);
  asio::awaitable<void> warn_if_delayed(const store::OutboundState& state);
  std::string notice_boundary(std::int64_t id) const {
    thread_local std::mt19937_64 random{std::random_device{}()};
    return fmt::format("{:016X}.{}/{}", random(), id, context.config.hostname);
  }

  // Through a smarthost without TLS, recipients in a required-TLS domain wait.
  bool held_without_tls(const SmtpClient& client, const std::string& address) const {
    const auto& q = context.config.queue;
    return !q.smarthost.empty() && !client.tls_active() && tls_required_for(domain_of(address), q.require_tls_domains);
  }
};

Runner::Runner(service::Context& context) : impl_(std::make_unique<Impl>(context)) {}

Runner::~Runner() { stop(); }

Status Runner::start() {
  auto resolver = Resolver::create(impl_->io.get_executor(), impl_->context.config.queue.resolver);
  if (!resolver) return resolver.error();
  impl_->resolver = std::move(*resolver);
  if (auto st = impl_->set_up_smarthost_tls(); !st) return st;
  asio::co_spawn(impl_->io, impl_->loop(), asio::detached);
  impl_->thread = std::thread([this] { impl_->io.run(); });
  return {};
}

void Runner::stop() {
  if (!impl_->thread.joinable()) return;
  asio::post(impl_->io, [this] {
    impl_->stopping = true;
    impl_->wake.cancel();
    impl_->check_idle();
  });
  // Connections finish the message they are sending, for a while; what is
  // cut off after that stays queued and is sent again (RFC 5321 6.1 allows
  // the duplicate; the remote's 250 was never heard).
  {
    std::unique_lock lock(impl_->idle_mutex);
    impl_->idle_cv.wait_for(lock, kStopGrace, [this] { return impl_->idle; });
  }
  impl_->io.stop();
  impl_->thread.join();
}

asio::awaitable<void> Runner::Impl::loop() {
  const auto& q = context.config.queue;
  while (!stopping) {
    auto due = co_await blocking([&] { return context.store.due_outbound(now_seconds(), limits::kMaxQueueDueBatch); });
    if (!due) {
      log::error("queue: reading due messages: {}", due.error().message);
    } else {
      // Group each message's queued recipients by their domain.
      std::map<std::string, std::vector<Job>> by_domain;
      for (auto& state : *due) {
        std::map<std::string, std::vector<store::OutboundRecipientState>> split;
        for (auto& r : state.recipients)
          if (r.status == store::RecipientStatus::queued && r.next_attempt <= now_seconds())
            split[q.smarthost.empty() ? domain_of(r.recipient.address) : std::string()].push_back(r);
        for (auto& [domain, recipients] : split) {
          if (in_flight.contains({state.id, domain})) continue;
          Job job;
          job.state.id = state.id;
          job.state.message = state.message;
          job.state.recipients = std::move(recipients);
          by_domain[domain].push_back(std::move(job));
        }
      }
      for (auto& [domain, jobs] : by_domain) {
        if (total >= q.connections_total) break;
        if (per_domain[domain] >= q.connections_per_domain) continue;
        // A backlog is shared out over several connections at once (one more
        // per kQueueMessagesPerExtraConnection messages), within the domain's
        // and the total limits; what they cannot take waits for a later round.
        // One connection after another, each message costs a few round trips
        // and two commits, so parallel connections are what makes a queue drain.
        const std::size_t wanted = (jobs.size() + limits::kQueueMessagesPerExtraConnection - 1) /
                                   limits::kQueueMessagesPerExtraConnection;
        const std::size_t connections = std::min({wanted, std::size_t{q.connections_per_domain} - per_domain[domain],
                                                  std::size_t{q.connections_total} - total});
        const std::size_t taken = std::min(jobs.size(), connections * limits::kMaxMessagesPerConnection);
        const std::size_t share = (taken + connections - 1) / connections;
        for (std::size_t from = 0; from < taken; from += share) {
          std::vector<Job> part(std::make_move_iterator(jobs.begin() + static_cast<std::ptrdiff_t>(from)),
                                std::make_move_iterator(jobs.begin() + static_cast<std::ptrdiff_t>(std::min(taken, from + share))));
          for (const auto& j : part) in_flight.insert({j.state.id, domain});
          ++total;
          ++per_domain[domain];
          asio::co_spawn(io, deliver_domain(domain, std::move(part)), asio::detached);
        }
      }
    }
    wake.expires_after(std::chrono::milliseconds(q.poll_ms));
    (void)co_await wake.async_wait(kNoThrow);
  }
  loop_done = true;
  check_idle();
}

asio::awaitable<Result<asio::ip::tcp::socket>> Runner::Impl::connect(std::string address, std::uint16_t port) {
  boost::system::error_code ec;
  auto ip = asio::ip::make_address(address, ec);
  if (ec) co_return make_error(Errc::invalid_argument, "bad address " + address);
  asio::ip::tcp::socket socket(io);
  asio::steady_timer deadline(io, kConnectTimeout);
  auto result = co_await (socket.async_connect(asio::ip::tcp::endpoint(ip, port), kNoThrow) ||
                          deadline.async_wait(kNoThrow));
  if (result.index() == 1) co_return make_error(Errc::io, fmt::format("connecting to [{}]:{} timed out", address, port));
  auto [connect_error] = std::get<0>(result);
  if (connect_error) co_return make_error(Errc::io, fmt::format("connecting to [{}]:{}: {}", address, port, connect_error.message()));
  co_return std::move(socket);
}

asio::awaitable<Result<Session>> Runner::Impl::open_session(std::string address, std::uint16_t port,
                                                            std::string host, ClientOptions options, bool fall_back) {
  asio::ssl::context& tls_context = context.config.queue.smarthost.empty() ? tls : smarthost_tls;
  for (;;) {
    auto socket = co_await connect(address, port);
    // RFC 3463 4.4.1: no answer from host.
    if (!socket) co_return make_error(socket.error().code, "4.4.1 " + socket.error().message);
    Session session{std::make_unique<SmtpClient>(std::move(*socket), tls_context, options), Reply{}};
    auto opened = co_await session.client->open();
    if (opened) {
      session.opened = std::move(*opened);
      co_return std::move(session);
    }
    const Error error = opened.error();
    if (!fall_back || !options.starttls || !session.client->starttls_failed())
      co_return make_error(error.code, "4.4.2 " + error.message);
    // RFC 7435 3 (and Postfix at smtp_tls_security_level = may): TLS that
    // fails is no reason to send nothing when plaintext was acceptable; the
    // same address, once more, without STARTTLS, for this attempt only.
    log::warn("queue: TLS handshake with {} [{}] failed ({}); trying again without STARTTLS", host, address,
              error.message);
    options.starttls = false;
  }
}

asio::awaitable<void> Runner::Impl::record(Job& job, const std::vector<store::RecipientResult>& results) {
  auto st = co_await blocking([&] { return context.store.record_outbound_results(job.state.id, results); });
  if (!st) {
    log::error("queue {}: recording results: {}", job.state.id, st.error().message);
    co_return;
  }
  for (const auto& r : results)
    log::info("queue {}: <{}> {}: {} {}", job.state.id, r.address, store::recipient_status_name(r.status),
              r.attempt.code, r.attempt.reply);
  co_await finish_if_final(job.state.id);
}

asio::awaitable<void> Runner::Impl::fail_all(std::vector<Job>& jobs, std::size_t from, const Reply& reply,
                                             bool permanent, const std::string& host) {
  const std::int64_t now = now_seconds();
  for (std::size_t i = from; i < jobs.size(); ++i) {
    Job& job = jobs[i];
    std::vector<store::RecipientResult> results;
    for (const auto& r : job.state.recipients)
      results.push_back(judge(r.recipient.address, reply, permanent, host, r.attempts, job.state.message.created, now, policy));
    co_await record(job, results);
  }
}

asio::awaitable<void> Runner::Impl::finish_if_final(std::int64_t id) {
  auto state = co_await blocking([&] { return context.store.get_outbound(id, true); });
  if (!state) co_return;  // finished by another domain's connection
  const bool waiting = std::any_of(state->recipients.begin(), state->recipients.end(), [](const auto& r) {
    return r.status == store::RecipientStatus::queued;
  });
  if (waiting) {
    const store::OutboundState& waiting_state = *state;
    co_await warn_if_delayed(waiting_state);
    co_return;
  }
  std::vector<DsnRecipient> reported;
  for (const auto& r : state->recipients) {
    const DsnAction action = r.status == store::RecipientStatus::failed ? DsnAction::failed : DsnAction::delivered;
    if (wants_notice(r.recipient.notify, action)) reported.push_back(dsn_recipient(r, action));
  }
  std::optional<store::OutboundMessage> notice;
  // RFC 3461 / RFC 5321 6.1: never a notice to the null sender (no bounce loops).
  if (!reported.empty() && !state->message.sender.empty())
    notice = notice_message(*state, std::move(reported), context.config.hostname, now_seconds(), notice_boundary(id));
  auto finished = co_await blocking([&] { return context.store.finish_outbound(id, notice ? &*notice : nullptr); });
  if (!finished) {
    if (finished.error().code != Errc::not_found) log::error("queue {}: finishing: {}", id, finished.error().message);
    co_return;
  }
  log::info("queue {}: done{}", id, notice ? fmt::format(", notice {} to <{}>", *finished, state->message.sender) : "");
  // Only a notice is new work; waking the loop after every message made it
  // read the due batch again each time (a third of the queue's CPU).
  if (notice) wake.cancel();  // the notice is due now
}

asio::awaitable<void> Runner::Impl::warn_if_delayed(const store::OutboundState& state) {
  const std::int64_t now = now_seconds();
  std::vector<DsnRecipient> delayed =
      delay_warning_recipients(state, context.config.queue.delay_warning, policy, now);
  if (delayed.empty()) co_return;
  const std::int64_t id = state.id;
  const store::OutboundMessage notice =
      notice_message(state, std::move(delayed), context.config.hostname, now, notice_boundary(id));
  // The store marks the message warned in the same step: one warning per
  // message, also across restarts and connections to several domains.
  auto queued = co_await blocking([&] { return context.store.warn_outbound_delay(id, notice); });
  if (!queued) {
    if (queued.error().code != Errc::not_found) log::error("queue {}: delay warning: {}", id, queued.error().message);
    co_return;
  }
  const std::int64_t notice_id = *queued;
  if (notice_id == 0) co_return;  // warned already
  log::info("queue {}: delay warning {} to <{}>", id, notice_id, state.message.sender);
  wake.cancel();  // the warning is due now
}

asio::awaitable<void> Runner::Impl::deliver_local(std::vector<Job>& jobs) {
  // Notices to local senders (and anything else queued for a local domain)
  // are delivered into the store, as SMTP would on receipt.
  const std::int64_t now = now_seconds();
  for (auto& job : jobs) {
    auto full = co_await blocking([&] { return context.store.get_outbound(job.state.id, true); });
    if (!full) continue;
    std::vector<store::RecipientResult> results;
    for (const auto& r : job.state.recipients) {
      const std::string& address = r.recipient.address;
      auto outcome = co_await blocking([&]() -> Result<Reply> {
        auto account = context.store.find_account(address);
        if (!account) {
          auto targets = context.store.resolve_recipient(address);
          if (!targets || targets->empty()) return local(550, "5.1.1 no such local mailbox");
          account = context.store.find_account(targets->front());
          if (!account) return local(550, "5.1.1 no local mailbox for " + address);
        }
        store::MessageInput input;
        input.bytes = "Return-Path: <" + full->message.sender + ">\r\n" + full->message.bytes;
        input.parsed = mime::parse_message(input.bytes);
        const store::DeliveryTarget target{account->id, "INBOX"};
        auto delivered = context.store.deliver(std::move(input), std::span(&target, 1));
        if (!delivered) {
          if (delivered.error().code == Errc::quota_exceeded) return local(452, "4.2.2 mailbox full");
          return delivered.error();
        }
        return local(250, "2.0.0 delivered locally");
      });
      if (!outcome) {
        log::error("queue {}: local delivery to <{}>: {}", job.state.id, address, outcome.error().message);
        results.push_back(judge(address, local(451, "4.3.0 local delivery failed"), false, context.config.hostname,
                                r.attempts, job.state.message.created, now, policy));
      } else {
        results.push_back(judge(address, *outcome, false, context.config.hostname, r.attempts,
                                job.state.message.created, now, policy));
      }
    }
    co_await record(job, results);
  }
}

asio::awaitable<void> Runner::Impl::deliver_domain(std::string domain, std::vector<Job> jobs) {
  const auto& q = context.config.queue;
  struct Release {
    Impl& impl;
    const std::string& domain;
    const std::vector<Job>& jobs;
    ~Release() {
      --impl.total;
      --impl.per_domain[domain];
      for (const auto& j : jobs) impl.in_flight.erase({j.state.id, domain});
      impl.check_idle();
    }
  } release{*this, domain, jobs};

  // Where to connect: the smarthost, or the domain's exchangers.
  std::vector<std::pair<std::string, std::uint16_t>> hosts;
  std::uint16_t port = q.port;
  if (!q.smarthost.empty()) {
    const auto colon = q.smarthost.rfind(':');
    std::string host = colon == std::string::npos ? q.smarthost : q.smarthost.substr(0, colon);
    if (colon != std::string::npos) port = static_cast<std::uint16_t>(std::atoi(q.smarthost.c_str() + colon + 1));
    hosts.emplace_back(host, port);
  } else {
    auto is_local = co_await blocking([&] { return context.store.is_local_domain(domain); });
    if (is_local && *is_local) {
      co_await deliver_local(jobs);
      co_return;
    }
    Routing routing = co_await resolver->route(domain);
    // Arguments of co_await'ed calls are named, not temporaries: g++ 12
    // miscompiles some temporaries that live across a suspension.
    const std::string no_host;
    switch (routing.route) {
      case Route::null_mx: {  // RFC 7505 4.1
        const Reply reply = local(0, "5.1.10 " + domain + " accepts no mail (null MX)");
        co_await fail_all(jobs, 0, reply, true, no_host);
        co_return;
      }
      case Route::no_domain: {
        const Reply reply = local(0, "5.1.2 " + routing.error);
        co_await fail_all(jobs, 0, reply, true, no_host);
        co_return;
      }
      case Route::temporary: {
        const Reply reply = local(0, "4.4.3 " + routing.error);
        co_await fail_all(jobs, 0, reply, false, no_host);
        co_return;
      }
      case Route::hosts: break;
    }
    for (const auto& e : routing.hosts) hosts.emplace_back(e.host, port);
  }

  // A required-TLS domain's exchangers are tried in turn until one gives TLS.
  // Through a smarthost, which carries every domain, the rule is applied to
  // each recipient instead (held_without_tls).
  const bool domain_requires_tls = q.smarthost.empty() && tls_required_for(domain, q.require_tls_domains);
  std::string last_error = "no host could be reached";
  std::string last_host;
  std::size_t next = 0;  // the first job not yet sent
  for (const auto& [host, host_port] : hosts) {
    if (next >= jobs.size() || stopping) break;
    boost::system::error_code parse_error;
    (void)asio::ip::make_address(host, parse_error);
    Result<std::vector<std::string>> addresses = std::vector<std::string>{host};
    if (parse_error) addresses = co_await resolver->addresses(host);
    if (!addresses) {
      last_error = "4.4.3 " + addresses.error().message;
      continue;
    }
    for (const auto& address : *addresses) {
      if (next >= jobs.size() || stopping) break;
      ClientOptions options;
      options.helo = context.config.hostname;
      options.server_name = host;
      options.require_tls = q.require_tls || domain_requires_tls;
      if (q.require_tls) options.require_tls_why = "(queue.require_tls)";
      else if (domain_requires_tls) options.require_tls_why = "for mail to " + domain + " (queue.require_tls_domains)";
      if (!q.smarthost.empty()) {
        options.implicit_tls = q.smarthost_tls == TlsMode::implicit;
        options.starttls = q.smarthost_tls != TlsMode::none;
        options.auth_user = q.smarthost_user;
        options.auth_password = q.smarthost_password;
      }
      // Only MX hosts of domains without required TLS fall back to plaintext;
      // the smarthost's TLS is what its settings say (smarthost_tls).
      const bool fall_back = q.smarthost.empty() && !options.require_tls;
      auto session = co_await open_session(address, host_port, host, options, fall_back);
      last_host = host;
      if (!session) {
        last_error = session.error().message;
        continue;
      }
      SmtpClient& client = *session->client;
      if (!session->opened.positive()) {
        // RFC 5321 5.1: a server that refuses the session (or we refuse it,
        // code 0): try the next one.
        const Reply& refusal = session->opened;
        last_error = refusal.code ? refusal.text() : refusal.lines.front();
        co_await client.quit();
        continue;
      }
      bool broken = false;
      for (; next < jobs.size() && !stopping; ++next) {
        Job& job = jobs[next];
        auto full = co_await blocking([&] { return context.store.get_outbound(job.state.id, true); });
        if (!full) continue;  // dropped meanwhile
        std::vector<store::RecipientResult> results;
        std::vector<store::OutboundRecipient> recipients;
        std::vector<int> attempts;  // of each recipient in `recipients`
        for (const auto& r : job.state.recipients) {
          if (held_without_tls(client, r.recipient.address)) {
            const Reply held = local(0, fmt::format("4.7.10 TLS is required for mail to {} "
                                                      "(queue.require_tls_domains), and {} gave none",
                                                      domain_of(r.recipient.address), host));
            results.push_back(judge(r.recipient.address, held, false, host, r.attempts, job.state.message.created,
                                    now_seconds(), policy));
            continue;
          }
          recipients.push_back(r.recipient);
          attempts.push_back(r.attempts);
        }
        if (!recipients.empty()) {
          auto verdicts = co_await client.send(full->message, recipients);
          if (!verdicts) {
            last_error = "4.4.2 " + verdicts.error().message;
            broken = true;
            break;
          }
          const std::int64_t now = now_seconds();
          for (std::size_t i = 0; i < verdicts->size(); ++i)
            results.push_back(judge((*verdicts)[i].address, (*verdicts)[i].reply, false, host, attempts[i],
                                    job.state.message.created, now, policy));
        }
        // Durable right after the remote's verdict: a restart does not send it again.
        co_await record(job, results);
      }
      if (!broken) co_await client.quit();
    }
  }
  if (next < jobs.size()) {
    const int code = last_error.size() > 3 && last_error[3] == ' ' && last_error[0] >= '2' && last_error[0] <= '5'
                         ? std::atoi(last_error.c_str()) : 0;
    Reply reply = code ? Reply{code, {last_error.substr(4)}} : local(0, last_error);
    // A 5xx session refusal from every host is still temporary for the queue.
    if (code >= 500) reply = local(0, "4.4.2 " + last_error);
    co_await fail_all(jobs, next, reply, false, last_host);
  }
}

}  // namespace kurir::queue
