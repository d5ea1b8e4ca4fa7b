// Reading a Dovecot/Courier-style Maildir++ tree: the root's cur/ and new/
// are INBOX; each subdirectory ".Sub.Folder" is the folder "Sub/Folder"
// ('.' is Maildir++'s hierarchy separator, ours is '/'), its levels in
// modified UTF-7 on disk. tmp/ holds deliveries in progress and is left out.
//
// A message file's name is "UNIQUE[,S=size][,W=size]:2,INFO"; INFO's letters
// are its flags: F flagged, R replied (answered), S seen, T trashed
// (deleted), D draft, P passed (no IMAP flag, ignored), and Dovecot's a..z,
// keywords numbered in the folder's dovecot-keywords file. The internal date
// is the file's mtime (what Dovecot and Courier keep it as). Messages keep
// the order of the folder's dovecot-uidlist when it has one, then by mtime
// and name.
//
// The parsers below are pure; scan_maildir() reads directories (no message
// bytes).
//
// SECURITY: names and control files come from an untrusted tree; every file
// list is bounded by max_files, symbolic links are not followed out of the
// tree (only regular files and real directories are read).
//
// Thread-safety: pure functions; scan_maildir() touches only the file system.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/limits.hpp"
#include "core/result.hpp"
#include "store/types.hpp"

namespace kurir::transfer {

// The file name without its info part (":2,..."): the key of dovecot-uidlist.
std::string_view maildir_base_name(std::string_view filename);

// The flags in a file name's ":2," info; keyword letters a..z index
// keyword_names (a missing or invalid name is left out).
store::Flags maildir_flags(std::string_view filename, const std::vector<std::string>& keyword_names);

// dovecot-keywords: lines "INDEX NAME"; the result is indexed by INDEX (0..25).
std::vector<std::string> parse_dovecot_keywords(std::string_view text);

// dovecot-uidlist: a header line, then "UID [EXTENSIONS] :FILENAME" (version 3)
// or "UID FILENAME" (version 1). Base name -> UID.
std::unordered_map<std::string, std::uint32_t> parse_dovecot_uidlist(std::string_view text);

// ".Sub.Folder" -> "Sub/Folder" with each level decoded from modified UTF-7.
// Fails invalid_argument when it does not start with '.', has an empty
// level, or a level does not decode.
Result<std::string> maildir_folder_name(std::string_view directory_name);

struct MaildirFile {
  std::filesystem::path path;
  store::Flags flags;
  std::int64_t mtime = 0;  // seconds since the epoch
  std::uint64_t size = 0;
};

struct MaildirFolder {
  std::string name;  // "INBOX" for the root, else the decoded folder name
  std::filesystem::path path;
  std::vector<MaildirFile> files;  // in import order
};

// Every folder of the tree at root (INBOX first, then by name) with its
// messages. Folders whose names do not decode are reported in skipped (one
// line each) and left out. Fails not_found when root has no cur/ or
// new/ and no folders, limit_exceeded past max_files messages, io when a
// directory cannot be read.
Result<std::vector<MaildirFolder>> scan_maildir(const std::filesystem::path& root, std::vector<std::string>& skipped,
                                                std::size_t max_files = limits::kMaxImportFiles);

}  // namespace kurir::transfer
