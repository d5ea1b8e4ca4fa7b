#include "transfer/maildir.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <utime.h>

#include <fstream>

#include "tree_fixture.hpp"

namespace kurir::transfer {
namespace {

TEST(MaildirNames, FilenameFlags) {
  const std::vector<std::string> keywords = {"$Label1", "Junk", "", "bad keyword"};
  EXPECT_EQ(maildir_flags("1700000000.M1P2.host,S=123,W=130:2,FRS", keywords).system,
            store::kFlagged | store::kAnswered | store::kSeen);
  EXPECT_EQ(maildir_flags("x:2,DT", keywords).system, store::kDraft | store::kDeleted);
  EXPECT_EQ(maildir_flags("x:2,P", keywords), store::Flags{});
  EXPECT_EQ(maildir_flags("x", keywords), store::Flags{});
  // Keyword letters index dovecot-keywords; unknown or invalid ones are left out.
  auto flags = maildir_flags("x:2,Sbaacdz", keywords);
  EXPECT_EQ(flags.system, store::kSeen);
  EXPECT_EQ(flags.keywords, (std::vector<std::string>{"$Label1", "Junk"}));
  EXPECT_EQ(maildir_base_name("123.M4.host,S=5:2,S"), "123.M4.host,S=5");
  EXPECT_EQ(maildir_base_name("123.M4.host"), "123.M4.host");
}

TEST(MaildirNames, DovecotKeywordsAndUidlist) {
  auto keywords = parse_dovecot_keywords("0 $Label1\n2 NonJunk\r\n26 TooFar\nnonsense\n1 Junk");
  ASSERT_EQ(keywords.size(), 3u);
  EXPECT_EQ(keywords[0], "$Label1");
  EXPECT_EQ(keywords[1], "Junk");
  EXPECT_EQ(keywords[2], "NonJunk");
  auto uids = parse_dovecot_uidlist("3 V1700000000 N4 G3a7b\n1 :a.host\n2 G3a7b W1234 :b.host,S=5:2,S\n3 c.host\nx y\n");
  EXPECT_EQ(uids.size(), 3u);
  EXPECT_EQ(uids["a.host"], 1u);
  EXPECT_EQ(uids["b.host,S=5"], 2u);
  EXPECT_EQ(uids["c.host"], 3u);
}

TEST(MaildirNames, FolderNames) {
  EXPECT_EQ(*maildir_folder_name(".Sent"), "Sent");
  EXPECT_EQ(*maildir_folder_name(".Work.2024.Q1"), "Work/2024/Q1");
  EXPECT_EQ(*maildir_folder_name(".Entw&APw-rfe.&U,BTFw-"), "Entwürfe/台北");
  for (std::string_view bad : {"Sent", ".", ".a..b", ".a.", ".&AOQ"}) EXPECT_FALSE(maildir_folder_name(bad).ok()) << bad;
}

TEST(MaildirScan, ReadsFoldersInUidOrder) {
  testing::TempTree tree;
  const auto root = tree.path() / "Maildir";
  tree.file(root / "cur" / "200.b.host:2,S", "b", 200);
  tree.file(root / "cur" / "100.a.host:2,FRa", "a", 300);
  tree.file(root / "new" / "300.c.host", "c", 100);
  tree.file(root / "tmp" / "400.d.host", "d", 100);
  tree.file(root / "dovecot-keywords", "0 Junk\n");
  tree.file(root / "dovecot-uidlist", "3 V1 N3\n1 :200.b.host\n2 :100.a.host\n");
  tree.file(root / ".Work.2024" / "cur" / "1.x:2,", "x", 100);
  tree.file(root / ".bad&" / "cur" / "1.y:2,", "y", 100);
  tree.file(root / ".notafolder", "file");
  std::vector<std::string> skipped;
  auto folders = scan_maildir(root, skipped);
  ASSERT_TRUE(folders.ok()) << folders.error().message;
  ASSERT_EQ(folders->size(), 2u);
  EXPECT_EQ(skipped.size(), 1u);
  const auto& inbox = (*folders)[0];
  EXPECT_EQ(inbox.name, "INBOX");
  ASSERT_EQ(inbox.files.size(), 3u);
  EXPECT_EQ(inbox.files[0].path.filename(), "200.b.host:2,S");  // UID 1
  EXPECT_EQ(inbox.files[0].flags.system, store::kSeen);
  EXPECT_EQ(inbox.files[0].mtime, 200);
  EXPECT_EQ(inbox.files[1].path.filename(), "100.a.host:2,FRa");  // UID 2
  EXPECT_EQ(inbox.files[1].flags, (store::Flags{store::kFlagged | store::kAnswered, {"Junk"}}));
  EXPECT_EQ(inbox.files[2].path.filename(), "300.c.host");  // not in the uidlist: after
  EXPECT_EQ(inbox.files[2].size, 1u);
  EXPECT_EQ((*folders)[1].name, "Work/2024");
  EXPECT_EQ((*folders)[1].files.size(), 1u);

  EXPECT_EQ(scan_maildir(root, skipped, 3).error().code, Errc::limit_exceeded);
  EXPECT_EQ(scan_maildir(tree.path() / "none", skipped).error().code, Errc::not_found);
  EXPECT_EQ(scan_maildir(root / "cur", skipped).error().code, Errc::not_found);
}

}  // namespace
}  // namespace kurir::transfer
