// kurir import --user ADDRESS (mbox|maildir) PATH [--mailbox NAME]: mail
// from an mbox file, a directory of mbox files or a Maildir++ tree into an
// account (transfer/importer.hpp). Exits 1 when any message or file was
// skipped, after importing the rest.
#include <pwd.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/command.hpp"
#include "transfer/importer.hpp"

namespace kurir::cli {

namespace {

boost::json::object report_json(const transfer::ImportReport& report) {
  boost::json::object mailboxes;
  for (const auto& [name, count] : report.mailboxes) mailboxes[name] = count;
  return {{"messages", report.messages},
          {"bytes", report.bytes},
          {"mailboxes", report.mailboxes.size()},
          {"per_mailbox", std::move(mailboxes)},
          {"skipped_messages", report.skipped_messages},
          {"skipped_files", report.skipped_files}};
}

std::string report_text(const transfer::ImportReport& report) {
  std::string text = "imported " + std::to_string(report.messages) + (report.messages == 1 ? " message" : " messages") +
                     " into " + std::to_string(report.mailboxes.size()) +
                     (report.mailboxes.size() == 1 ? " mailbox" : " mailboxes");
  if (report.skipped_messages) text += "; skipped " + std::to_string(report.skipped_messages) + " messages";
  if (report.skipped_files) text += "; skipped " + std::to_string(report.skipped_files) + " files";
  return text;
}


}  // namespace

void add_import_command(CLI::App& app, GlobalOptions& options) {
  auto* cmd = app.add_subcommand("import", "Import mail from an mbox file or directory, or a Maildir++ tree");
  static std::string user;
  static std::string format;
  static std::string path;
  static std::string mailbox;
  cmd->add_option("--user,-u", user, "The account to import into")->required();
  cmd->add_option("format", format, "mbox or maildir")->required()->check(CLI::IsMember({"mbox", "maildir"}));
  cmd->add_option("path", path, "mbox file, directory of mbox files, or Maildir root")->required();
  cmd->add_option("--mailbox,-m", mailbox,
                  "mbox file: the mailbox to import into (default INBOX); directory or Maildir: the parent "
                  "mailbox of the imported tree (default: top level)");
  cmd->callback([&options] {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(path, ec)) fail("no such file or directory: " + path, kExitUsage);
    auto store = open_store_or_fail(options);
    auto account = take(store->find_account(lower(user)));
    require_access(path, R_OK, "read");
    transfer::Importer importer(*store, account.id, [](const std::string& line) { std::cerr << "kurir: " << line << "\n"; });
    // Each message is its own durable commit (a few ms): large imports take
    // minutes, so show that something happens when someone is watching.
    if (::isatty(STDERR_FILENO))
      importer.on_progress([](const transfer::ImportReport& r) {
        std::cerr << "kurir: " << r.messages << " messages imported so far\n";
      });
    Status done;
    if (format == "maildir") done = importer.import_maildir(path, mailbox);
    else if (fs::is_directory(path, ec)) done = importer.import_mbox_tree(path, mailbox);
    else done = importer.import_mbox_file(path, mailbox.empty() ? std::string("INBOX") : mailbox);
    const auto& report = importer.report();
    if (!done.ok()) {
      // What was imported before the error stays; say how much.
      if (report.messages) std::cerr << "kurir: " << report_text(report) << " before the error\n";
      fail(done.error());
    }
    print_result(options, report_json(report), report_text(report));
    if (report.skipped_messages || report.skipped_files) {
      std::cerr << "kurir: " << report.skipped_messages << " messages and " << report.skipped_files
                << " files were not imported (see above)\n";
      throw CLI::RuntimeError(kExitFailed);
    }
  });
}

}  // namespace kurir::cli
