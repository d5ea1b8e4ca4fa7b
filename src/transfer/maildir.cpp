#include "transfer/maildir.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>

#include "transfer/flag_headers.hpp"
#include "core/mutf7.hpp"

namespace kurir::transfer {

namespace fs = std::filesystem;

namespace {

// dovecot-uidlist is ~50 bytes per message; larger control files are not read.
constexpr std::uintmax_t kMaxControlFileBytes = 256u * 1024 * 1024;

std::string read_small_file(const fs::path& path) {
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  if (ec || !fs::is_regular_file(status)) return {};
  const auto size = fs::file_size(path, ec);
  if (ec || size > kMaxControlFileBytes) return {};
  std::ifstream in(path, std::ios::binary);
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

template <class F>
void for_each_line(std::string_view text, F&& f) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? text.size() : eol;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    f(line);
    pos = end + 1;
  }
}

// A leading decimal number of at most 10 digits; the rest of the line after it.
std::optional<std::uint64_t> leading_number(std::string_view& line) {
  std::size_t i = 0;
  std::uint64_t value = 0;
  while (i < line.size() && i < 10 && line[i] >= '0' && line[i] <= '9') value = value * 10 + static_cast<std::uint64_t>(line[i++] - '0');
  if (i == 0) return std::nullopt;
  line.remove_prefix(i);
  return value;
}

bool has_subdirectory(const fs::path& dir, const char* name) {
  std::error_code ec;
  return fs::is_directory(fs::symlink_status(dir / name, ec));
}

std::int64_t mtime_of(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return 0;
  return static_cast<std::int64_t>(st.st_mtime);
}

Status scan_folder(MaildirFolder& folder, std::size_t& files, std::size_t max_files) {
  const auto keywords = parse_dovecot_keywords(read_small_file(folder.path / "dovecot-keywords"));
  const auto uids = parse_dovecot_uidlist(read_small_file(folder.path / "dovecot-uidlist"));
  struct Entry {
    std::uint64_t order;  // the UID, or past every UID when not in the uidlist
    MaildirFile file;
  };
  std::vector<Entry> entries;
  for (const char* sub : {"cur", "new"}) {
    const fs::path dir = folder.path / sub;
    if (!has_subdirectory(folder.path, sub)) continue;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      std::error_code sec;
      const auto status = it->symlink_status(sec);
      if (sec || !fs::is_regular_file(status)) continue;
      if (++files > max_files)
        return make_error(Errc::limit_exceeded,
                          "more than " + std::to_string(max_files) + " files in the Maildir tree");
      MaildirFile file;
      file.path = it->path();
      // RFC-less convention (cr.yp.to/proto/maildir.html): new/ has no info part.
      if (std::string_view(sub) == "cur") file.flags = maildir_flags(name, keywords);
      file.mtime = mtime_of(file.path);
      file.size = it->file_size(sec);
      auto uid = uids.find(std::string(maildir_base_name(name)));
      entries.push_back(Entry{uid == uids.end() ? (std::uint64_t{1} << 40) : uid->second, std::move(file)});
    }
    if (ec) return make_error(Errc::io, "cannot read " + dir.string() + ": " + ec.message());
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.order != b.order) return a.order < b.order;
    if (a.file.mtime != b.file.mtime) return a.file.mtime < b.file.mtime;
    return a.file.path.filename() < b.file.path.filename();
  });
  for (auto& e : entries) folder.files.push_back(std::move(e.file));
  return {};
}

}  // namespace

std::string_view maildir_base_name(std::string_view filename) {
  return filename.substr(0, filename.find(':'));
}

store::Flags maildir_flags(std::string_view filename, const std::vector<std::string>& keyword_names) {
  store::Flags flags;
  const auto info = filename.rfind(":2,");
  if (info == std::string_view::npos) return flags;
  for (char c : filename.substr(info + 3)) {
    switch (c) {
      case 'F': flags.system |= store::kFlagged; break;
      case 'R': flags.system |= store::kAnswered; break;
      case 'S': flags.system |= store::kSeen; break;
      case 'T': flags.system |= store::kDeleted; break;
      case 'D': flags.system |= store::kDraft; break;
      default:
        if (c >= 'a' && c <= 'z') {
          const auto index = static_cast<std::size_t>(c - 'a');
          if (index < keyword_names.size() && is_valid_keyword(keyword_names[index]))
            flags.keywords.push_back(keyword_names[index]);
        }
    }
  }
  std::sort(flags.keywords.begin(), flags.keywords.end());
  flags.keywords.erase(std::unique(flags.keywords.begin(), flags.keywords.end()), flags.keywords.end());
  return flags;
}

std::vector<std::string> parse_dovecot_keywords(std::string_view text) {
  std::vector<std::string> names;
  for_each_line(text, [&](std::string_view line) {
    auto index = leading_number(line);
    if (!index || *index >= 26 || line.empty() || line[0] != ' ') return;
    line.remove_prefix(1);
    if (names.size() <= *index) names.resize(*index + 1);
    names[*index] = std::string(line);
  });
  return names;
}

std::unordered_map<std::string, std::uint32_t> parse_dovecot_uidlist(std::string_view text) {
  std::unordered_map<std::string, std::uint32_t> uids;
  bool header = true;
  for_each_line(text, [&](std::string_view line) {
    if (header) {  // "3 V1234 N56 G..." or "1 1234 56"
      header = false;
      return;
    }
    auto uid = leading_number(line);
    if (!uid || *uid == 0 || *uid > 0xFFFFFFFFu || line.empty() || line[0] != ' ') return;
    std::string_view name;
    auto colon = line.find(" :");
    if (colon != std::string_view::npos) {
      name = line.substr(colon + 2);
    } else {
      auto space = line.find_last_of(' ');
      name = line.substr(space + 1);
    }
    name = maildir_base_name(name);
    if (!name.empty()) uids.emplace(std::string(name), static_cast<std::uint32_t>(*uid));
  });
  return uids;
}

Result<std::string> maildir_folder_name(std::string_view directory_name) {
  if (directory_name.size() < 2 || directory_name[0] != '.')
    return make_error(Errc::invalid_argument, "not a Maildir++ folder: " + std::string(directory_name));
  std::string out;
  std::size_t pos = 1;
  while (pos <= directory_name.size()) {
    std::size_t dot = directory_name.find('.', pos);
    if (dot == std::string_view::npos) dot = directory_name.size();
    std::string_view level = directory_name.substr(pos, dot - pos);
    if (level.empty())
      return make_error(Errc::invalid_argument, "empty level in Maildir++ folder " + std::string(directory_name));
    auto decoded = decode_mutf7(level);
    if (!decoded) return decoded.error();
    if (decoded->find('/') != std::string::npos)
      return make_error(Errc::invalid_argument, "'/' in Maildir++ folder " + std::string(directory_name));
    if (!out.empty()) out += '/';
    out += *decoded;
    pos = dot + 1;
  }
  return out;
}

Result<std::vector<MaildirFolder>> scan_maildir(const fs::path& root, std::vector<std::string>& skipped,
                                                std::size_t max_files) {
  std::error_code ec;
  const bool is_dir = fs::is_directory(root, ec);
  if (ec && ec != std::errc::no_such_file_or_directory)
    return make_error(Errc::io, "cannot read " + root.string() + ": " + ec.message());
  if (!is_dir) return make_error(Errc::not_found, "not a directory: " + root.string());
  std::vector<MaildirFolder> folders;
  if (has_subdirectory(root, "cur") || has_subdirectory(root, "new")) folders.push_back(MaildirFolder{"INBOX", root, {}});
  std::multimap<std::string, fs::path> named;  // two directories may decode to one name: both import
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string dir = it->path().filename().string();
    std::error_code sec;
    if (dir.size() < 2 || dir[0] != '.' || dir == ".." || !fs::is_directory(it->symlink_status(sec))) continue;
    if (!has_subdirectory(it->path(), "cur") && !has_subdirectory(it->path(), "new")) continue;
    auto name = maildir_folder_name(dir);
    if (!name) {
      skipped.push_back(it->path().string() + ": " + name.error().message);
      continue;
    }
    named.emplace(*name, it->path());
  }
  if (ec) return make_error(Errc::io, "cannot read " + root.string() + ": " + ec.message());
  for (auto& [name, path] : named) folders.push_back(MaildirFolder{name, path, {}});
  if (folders.empty())
    return make_error(Errc::not_found, "not a Maildir: " + root.string() + " has no cur/, new/ or .Folder/");
  std::size_t files = 0;
  for (auto& folder : folders) KURIR_TRY(scan_folder(folder, files, max_files));
  return folders;
}

}  // namespace kurir::transfer
