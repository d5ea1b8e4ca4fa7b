#include "cli/command.hpp"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <cerrno>
#include <cstring>
#include <iostream>

namespace kurir::cli {

void fail(const std::string& message, int status) {
  std::cerr << "kurir: " << message << "\n";
  throw CLI::RuntimeError(status);
}

void fail(const Error& error) {
  fail(error.message, error.code == Errc::invalid_argument ? kExitUsage : kExitFailed);
}

Config load_config_or_fail(const GlobalOptions& options) {
  if (options.data_dir.empty())
    fail("no data directory: give --data DIR or set KURIR_DATA (create one with: kurir init --data DIR)",
         kExitUsage);
  auto config = load_config(options.data_dir);
  if (!config.ok()) fail(config.error().message, kExitUsage);
  return std::move(config).value();
}

namespace {

// Run as root, an administrative command becomes the data directory's owner
// before it touches the database, so it never leaves root-owned files (the
// SQLite journal) that the server, running unprivileged, could not open.
void become_data_owner(const Config& config) {
  if (geteuid() != 0) return;
  struct stat st {};
  if (stat(config.data_dir.c_str(), &st) != 0 || st.st_uid == 0) return;
  if (setgroups(0, nullptr) != 0 || setgid(st.st_gid) != 0 || setuid(st.st_uid) != 0)
    fail("cannot switch to the owner of " + config.data_dir.string());
}

}  // namespace

std::unique_ptr<store::Store> open_store_or_fail(const Config& config) {
  become_data_owner(config);
  auto store = store::open_sqlite_store(config.database);
  if (!store.ok()) fail("cannot open the database " + config.database.string() + ": " + store.error().message);
  return std::move(store).value();
}

std::unique_ptr<store::Store> open_store_or_fail(const GlobalOptions& options) {
  return open_store_or_fail(load_config_or_fail(options));
}

void print_json(const boost::json::value& value) { std::cout << boost::json::serialize(value) << "\n"; }

void print_result(const GlobalOptions& options, const boost::json::value& json, const std::string& text) {
  if (options.json) print_json(json);
  else std::cout << text << "\n";
}

namespace {

std::string prompt_hidden(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string line;
  std::getline(std::cin, line);
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cerr << "\n";
  return line;
}

}  // namespace

std::string read_password(bool from_stdin) {
  std::string password;
  if (from_stdin) {
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
  } else if (isatty(STDIN_FILENO)) {
    password = prompt_hidden("Password: ");
    if (prompt_hidden("Again: ") != password) fail("the two passwords differ", kExitUsage);
  } else {
    fail("no password: give --password-stdin and write it on standard input", kExitUsage);
  }
  if (password.empty()) fail("the password is empty", kExitUsage);
  return password;
}

void require_access(const std::filesystem::path& path, int mode, const char* verb) {
  if (::access(path.c_str(), mode) == 0) return;
  const int err = errno;
  const passwd* user = ::getpwuid(::geteuid());
  fail(std::string("cannot ") + verb + " " + path.string() + " as user " +
       (user ? user->pw_name : std::to_string(::geteuid())) +
       " (the owner of the data directory, whom kurir runs as): " + std::strerror(err));
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace kurir::cli
