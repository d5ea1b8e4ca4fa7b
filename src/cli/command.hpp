// What every `kurir` subcommand shares: the global options, loading the
// config and opening the store, printing results (text or --json), and the
// exit statuses: 0 success, 1 the operation failed, 2 usage or configuration error.
//
// Thread-safety: used from main()'s thread only.
#pragma once

#include <CLI/CLI.hpp>
#include <boost/json/value.hpp>

#include <memory>
#include <string>

#include "core/config.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace kurir::cli {

inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

struct GlobalOptions {
  std::string data_dir;  // --data, or $KURIR_DATA
  bool json = false;     // --json
};

// Ends the command: prints "kurir: message" to stderr, exits with status.
[[noreturn]] void fail(const std::string& message, int status = kExitFailed);
// Ends the command with the error's message; configuration and argument
// errors exit 2, the rest 1.
[[noreturn]] void fail(const Error& error);

// Unwraps a result or fails with its error.
template <class T>
T take(Result<T> result) {
  if (!result.ok()) fail(result.error());
  return std::move(result).value();
}
inline void take(Status status) {
  if (!status.ok()) fail(status.error());
}

Config load_config_or_fail(const GlobalOptions& options);
std::unique_ptr<store::Store> open_store_or_fail(const Config& config);
std::unique_ptr<store::Store> open_store_or_fail(const GlobalOptions& options);

// Prints a JSON value on stdout.
void print_json(const boost::json::value& value);
// Prints json with --json, else the text line.
void print_result(const GlobalOptions& options, const boost::json::value& json, const std::string& text);

// Reads a password: the first line of stdin with --password-stdin, else a
// prompt on the terminal (asked twice). Fails when neither is possible.
std::string read_password(bool from_stdin);

// Fails unless this process may access path (access(2) mode, e.g. R_OK),
// naming the user it runs as: as root, admin commands run as the data
// directory's owner, who may lack rights the operator has. verb: "read", "write in".
void require_access(const std::filesystem::path& path, int mode, const char* verb);

// Lower-cases ASCII.
std::string lower(std::string_view text);

// The commands; each adds itself to app.
void add_init_command(CLI::App& app, GlobalOptions& options);
void add_serve_command(CLI::App& app, GlobalOptions& options);
void add_domain_command(CLI::App& app, GlobalOptions& options);
void add_user_command(CLI::App& app, GlobalOptions& options);
void add_alias_command(CLI::App& app, GlobalOptions& options);
void add_import_command(CLI::App& app, GlobalOptions& options);
void add_export_command(CLI::App& app, GlobalOptions& options);
void add_queue_command(CLI::App& app, GlobalOptions& options);

}  // namespace kurir::cli
