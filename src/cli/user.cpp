// kurir user add|list|passwd|remove|set: mail accounts, their passwords,
// their IMAP and POP3 access switches and their quotas.
#include <boost/json.hpp>
#include <charconv>
#include <iostream>

#include "auth/password.hpp"
#include "cli/command.hpp"

namespace kurir::cli {

namespace {

// "0" or "none": no quota; otherwise a number of bytes with an optional
// K, M, G or T suffix (powers of 1024).
std::uint64_t parse_size(const std::string& text) {
  if (text == "none") return 0;
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  auto [rest, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || rest == text.data())
    fail("quota: expected a size such as 500M, 2G or none, not \"" + text + "\"", kExitUsage);
  std::string_view suffix(rest, static_cast<std::size_t>(end - rest));
  int shift = 0;
  if (suffix == "K" || suffix == "k") shift = 10;
  else if (suffix == "M" || suffix == "m") shift = 20;
  else if (suffix == "G" || suffix == "g") shift = 30;
  else if (suffix == "T" || suffix == "t") shift = 40;
  else if (!suffix.empty()) fail("quota: unknown unit \"" + std::string(suffix) + "\" (use K, M, G or T)", kExitUsage);
  if (shift && value > (UINT64_MAX >> shift)) fail("quota: too large", kExitUsage);
  return value << shift;
}

bool parse_switch(const std::string& text, const char* what) {
  if (text == "on" || text == "true" || text == "yes") return true;
  if (text == "off" || text == "false" || text == "no") return false;
  fail(std::string(what) + ": expected on or off, not \"" + text + "\"", kExitUsage);
}

boost::json::object account_json(const store::Account& a) {
  return {{"address", a.address},
          {"imap", a.imap_enabled},
          {"pop3", a.pop3_enabled},
          {"quota_bytes", a.quota_bytes},
          {"used_bytes", a.used_bytes}};
}

std::string hash_or_fail(const std::string& password) { return take(auth::hash_password(password)); }

}  // namespace

void add_user_command(CLI::App& app, GlobalOptions& options) {
  auto* user = app.add_subcommand("user", "Manage mail accounts");
  user->require_subcommand(1);

  static std::string address;
  static std::string domain;
  static bool password_stdin = false;
  static std::string quota;
  static std::string imap;
  static std::string pop3;

  auto* add = user->add_subcommand("add", "Add an account (its domain must be local)");
  add->add_option("address", address, "user@domain")->required();
  add->add_flag("--password-stdin", password_stdin, "Read the password from standard input");
  add->add_option("--quota", quota, "Quota, e.g. 2G (default: none)");
  add->callback([&options] {
    auto store = open_store_or_fail(options);
    // Refuse early, before asking for a password and spending argon2id on it.
    const std::string addr = lower(address);
    if (store->find_account(addr).ok()) fail("an account " + addr + " exists already");
    auto account = take(store->add_account(addr, hash_or_fail(read_password(password_stdin))));
    if (!quota.empty()) {
      take(store->set_quota(account.address, parse_size(quota)));
      account = take(store->find_account(account.address));
    }
    print_result(options, account_json(account), "added account " + account.address);
  });

  auto* list = user->add_subcommand("list", "List accounts");
  list->add_option("domain", domain, "Only this domain's accounts");
  list->callback([&options] {
    auto store = open_store_or_fail(options);
    auto accounts = take(store->list_accounts(lower(domain)));
    if (options.json) {
      boost::json::array out;
      for (const auto& a : accounts) out.push_back(account_json(a));
      print_json(out);
      return;
    }
    for (const auto& a : accounts) {
      std::cout << a.address << "  imap=" << (a.imap_enabled ? "on" : "off")
                << " pop3=" << (a.pop3_enabled ? "on" : "off") << " used=" << a.used_bytes
                << " quota=" << (a.quota_bytes ? std::to_string(a.quota_bytes) : "none") << "\n";
    }
  });

  auto* passwd = user->add_subcommand("passwd", "Set an account's password");
  passwd->add_option("address", address, "user@domain")->required();
  passwd->add_flag("--password-stdin", password_stdin, "Read the password from standard input");
  passwd->callback([&options] {
    auto store = open_store_or_fail(options);
    const std::string addr = lower(address);
    take(store->find_account(addr));
    take(store->set_password(addr, hash_or_fail(read_password(password_stdin))));
    print_result(options, {{"address", addr}, {"password", "changed"}}, "changed the password of " + addr);
  });

  auto* remove = user->add_subcommand("remove", "Remove an account with all its mail");
  remove->add_option("address", address, "user@domain")->required();
  remove->callback([&options] {
    auto store = open_store_or_fail(options);
    take(store->remove_account(lower(address)));
    print_result(options, {{"removed", lower(address)}}, "removed account " + lower(address));
  });

  auto* set = user->add_subcommand("set", "Turn IMAP or POP3 access on or off, or set the quota");
  set->add_option("address", address, "user@domain")->required();
  set->add_option("--imap", imap, "on or off");
  set->add_option("--pop3", pop3, "on or off");
  set->add_option("--quota", quota, "e.g. 500M, 2G, or none");
  set->callback([&options] {
    if (imap.empty() && pop3.empty() && quota.empty()) fail("nothing to set: give --imap, --pop3 or --quota", kExitUsage);
    auto store = open_store_or_fail(options);
    const std::string addr = lower(address);
    std::optional<bool> imap_on, pop3_on;
    if (!imap.empty()) imap_on = parse_switch(imap, "--imap");
    if (!pop3.empty()) pop3_on = parse_switch(pop3, "--pop3");
    const std::optional<std::uint64_t> quota_bytes =
        quota.empty() ? std::nullopt : std::optional<std::uint64_t>(parse_size(quota));
    if (imap_on || pop3_on) take(store->set_access(addr, imap_on, pop3_on));
    if (quota_bytes) take(store->set_quota(addr, *quota_bytes));
    auto account = take(store->find_account(addr));
    print_result(options, account_json(account),
                 "account " + addr + ": imap=" + (account.imap_enabled ? "on" : "off") +
                     " pop3=" + (account.pop3_enabled ? "on" : "off") +
                     " quota=" + (account.quota_bytes ? std::to_string(account.quota_bytes) : "none"));
  });
}

}  // namespace kurir::cli
