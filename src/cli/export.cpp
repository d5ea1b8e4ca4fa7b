// kurir export --user ADDRESS --mbox DIR: every mailbox of an account as
// mbox files under DIR (transfer/exporter.hpp), for `kurir import mbox DIR`
// or any mbox reader. Exits 1 when a mailbox could not be written.
#include <pwd.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/command.hpp"
#include "transfer/exporter.hpp"

namespace kurir::cli {

void add_export_command(CLI::App& app, GlobalOptions& options) {
  auto* cmd = app.add_subcommand("export", "Export an account's mailboxes as mbox files");
  static std::string user;
  static std::string dir;
  cmd->add_option("--user,-u", user, "The account to export")->required();
  cmd->add_option("--mbox", dir, "Directory to write (must not exist or be empty)")->required();
  cmd->callback([&options] {
    auto store = open_store_or_fail(options);
    auto account = take(store->find_account(lower(user)));
    std::error_code ec;
    std::filesystem::path at = std::filesystem::absolute(dir, ec);
    if (!std::filesystem::exists(at, ec)) at = at.parent_path();
    require_access(at, W_OK | X_OK, "write in");
    auto report = take(transfer::export_mbox_tree(*store, account.id, dir,
                                                   [](const std::string& line) { std::cerr << "kurir: " << line << "\n"; }));
    print_result(options,
                 {{"messages", report.messages},
                  {"mailboxes", report.mailboxes},
                  {"bytes", report.bytes},
                  {"failed_mailboxes", report.failed_mailboxes},
                  {"directory", dir}},
                 "exported " + std::to_string(report.messages) + (report.messages == 1 ? " message" : " messages") +
                     " from " + std::to_string(report.mailboxes) +
                     (report.mailboxes == 1 ? " mailbox" : " mailboxes") + " to " + dir);
    if (report.failed_mailboxes) fail(std::to_string(report.failed_mailboxes) + " mailboxes could not be written");
  });
}

}  // namespace kurir::cli
