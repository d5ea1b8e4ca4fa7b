// `kurir export --mbox DIR`: every mailbox of an account as an mbox file in
// a directory tree (mailbox_path.hpp: "Work/2024" -> DIR/Work/2024.mbox),
// which `kurir import mbox DIR` reads back into the same mailboxes, bytes,
// flags and internal dates (see importer.hpp for the byte conventions).
// Messages are written in UID order, LF line ends, mboxrd quoting, flags as
// Status/X-Status/X-Keywords fields (mbox.hpp, flag_headers.hpp). An empty
// mailbox is an empty file.
//
// Mail is private: directories are made 0700 and files 0600, and DIR must
// not exist yet or be empty, so an export never overwrites anything.
//
// Thread-safety: blocks on the store and the disk; one call per thread.
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/result.hpp"
#include "store/store.hpp"
#include "transfer/importer.hpp"

namespace kurir::transfer {

struct ExportReport {
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;  // written to the mbox files
  std::uint64_t mailboxes = 0;
  std::uint64_t failed_mailboxes = 0;  // could not be written (reported through problems)
};

// Fails already_exists when dir is a non-empty directory or not a directory,
// io when it cannot be written, or the store's error. A mailbox whose file
// cannot be made (a name level longer than the file system allows) is
// reported and counted in failed_mailboxes; the rest go on.
Result<ExportReport> export_mbox_tree(store::Store& store, store::AccountId account, const std::filesystem::path& dir,
                                      const ProblemSink& problems);

}  // namespace kurir::transfer
