// The importer and exporter against a real SQLite store in a temp dir.
#include "transfer/importer.hpp"

#include <gtest/gtest.h>

#include "transfer/exporter.hpp"
#include "tree_fixture.hpp"

namespace kurir::transfer {
namespace {

class TransferTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::open_sqlite_store(tree_.path() / "kurir.db");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->add_domain("example.test").ok());
    alice_ = account("alice@example.test");
    bob_ = account("bob@example.test");
  }

  store::AccountId account(const std::string& address) {
    auto a = store_->add_account(address, "hash");
    EXPECT_TRUE(a.ok());
    return a.ok() ? a->id : 0;
  }

  std::vector<store::MessageMeta> messages(store::AccountId account, const std::string& mailbox) {
    auto box = store_->find_mailbox(account, mailbox);
    EXPECT_TRUE(box.ok()) << mailbox;
    if (!box) return {};
    return *store_->list_messages(box->id);
  }

  std::string content(const store::MessageMeta& meta) { return *store_->read_content(meta.content_id); }

  testing::TempTree tree_;
  std::unique_ptr<store::Store> store_;
  store::AccountId alice_ = 0, bob_ = 0;
  std::vector<std::string> problems_;
  ProblemSink sink_ = [this](const std::string& line) { problems_.push_back(line); };
};

constexpr std::string_view kMbox =
    "From a@x.test Wed Jan  3 12:34:56 2024\n"
    "From: a@x.test\nSubject: one\nStatus: RO\nX-Status: F\nX-Keywords: Junk\n\n"
    ">From the start\n\n"
    "From big@x.test Wed Jan  3 12:34:57 2024\n"
    "From: big@x.test\n\n"
    "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789\n"
    "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789\n\n"
    "From MAILER-DAEMON Wed Jan  3 12:34:58 2024\n"
    "Subject: three\n\nbody\n\n";

TEST_F(TransferTest, MboxFileSkipsOversizedAndKeepsFlagsAndDates) {
  tree_.file(tree_.path() / "in.mbox", kMbox);
  Importer importer(*store_, alice_, sink_, ImportLimits{200, 100});
  ASSERT_TRUE(importer.import_mbox_file(tree_.path() / "in.mbox", "Old/2024").ok());
  EXPECT_EQ(importer.report().messages, 2u);
  EXPECT_EQ(importer.report().skipped_messages, 1u);
  ASSERT_EQ(problems_.size(), 1u);
  EXPECT_NE(problems_[0].find("line 10"), std::string::npos) << problems_[0];
  auto stored = messages(alice_, "Old/2024");
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(content(stored[0]), "From: a@x.test\r\nSubject: one\r\n\r\nFrom the start\r\n");
  EXPECT_EQ(stored[0].flags, (store::Flags{store::kSeen | store::kFlagged, {"Junk"}}));
  EXPECT_EQ(stored[0].internal_date, 1704285296);
  EXPECT_EQ(content(stored[1]), "Subject: three\r\n\r\nbody\r\n");
  EXPECT_EQ(stored[1].internal_date, 1704285298);

  // Exported and read back: the input less the skipped message.
  auto report = export_mbox_tree(*store_, alice_, tree_.path() / "out", sink_);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->messages, 2u);
  EXPECT_EQ(report->mailboxes, 8u);  // the six of a new account, Old and Old/2024
  std::string expected(kMbox);
  expected.erase(expected.find("From big@"), expected.find("From MAILER") - expected.find("From big@"));
  EXPECT_EQ(testing::TempTree::read(tree_.path() / "out" / "Old" / "2024.mbox"), expected);
  EXPECT_EQ(testing::TempTree::read(tree_.path() / "out" / "INBOX.mbox"), "");
  // Never over an existing export.
  EXPECT_EQ(export_mbox_tree(*store_, alice_, tree_.path() / "out", sink_).error().code, Errc::already_exists);
}

TEST_F(TransferTest, NotAnMboxIsAnError) {
  tree_.file(tree_.path() / "plain.eml", "Subject: x\n\nbody\n");
  Importer importer(*store_, alice_, sink_);
  auto status = importer.import_mbox_file(tree_.path() / "plain.eml", "INBOX");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, Errc::invalid_argument);
  EXPECT_TRUE(importer.report().mailboxes.empty());
}

TEST_F(TransferTest, MaildirFoldersSpecialUseAndExportRoundTrip) {
  const auto root = tree_.path() / "Maildir";
  tree_.file(root / "cur" / "1.a:2,S", "Subject: a\n\nA\n", 1700000000);
  tree_.file(root / "new" / "2.b", "Subject: b\r\n\r\nB\r\n", 1700000100);
  tree_.file(root / ".Sent" / "cur" / "3.c:2,RSa", "Subject: c\nStatus: O\n\nC\n", 1700000200);
  tree_.file(root / ".Sent" / "dovecot-keywords", "0 $Forwarded\n");
  tree_.file(root / ".Entw&APw-rfe.Alt" / "cur" / "4.d:2,DT", "Subject: d\n\nD\n", 1700000300);
  ASSERT_TRUE(store_->rename_mailbox(store_->find_mailbox(alice_, "Sent")->id, "Gesendet").ok());
  Importer importer(*store_, alice_, sink_);
  ASSERT_TRUE(importer.import_maildir(root, "").ok());
  EXPECT_EQ(importer.report().messages, 4u);
  EXPECT_EQ(importer.report().mailboxes.size(), 3u);
  EXPECT_TRUE(problems_.empty());

  auto inbox = messages(alice_, "INBOX");
  ASSERT_EQ(inbox.size(), 2u);
  EXPECT_EQ(content(inbox[0]), "Subject: a\r\n\r\nA\r\n");
  EXPECT_EQ(inbox[0].flags.system, store::kSeen);
  EXPECT_EQ(inbox[0].internal_date, 1700000000);
  EXPECT_EQ(inbox[1].flags, store::Flags{});
  // .Sent went to the \Sent mailbox, whatever its name.
  auto sent = messages(alice_, "Gesendet");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(content(sent[0]), "Subject: c\r\n\r\nC\r\n");
  EXPECT_EQ(sent[0].flags, (store::Flags{store::kSeen | store::kAnswered, {"$Forwarded"}}));
  auto drafts = messages(alice_, "Entwürfe/Alt");
  ASSERT_EQ(drafts.size(), 1u);
  EXPECT_EQ(drafts[0].flags.system, store::kDraft | store::kDeleted);

  // Export, import the export into bob, export again: the same files.
  ASSERT_TRUE(export_mbox_tree(*store_, alice_, tree_.path() / "one", sink_).ok());
  Importer again(*store_, bob_, sink_);
  ASSERT_TRUE(store_->rename_mailbox(store_->find_mailbox(bob_, "Sent")->id, "Gesendet").ok());
  ASSERT_TRUE(again.import_mbox_tree(tree_.path() / "one", "").ok());
  EXPECT_EQ(again.report().messages, 4u);
  EXPECT_EQ(again.report().skipped_files, 0u);
  ASSERT_TRUE(export_mbox_tree(*store_, bob_, tree_.path() / "two", sink_).ok());
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(tree_.path() / "one")) {
    if (!entry.is_regular_file()) continue;
    ++files;
    const auto twin = tree_.path() / "two" / entry.path().lexically_relative(tree_.path() / "one");
    EXPECT_EQ(testing::TempTree::read(entry.path()), testing::TempTree::read(twin)) << twin;
  }
  EXPECT_EQ(files, 8u);  // INBOX Drafts Gesendet Trash Junk Archive Entwürfe Entwürfe/Alt
  EXPECT_EQ(messages(bob_, "Entwürfe/Alt")[0].internal_date, 1700000300);
}

TEST_F(TransferTest, TreeSkipsFilesThatAreNotMbox) {
  tree_.file(tree_.path() / "in" / "Lists" / "kurir.mbox", "From x Mon Jan  1 00:00:00 2024\n\nhi\n");
  tree_.file(tree_.path() / "in" / "notes.txt", "just text\n");
  tree_.file(tree_.path() / "in" / "Lists.msf", "index");
  tree_.file(tree_.path() / "in" / ".hidden" / "x.mbox", "From x Mon Jan  1 00:00:00 2024\n\nhi\n");
  Importer importer(*store_, alice_, sink_);
  ASSERT_TRUE(importer.import_mbox_tree(tree_.path() / "in", "Imported").ok());
  EXPECT_EQ(importer.report().messages, 1u);
  EXPECT_EQ(importer.report().skipped_files, 1u);
  EXPECT_EQ(messages(alice_, "Imported/Lists/kurir").size(), 1u);
  EXPECT_FALSE(store_->find_mailbox(alice_, "Imported/notes.txt").ok());
}

}  // namespace
}  // namespace kurir::transfer
