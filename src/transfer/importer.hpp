// `kurir import`: mbox files, directories of them, and Maildir++ trees into
// one account's mailboxes.
//
// Bytes: a message is stored as it was in the file, except that (1) an mbox
// message loses its From_ line and mboxrd quoting (mbox.hpp), (2) its
// Status, X-Status and X-Keywords fields are taken out and become flags
// (flag_headers.hpp; in a Maildir the file name's flags count instead), and
// (3) bare LF line ends become CRLF, the form IMAP serves (RFC 3501 2.2.1,
// RFC 5322 2.3). The exporter writes LF and the flag fields back, so for an
// mbox with LF line ends export(import(x)) gives x again.
//
// Internal date: the From_ line's date (mbox), the file's mtime (Maildir);
// when that is missing, the Date: field; else now.
//
// Bounds: a message above limits::kMaxMessageBytes (after the CRLF
// conversion) is skipped and reported, as is a file that is not an mbox;
// the import goes on and report().skipped_* count them. At most
// limits::kMaxImportFiles files. mbox files are read in 1 MiB chunks.
//
// Errors that end the import (the store fails, quota, unreadable
// directories) come back as Status; what was imported before stays.
//
// Thread-safety: one Importer per thread. Its calls block on the store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/limits.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace kurir::transfer {

struct ImportReport {
  std::uint64_t messages = 0;  // imported
  std::uint64_t bytes = 0;     // their stored size
  std::map<std::string, std::uint64_t> mailboxes;  // every mailbox written or created -> messages imported into it
  std::uint64_t skipped_messages = 0;
  std::uint64_t skipped_files = 0;
};

// Receives one line for every message or file skipped, as it happens.
using ProblemSink = std::function<void(const std::string&)>;

struct ImportLimits {
  std::size_t max_message_bytes = limits::kMaxMessageBytes;
  std::size_t max_files = limits::kMaxImportFiles;
};

class Importer {
 public:
  Importer(store::Store& store, store::AccountId account, ProblemSink problems, ImportLimits bounds = {});

  // One mbox file into mailbox (created if missing).
  Status import_mbox_file(const std::filesystem::path& file, std::string_view mailbox);
  // Every file under dir as a mailbox named by its path (mailbox_path.hpp),
  // under parent when that is non-empty. Dot files and Thunderbird's .msf
  // index files are passed over.
  Status import_mbox_tree(const std::filesystem::path& dir, std::string_view parent);
  // A Maildir++ tree (maildir.hpp). Without parent, the folders Sent,
  // Drafts, Trash, Junk and Archive land in the account's mailboxes with
  // those special uses; with parent, INBOX becomes parent and the folders
  // its children.
  Status import_maildir(const std::filesystem::path& root, std::string_view parent);

  const ImportReport& report() const { return report_; }
  // Called after every kProgressEvery imported messages, for a progress line.
  static constexpr std::uint64_t kProgressEvery = 1000;
  void on_progress(std::function<void(const ImportReport&)> progress) { progress_ = std::move(progress); }

 private:
  Result<store::MailboxId> mailbox_id(const std::string& name, store::SpecialUse use);
  // Stores one message; skips (and reports) one that is too large.
  Status add(const std::string& mailbox, store::MailboxId id, std::string raw, const store::Flags* file_flags,
             std::int64_t date, const std::string& where);
  void skip_message(const std::string& why);

  store::Store& store_;
  store::AccountId account_;
  ProblemSink problems_;
  std::function<void(const ImportReport&)> progress_;
  ImportLimits bounds_;
  ImportReport report_;
  std::map<std::string, store::MailboxId> ids_;
};

}  // namespace kurir::transfer
