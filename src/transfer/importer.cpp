#include "transfer/importer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>
#include <vector>

#include "mime/message.hpp"
#include "transfer/flag_headers.hpp"
#include "transfer/mailbox_path.hpp"
#include "transfer/maildir.hpp"
#include "transfer/mbox.hpp"

namespace kurir::transfer {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kReadChunkBytes = 1024 * 1024;

store::SpecialUse special_use_of_folder(std::string_view name) {
  static constexpr std::pair<std::string_view, store::SpecialUse> kFolders[] = {
      {"Sent", store::SpecialUse::sent},   {"Drafts", store::SpecialUse::drafts},
      {"Trash", store::SpecialUse::trash}, {"Junk", store::SpecialUse::junk},
      {"Archive", store::SpecialUse::archive}};
  for (const auto& [folder, use] : kFolders)
    if (name == folder) return use;
  return store::SpecialUse::none;
}

std::string join(std::string_view parent, std::string_view name) {
  if (parent.empty()) return std::string(name);
  return std::string(parent) + "/" + std::string(name);
}

Result<std::string> read_file(const fs::path& path, std::size_t size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(Errc::io, "cannot open " + path.string() + ": " + std::strerror(errno));
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (in.bad()) return make_error(Errc::io, "cannot read " + path.string());
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

}  // namespace

Importer::Importer(store::Store& store, store::AccountId account, ProblemSink problems, ImportLimits bounds)
    : store_(store), account_(account), problems_(std::move(problems)), bounds_(bounds) {}

void Importer::skip_message(const std::string& why) {
  ++report_.skipped_messages;
  if (problems_) problems_(why);
}

Result<store::MailboxId> Importer::mailbox_id(const std::string& name, store::SpecialUse use) {
  if (auto it = ids_.find(name); it != ids_.end()) return it->second;
  std::optional<store::Mailbox> found;
  if (use != store::SpecialUse::none) {
    auto all = store_.list_mailboxes(account_);
    if (!all) return all.error();
    for (auto& m : *all)
      if (m.special_use == use) found = std::move(m);
  }
  if (!found) {
    auto existing = store_.find_mailbox(account_, name);
    if (existing) {
      found = std::move(existing).value();
    } else if (existing.error().code == Errc::not_found) {
      auto created = store_.create_mailbox(account_, name);
      if (!created) return created.error();
      // Subscribed, so that clients listing subscriptions show what was imported.
      KURIR_TRY(store_.set_subscribed(account_, created->name, true));
      found = std::move(created).value();
    } else {
      return existing.error();
    }
  }
  ids_.emplace(name, found->id);
  report_.mailboxes.try_emplace(found->name, 0);
  return found->id;
}

Status Importer::add(const std::string& mailbox, store::MailboxId id, std::string raw, const store::Flags* file_flags,
                     std::int64_t date, const std::string& where) {
  store::Flags flags = take_flag_headers(raw);
  if (file_flags) flags = *file_flags;
  std::string bytes = to_crlf(raw);
  std::string().swap(raw);
  if (bytes.size() > bounds_.max_message_bytes) {
    skip_message(where + ": message of " + std::to_string(bytes.size()) + " bytes is larger than the limit of " +
                 std::to_string(bounds_.max_message_bytes) + " bytes; skipped");
    return {};
  }
  store::MessageInput input;
  input.parsed = mime::parse_message(bytes);
  input.flags = std::move(flags);
  input.internal_date = date != 0 ? date : input.parsed.date;
  const std::uint64_t size = bytes.size();
  input.bytes = std::move(bytes);
  auto appended = store_.append(id, std::move(input));
  if (!appended) {
    if (appended.error().code == Errc::limit_exceeded) {
      skip_message(where + ": " + appended.error().message + "; skipped");
      return {};
    }
    return make_error(appended.error().code, where + ": " + appended.error().message);
  }
  ++report_.messages;
  report_.bytes += size;
  ++report_.mailboxes[mailbox];  // the stored name (INBOX normalised, special uses resolved)
  if (progress_ && report_.messages % kProgressEvery == 0) progress_(report_);
  return {};
}

Status Importer::import_mbox_file(const fs::path& file, std::string_view mailbox) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error(Errc::io, "cannot open " + file.string() + ": " + std::strerror(errno));
  const std::string name(mailbox);
  std::optional<store::MailboxId> id;
  std::string stored_name;
  auto resolve = [&]() -> Status {
    if (id) return {};
    auto got = mailbox_id(name, store::SpecialUse::none);
    if (!got) return make_error(got.error().code, name + ": " + got.error().message);
    id = *got;
    auto box = store_.get_mailbox(*id);
    if (!box) return box.error();
    stored_name = box->name;
    return {};
  };
  MboxSplitter splitter(bounds_.max_message_bytes);
  std::vector<MboxMessage> messages;
  std::string chunk(kReadChunkBytes, '\0');
  auto take = [&]() -> Status {
    for (auto& m : messages) {
      KURIR_TRY(resolve());
      const std::string where = file.string() + " line " + std::to_string(m.line);
      if (m.oversized) {
        skip_message(where + ": message of " + std::to_string(m.size) + " bytes is larger than the limit of " +
                     std::to_string(bounds_.max_message_bytes) + " bytes; skipped");
        continue;
      }
      KURIR_TRY(add(stored_name, *id, std::move(m.bytes), nullptr, m.from.date, where));
    }
    messages.clear();
    return {};
  };
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    auto fed = splitter.feed(std::string_view(chunk.data(), got), messages);
    KURIR_TRY(take());
    if (!fed) return make_error(fed.error().code, file.string() + ": " + fed.error().message);
  }
  if (in.bad()) return make_error(Errc::io, "cannot read " + file.string());
  auto finished = splitter.finish(messages);
  if (!finished) return make_error(finished.error().code, file.string() + ": " + finished.error().message);
  KURIR_TRY(take());
  return resolve();  // an empty mbox is an empty mailbox
}

Status Importer::import_mbox_tree(const fs::path& dir, std::string_view parent) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec), end;
  if (ec) return make_error(Errc::not_found, "cannot read " + dir.string() + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return make_error(Errc::io, "cannot read " + dir.string() + ": " + ec.message());
    const std::string name = it->path().filename().string();
    std::error_code sec;
    const auto status = it->symlink_status(sec);
    if (!name.empty() && name[0] == '.') {
      if (fs::is_directory(status)) it.disable_recursion_pending();
      continue;
    }
    if (!fs::is_regular_file(status) || name.ends_with(".msf")) continue;
    if (files.size() >= bounds_.max_files)
      return make_error(Errc::limit_exceeded, "more than " + std::to_string(bounds_.max_files) + " files in " +
                                                  dir.string());
    files.push_back(it->path());
  }
  if (ec) return make_error(Errc::io, "cannot read " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto name = mailbox_for_mbox_path(file.lexically_relative(dir));
    Status done = name ? import_mbox_file(file, join(parent, *name)) : Status(name.error());
    if (done) continue;
    // A file that is not an mbox, or whose name is no mailbox name, is passed over;
    // the store failing ends the import.
    if (done.error().code != Errc::invalid_argument) return done;
    ++report_.skipped_files;
    if (problems_) problems_(done.error().message + "; file skipped");
  }
  return {};
}

Status Importer::import_maildir(const fs::path& root, std::string_view parent) {
  std::vector<std::string> skipped;
  auto folders = scan_maildir(root, skipped, bounds_.max_files);
  if (!folders) return folders.error();
  for (const auto& line : skipped) {
    ++report_.skipped_files;
    if (problems_) problems_(line + "; folder skipped");
  }
  for (const auto& folder : *folders) {
    const bool inbox = folder.name == "INBOX";
    const std::string name = parent.empty() ? folder.name : inbox ? std::string(parent) : join(parent, folder.name);
    const auto use = parent.empty() ? special_use_of_folder(folder.name) : store::SpecialUse::none;
    auto id = mailbox_id(name, use);
    if (!id) {
      if (id.error().code != Errc::invalid_argument) return id.error();
      ++report_.skipped_files;
      if (problems_) problems_(folder.path.string() + ": " + id.error().message + "; folder skipped");
      continue;
    }
    auto box = store_.get_mailbox(*id);
    if (!box) return box.error();
    for (const auto& file : folder.files) {
      const std::string where = file.path.string();
      if (file.size > bounds_.max_message_bytes) {
        skip_message(where + ": message of " + std::to_string(file.size) + " bytes is larger than the limit of " +
                     std::to_string(bounds_.max_message_bytes) + " bytes; skipped");
        continue;
      }
      auto bytes = read_file(file.path, static_cast<std::size_t>(file.size));
      if (!bytes) {
        skip_message(where + ": " + bytes.error().message + "; skipped");
        continue;
      }
      KURIR_TRY(add(box->name, *id, std::move(bytes).value(), &file.flags, file.mtime, where));
    }
  }
  return {};
}

}  // namespace kurir::transfer
