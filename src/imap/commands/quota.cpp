// RFC 9208 QUOTA: one quota root, "" (the account), with the STORAGE
// resource in units of 1024 octets (RFC 9208 5.1) from the account's quota.
// GETQUOTA (4.2), GETQUOTAROOT (4.3); SETQUOTA (4.1) is the administrator's
// (`kurir user`), so it is refused.
#include "imap/commands/handlers.hpp"
#include "imap/response.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

namespace {

// "* QUOTA "" (STORAGE used limit)\r\n", or nothing when the account has no quota.
asio::awaitable<Result<std::string>> quota_response(Connection& c) {
  auto& st = c.context.store;
  const auto id = c.account->id;
  auto account = co_await c.blocking([&st, id] { return st.get_account(id); });
  if (!account.ok()) co_return account.error();
  if (account->quota_bytes == 0) co_return std::string();
  const auto used = (account->used_bytes + 1023) / 1024;
  const auto limit = account->quota_bytes / 1024;
  co_return "* QUOTA \"\" (STORAGE " + std::to_string(used) + " " + std::to_string(limit) + ")\r\n";
}

}  // namespace

asio::awaitable<Done> getquota(Connection& c, const Command& command) {
  const auto& request = std::get<GetQuota>(command.body);
  if (!request.root.empty()) co_return no("[NONEXISTENT] no such quota root");
  auto quota = co_await quota_response(c);
  if (!quota.ok()) co_return c.internal_error("quota", quota.error());
  if (quota->empty()) co_return no("[NONEXISTENT] the account has no quota");
  c.write(*quota);
  co_return ok("GETQUOTA completed");
}

asio::awaitable<Done> getquotaroot(Connection& c, const Command& command) {
  const auto& request = std::get<GetQuotaRoot>(command.body);
  Done refusal;
  auto mailbox = co_await find_mailbox(c, request.mailbox, false, refusal);
  if (!mailbox.ok()) co_return refusal;
  auto quota = co_await quota_response(c);
  if (!quota.ok()) co_return c.internal_error("quota", quota.error());
  // RFC 9208 4.3: QUOTAROOT names the roots (none when there is no quota), then each QUOTA.
  c.write("* QUOTAROOT " + mailbox_name(request.mailbox, c.utf8()) + (quota->empty() ? "" : " \"\"") +
          "\r\n");
  c.write(*quota);
  co_return ok("GETQUOTAROOT completed");
}

asio::awaitable<Done> setquota(Connection&, const Command&) {
  co_return no("[NOPERM] quotas are set by the administrator");  // RFC 5530 3
}

}  // namespace kurir::imap::commands
