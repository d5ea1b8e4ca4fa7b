#include "transfer/exporter.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "transfer/mailbox_path.hpp"
#include "transfer/mbox.hpp"

namespace kurir::transfer {

namespace fs = std::filesystem;

namespace {

Error os_error(const std::string& what, const fs::path& path) {
  return make_error(Errc::io, what + " " + path.string() + ": " + std::strerror(errno));
}

// Owns a file descriptor; closes it once.
class File {
 public:
  explicit File(int fd) : fd_(fd) {}
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  ~File() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

Status write_all(int fd, std::string_view bytes, const fs::path& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return os_error("cannot write", path);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

Status make_directories(const fs::path& root, const fs::path& relative_dir) {
  fs::path at = root;
  for (const auto& part : relative_dir) {
    at /= part;
    if (::mkdir(at.c_str(), 0700) != 0 && errno != EEXIST) return os_error("cannot create", at);
  }
  return {};
}

Result<std::uint64_t> write_mailbox(store::Store& store, const store::Mailbox& mailbox, const fs::path& path,
                                    std::uint64_t& messages) {
  File file(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (file.get() < 0) return os_error("cannot create", path);
  // Deleted or expunged meanwhile (the server may be running): nothing to write.
  auto metas = store.list_messages(mailbox.id);
  if (!metas && metas.error().code != Errc::not_found) return metas.error();
  const std::vector<store::MessageMeta> listed = metas ? std::move(metas).value() : std::vector<store::MessageMeta>{};
  std::uint64_t written = 0;
  std::string out;
  for (const auto& meta : listed) {
    auto content = store.read_content(meta.content_id);
    if (!content && content.error().code == Errc::not_found) continue;
    if (!content) return content.error();
    out.clear();
    write_mbox_message(out, *content, meta.flags, meta.internal_date);
    KURIR_TRY(write_all(file.get(), out, path));
    written += out.size();
    ++messages;
  }
  // The export is a backup: on disk before we say it is done.
  if (::fsync(file.get()) != 0) return os_error("cannot sync", path);
  if (::close(file.release()) != 0) return os_error("cannot close", path);
  return written;
}

}  // namespace

Result<ExportReport> export_mbox_tree(store::Store& store, store::AccountId account, const fs::path& dir,
                                      const ProblemSink& problems) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dir, ec))) {
    if (!fs::is_directory(dir, ec) || !fs::is_empty(dir, ec))
      return make_error(Errc::already_exists, dir.string() + " exists and is not an empty directory");
  } else if (::mkdir(dir.c_str(), 0700) != 0) {
    return os_error("cannot create", dir);
  }
  auto mailboxes = store.list_mailboxes(account);
  if (!mailboxes) return mailboxes.error();
  ExportReport report;
  for (const auto& mailbox : *mailboxes) {
    const fs::path relative = mbox_path_for(mailbox.name);
    Status made = make_directories(dir, relative.parent_path());
    Result<std::uint64_t> written = made ? write_mailbox(store, mailbox, dir / relative, report.messages)
                                         : Result<std::uint64_t>(made.error());
    if (!written) {
      if (written.error().code != Errc::io) return written.error();
      ++report.failed_mailboxes;
      if (problems) problems(mailbox.name + ": " + written.error().message);
      continue;
    }
    report.bytes += *written;
    ++report.mailboxes;
  }
  return report;
}

}  // namespace kurir::transfer
