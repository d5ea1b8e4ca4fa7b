// Delivery of one accepted message (RFC 5321 4.4 trace fields, DESIGN.md
// "Durability"): Return-Path and Received on top, one MIME parse on the
// worker pool, one Store::deliver_and_enqueue for every local account
// (stored once) and the remote recipients (the outbound queue), in one
// transaction; 250 only after it is durable.
//
// Quota (issue 3): checked per recipient at RCPT when cheap; if delivery
// still fails for quota, the whole message gets 452 4.2.2 (all or nothing:
// the store call is one transaction, so no recipient has it and the client
// retries every one).
#include <algorithm>
#include <ctime>
#include <random>

#include <fmt/format.h>

#include "core/log.hpp"
#include "mime/address.hpp"
#include "mime/header.hpp"
#include "service/blocking.hpp"
#include "smtp/handlers/handlers.hpp"
#include "smtp/ownership.hpp"

namespace kurir::smtp {

namespace {

// RFC 5322 3.3 date-time in UTC.
std::string rfc5322_date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", kDays[tm.tm_wday], tm.tm_mday, kMonths[tm.tm_mon],
                     tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string queue_id() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  return fmt::format("{:016X}", random());
}

// RFC 3848 / RFC 6531 3.7.3: the "with" protocol name.
std::string protocol(const Session& s, const Transaction& tx) {
  if (!s.esmtp) return "SMTP";
  std::string name = tx.params.smtputf8 ? "UTF8SMTP" : "ESMTP";
  if (s.stream.tls_active()) name += 'S';
  if (s.user) name += 'A';
  return name;
}

// RFC 5321 4.4 Stamp: from, by, with, id, for (one recipient only: naming
// every recipient would tell each about the others, RFC 5321 7.2), date.
std::string received(Session& s, const Transaction& tx, const std::string& id) {
  std::string comment;
  if (s.stream.tls_active()) comment = s.stream.tls_description();
  if (s.user) comment += (comment.empty() ? "" : "; ") + std::string("authenticated user ") + s.user->address;
  std::string out = fmt::format("Received: from {} ([{}])\r\n\tby {} (Kurir) with {}", s.helo, s.peer.address,
                                s.context.config.hostname, protocol(s, tx));
  if (!comment.empty()) out += fmt::format("\r\n\t({})", comment);
  out += fmt::format(" id {}", id);
  if (tx.recipients.size() == 1) out += fmt::format("\r\n\tfor <{}>", tx.recipients.front().address);
  out += fmt::format(";\r\n\t{}\r\n", rfc5322_date(std::time(nullptr)));
  return out;
}

// The From: addresses that the user does not own; empty when all are owned.
Result<std::string> unowned_from(store::Store& store, const store::Account& account, std::string_view message) {
  const auto header = mime::split_header(message, 0, message.size());
  bool any = false;
  for (const auto& field : header.fields) {
    if (!mime::iequals(field.name, "From")) continue;
    for (const auto& a : mime::parse_address_list(mime::unfold(field.value))) {
      if (a.kind != mime::Address::Kind::mailbox) continue;
      any = true;
      const std::string address = a.mailbox + "@" + a.host;
      auto owned = owns_address(store, account, address);
      if (!owned) return owned.error();
      if (!*owned) return address;
    }
  }
  if (!any) return std::string("(no From: address)");  // RFC 5322 3.6: From is required
  return std::string();
}

std::string body_name(Body body) {
  switch (body) {
    case Body::seven_bit: return "7BIT";
    case Body::eight_bit_mime: return "8BITMIME";
    case Body::binary_mime: return "BINARYMIME";
    case Body::unspecified: break;
  }
  return "";
}

}  // namespace

boost::asio::awaitable<Reply> deliver_transaction(Session& s, std::string message) {
  Transaction tx = std::move(s.tx);
  s.reset_transaction();
  const std::string id = queue_id();
  const std::string trace = received(s, tx, id);
  std::vector<store::DeliveryTarget> targets;
  for (auto account : tx.accounts) targets.push_back(store::DeliveryTarget{account, "INBOX"});
  store::OutboundMessage outbound;
  for (const auto& r : tx.recipients)
    for (const auto& address : r.external) outbound.recipients.push_back({address, r.params.notify, r.params.orcpt});

  auto& store = s.context.store;
  auto outcome = co_await service::run_blocking(s.context.workers, [&]() -> Reply {
    if (s.user) {
      auto bad = unowned_from(store, *s.user, message);
      if (!bad) {
        log::error("smtp {}: checking From: {}", s.peer.address, bad.error().message);
        return Reply{451, "4.3.0", "internal error, try again later"};
      }
      if (!bad->empty())  // DESIGN.md "Security rules": From addresses the user owns
        return Reply{550, "5.7.1", "From: " + *bad + " is not an address of " + s.user->address};
    }
    store::MessageInput input;
    if (!targets.empty()) {
      // RFC 5321 4.4: the final delivery adds Return-Path.
      input.bytes = "Return-Path: <" + tx.sender.address() + ">\r\n" + trace + message;
      input.parsed = mime::parse_message(input.bytes);
    }
    if (!outbound.recipients.empty()) {
      outbound.sender = tx.sender.address();
      outbound.envid = tx.params.envid;
      outbound.ret = tx.params.ret == Ret::full ? "FULL" : tx.params.ret == Ret::hdrs ? "HDRS" : "";
      outbound.smtputf8 = tx.params.smtputf8;
      outbound.body = body_name(tx.params.body);
      outbound.bytes = trace + message;
    }
    // XXX RFC 3461 5.2.2 / 6.2: a local recipient with NOTIFY=SUCCESS should get a
    // "delivered" DSN sent to the sender. Not yet: the DSN composer is the
    // queue's (src/queue/dsn), and a protocol may not include another's headers;
    // once it moves down a layer, that DSN is one more outbound message in this
    // same transaction. NOTIFY is kept for the remote recipients (the queue honours it).
    // Local copies and the outbound entry in one transaction: a crash or an
    // error leaves both or neither, so the client's retry neither loses nor
    // duplicates a recipient.
    auto accepted = store.deliver_and_enqueue(std::move(input), targets,
                                              outbound.recipients.empty() ? nullptr : &outbound);
    if (!accepted) {
      if (accepted.error().code == Errc::quota_exceeded) return Reply{452, "4.2.2", "mailbox full"};
      log::error("smtp {}: delivering {}: {}", s.peer.address, id, accepted.error().message);
      return Reply{451, "4.3.0", "internal error, try again later"};
    }
    return Reply{250, "2.0.0", "OK queued as " + id};
  });
  if (outcome.code == 250)
    log::info("smtp {}: {} from=<{}> local={} remote={} size={}", s.peer.address, id, tx.sender.address(),
              targets.size(), outbound.recipients.size(), message.size());
  co_return outcome;
}

}  // namespace kurir::smtp
