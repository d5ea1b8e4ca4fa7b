// Test helpers: a temporary directory tree with files of given content and mtime.
#pragma once

#include <sys/stat.h>
#include <utime.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace kurir::transfer::testing {

class TempTree {
 public:
  TempTree() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kurir-transfer-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempTree() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes a file (making its directories); mtime in seconds when non-zero.
  void file(const std::filesystem::path& at, std::string_view content, long mtime = 0) const {
    std::filesystem::create_directories(at.parent_path());
    std::ofstream(at, std::ios::binary) << content;
    if (mtime) {
      struct utimbuf times {mtime, mtime};
      ::utime(at.c_str(), &times);
    }
  }

  static std::string read(const std::filesystem::path& at) {
    std::ifstream in(at, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  std::filesystem::path path_;
};

}  // namespace kurir::transfer::testing
