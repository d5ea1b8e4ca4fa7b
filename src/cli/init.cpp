// kurir init: a new data directory with kurir.toml (every setting, commented),
// the database, a self-signed certificate, and optionally the first domain
// and user.
#include <pwd.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <fstream>
#include <iostream>

#include "auth/password.hpp"
#include "cli/command.hpp"
#include "net/certificate.hpp"

namespace kurir::cli {

namespace {

std::string system_hostname() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "localhost";
  return lower(name);
}

// Started as root, the server drops to run_as_user, who must own the data.
void give_to_service_user(const Config& config) {
  if (geteuid() != 0) return;
  const passwd* user = getpwnam(config.run_as_user.c_str());
  if (!user) {
    std::cerr << "kurir: note: no user \"" << config.run_as_user
              << "\" on this system; `kurir serve` as root will ask for it (scripts/install-deps creates it)\n";
    return;
  }
  auto chown_one = [&](const std::filesystem::path& p) {
    if (lchown(p.c_str(), user->pw_uid, user->pw_gid) != 0) fail("cannot give " + p.string() + " to " + config.run_as_user);
  };
  chown_one(config.data_dir);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(config.data_dir)) chown_one(entry.path());
}

}  // namespace

void add_init_command(CLI::App& app, GlobalOptions& options) {
  static std::string ports;
  static std::string hostname;
  static std::string domain;
  static std::string user;
  static bool password_stdin = false;

  auto* init = app.add_subcommand("init", "Create a data directory: kurir.toml, database, TLS certificate");
  init->add_option("--ports", ports, "standard (25, 143, ...) or high (2525, 2143, ...); default: standard as root")
      ->check(CLI::IsMember({"standard", "high"}));
  init->add_option("--hostname", hostname, "This server's host name (default: the system's)");
  init->add_option("--domain", domain, "First local domain");
  init->add_option("--user", user, "First account, user@domain (its domain is added too)");
  init->add_flag("--password-stdin", password_stdin, "Read the first account's password from standard input");

  init->callback([&options] {
    if (options.data_dir.empty()) fail("give the new data directory: kurir init --data DIR", kExitUsage);
    const std::filesystem::path dir = std::filesystem::absolute(options.data_dir).lexically_normal();
    if (std::filesystem::exists(dir / kConfigFileName))
      fail(dir.string() + " holds a Kurir data directory already (" + std::string(kConfigFileName) + " exists)");
    const std::string addr = lower(user);
    std::string domain_name = lower(domain);
    if (!addr.empty()) {
      const auto at = addr.rfind('@');
      if (at == std::string::npos || at == 0 || at + 1 == addr.size())
        fail("--user: expected user@domain, not \"" + user + "\"", kExitUsage);
      if (domain_name.empty()) domain_name = addr.substr(at + 1);
    }
    // Ask for the password before creating anything, so a mistake leaves no half-made directory.
    const std::string password = addr.empty() ? std::string() : read_password(password_stdin);

    const PortSet port_set =
        ports.empty() ? (geteuid() == 0 ? PortSet::standard : PortSet::high) : (ports == "high" ? PortSet::high : PortSet::standard);
    const std::string host = hostname.empty() ? system_hostname() : lower(hostname);

    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) fail("cannot create " + dir.string() + ": " + ec.message());
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                          std::filesystem::perms::group_exec);
    {
      std::ofstream out(dir / kConfigFileName);
      out << render_config(host, port_set);
      if (!out) fail("cannot write " + (dir / kConfigFileName).string());
    }
    auto config = load_config_or_fail(GlobalOptions{dir.string(), false});
    take(net::write_self_signed_certificate(host, config.certificate, config.private_key));
    auto store = open_store_or_fail(config);
    if (!domain_name.empty()) take(store->add_domain(domain_name));
    if (!addr.empty()) take(store->add_account(addr, take(auth::hash_password(password))));
    store.reset();
    give_to_service_user(config);

    if (options.json) {
      print_json({{"data", dir.string()}, {"hostname", host}, {"domain", domain_name}, {"user", addr},
                  {"ports", port_set == PortSet::high ? "high" : "standard"}});
      return;
    }
    std::cout << "created " << dir.string() << " (" << host << ", " << (port_set == PortSet::high ? "high" : "standard")
              << " ports)\n";
    if (!domain_name.empty()) std::cout << "  domain  " << domain_name << "\n";
    if (!addr.empty()) std::cout << "  user    " << addr << "\n";
    std::cout << "start it with: kurir serve --data " << dir.string() << "\n";
  });
}

}  // namespace kurir::cli
