// RCPT TO (RFC 5321 4.1.1.3): local recipients resolved through the store
// (accounts, aliases, sub-addresses, catch-all); remote ones only for an
// authenticated user (no open relay, DESIGN.md "Security rules").
#include "core/log.hpp"
#include "service/blocking.hpp"
#include "smtp/handlers/handlers.hpp"
#include "smtp/ownership.hpp"

namespace kurir::smtp {

namespace {

std::string_view domain_of(std::string_view address) {
  const auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view() : address.substr(at + 1);
}

struct Resolution {
  bool local_domain = false;
  std::vector<store::Account> accounts;
  std::vector<std::string> external;
};

Result<Resolution> resolve(store::Store& store, const std::string& address) {
  Resolution out;
  auto local = store.is_local_domain(lower(domain_of(address)));
  if (!local) return local.error();
  out.local_domain = *local;
  if (!out.local_domain) return out;
  auto targets = store.resolve_recipient(address);
  if (!targets) return targets.error();
  for (const auto& target : *targets) {
    auto target_local = store.is_local_domain(lower(domain_of(target)));
    if (!target_local) return target_local.error();
    if (!*target_local) {
      out.external.push_back(target);  // an alias that forwards outside
      continue;
    }
    auto account = store.find_account(target);
    if (account) out.accounts.push_back(std::move(*account));
    else if (account.error().code != Errc::not_found) return account.error();
  }
  return out;
}

}  // namespace

boost::asio::awaitable<void> handle_rcpt(Session& s, const Command& cmd) {
  if (!s.tx.active) {
    s.reply(503, "5.5.1", "need MAIL before RCPT");  // RFC 5321 4.1.4
    co_return;
  }
  if (s.tx.recipients.size() >= s.context.config.recipients_per_message) {
    s.reply(452, "4.5.3", "too many recipients");  // RFC 5321 4.5.3.1.10
    co_return;
  }
  if (cmd.path.non_ascii && !s.tx.params.smtputf8) {
    s.reply(553, "5.6.7", "non-ASCII recipient needs SMTPUTF8 on MAIL");  // RFC 6531 3.4
    co_return;
  }
  // RFC 5321 4.1.1.3: "Postmaster" without a domain is this server's postmaster.
  std::string address = cmd.path.domain.empty() ? "postmaster@" + s.context.config.hostname : cmd.path.address();
  auto resolved = co_await service::run_blocking(s.context.workers, [&] { return resolve(s.context.store, address); });
  if (!resolved) {
    log::error("smtp {}: resolving {}: {}", s.peer.address, address, resolved.error().message);
    s.reply(451, "4.3.0", "internal error, try again later");
    co_return;
  }
  Recipient recipient{address, {}, cmd.rcpt};
  if (!resolved->local_domain) {
    if (!s.user) {
      s.reply(554, "5.7.1", "relay access denied");  // RFC 5321 3.6.2: no open relay
      co_return;
    }
    recipient.external.push_back(address);
  } else if (resolved->accounts.empty() && resolved->external.empty()) {
    s.reply(550, "5.1.1", "no such user here");
    co_return;
  } else {
    // Quota, checked now when it is cheap (the accounts are at hand); delivery checks again.
    const std::uint64_t incoming = s.tx.params.size.value_or(0);
    for (const auto& account : resolved->accounts) {
      if (account.quota_bytes &&
          (account.used_bytes >= account.quota_bytes || account.used_bytes + incoming > account.quota_bytes)) {
        s.reply(452, "4.2.2", "mailbox full");  // RFC 3463 4.2.2
        co_return;
      }
    }
    for (const auto& account : resolved->accounts) s.tx.accounts.insert(account.id);
    recipient.external = std::move(resolved->external);
  }
  s.tx.recipients.push_back(std::move(recipient));
  s.reply(250, "2.1.5", "OK");  // RFC 3463 2.1.5: destination address valid
}

}  // namespace kurir::smtp
