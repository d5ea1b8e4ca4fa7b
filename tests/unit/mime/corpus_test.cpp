// Every message of the shared MIME corpus (../shared/corpus/mime, see its
// README) and of the project's own tests/data/mime parses without crashing,
// keeps every invariant, and yields a valid BODYSTRUCTURE.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "mime/message.hpp"
#include "support.hpp"

namespace kurir::mime {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> messages_under(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".eml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

void check_all(const fs::path& root) {
  std::vector<fs::path> files = messages_under(root);
  ASSERT_FALSE(files.empty()) << "no .eml files under " << root;
  for (const fs::path& p : files) {
    SCOPED_TRACE(p.string());
    const std::string bytes = test::read_file(p);
    ParsedMessage m = test::parse_checked(bytes);
    EXPECT_FALSE(m.bodystructure.empty());
  }
}

TEST(SharedCorpus, EveryMessageParses) {
  const fs::path root = KURIR_SHARED_MIME_CORPUS;
  if (!fs::is_directory(root))
    GTEST_SKIP() << "shared MIME corpus not found at " << root << " (it lives beside the project, not in it)";
  check_all(root);
}

TEST(ProjectCorpus, EveryMessageParses) { check_all(fs::path(KURIR_TEST_DATA) / "mime"); }

// The shared corpus's nesting bombs and broken parts, one prefix at a time
// for the smaller ones (STYLE habit 3).
TEST(SharedCorpus, PrefixesOfSmallMessagesKeepInvariants) {
  const fs::path root = KURIR_SHARED_MIME_CORPUS;
  if (!fs::is_directory(root)) GTEST_SKIP() << "shared MIME corpus not found at " << root;
  for (const fs::path& p : messages_under(root / "malformed")) {
    const std::string bytes = test::read_file(p);
    if (bytes.size() > 4096) continue;
    for (std::size_t n = 0; n <= bytes.size(); n += 7) {
      ParsedMessage m = parse_message(std::string_view(bytes).substr(0, n));
      ASSERT_EQ(find_violation(m, n), "") << p << " prefix " << n;
    }
  }
}

}  // namespace
}  // namespace kurir::mime
