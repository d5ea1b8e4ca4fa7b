// Shared set-up for the SQLite store tests: each test gets a fresh temp dir
// with its own database, and helpers to build messages without the MIME parser.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <random>
#include <string>

#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace kurir::store::sqlite::testing {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() /
           ("kurir-store-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    store_ = open();
  }

  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::filesystem::path db_path() const { return dir_ / "kurir.db"; }

  std::unique_ptr<SqliteStore> open(OpenOptions options = {}) {
    auto store = SqliteStore::open(db_path(), options);
    EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
    return store.ok() ? std::move(*store) : nullptr;
  }

  // A domain and an account in it; returns the account.
  Account make_account(const std::string& address = "alice@example.org") {
    auto domain = address.substr(address.find('@') + 1);
    auto local = store_->is_local_domain(domain);
    if (local.ok() && !*local) {
      EXPECT_TRUE(store_->add_domain(domain).ok());
    }
    auto account = store_->add_account(address, "$argon2id$test");
    EXPECT_TRUE(account.ok()) << (account.ok() ? "" : account.error().message);
    return account.ok() ? *account : Account{};
  }

  MailboxId mailbox_id(AccountId account, const std::string& name = "INBOX") {
    auto m = store_->find_mailbox(account, name);
    EXPECT_TRUE(m.ok()) << name;
    return m.ok() ? m->id : 0;
  }

  // A message with a hand-made parse (subject, addresses, text, ids).
  static MessageInput message(const std::string& subject, const std::string& body = "hello",
                              const std::string& message_id = {}, const std::string& in_reply_to = {}) {
    MessageInput in;
    in.bytes = "From: Bob <bob@example.net>\r\nTo: alice@example.org\r\nSubject: " + subject +
               (message_id.empty() ? "" : "\r\nMessage-ID: <" + message_id + ">") + "\r\n\r\n" + body + "\r\n";
    in.parsed.subject = subject;
    in.parsed.from = "Bob <bob@example.net>";
    in.parsed.to = "alice@example.org";
    in.parsed.message_id = message_id;
    in.parsed.in_reply_to = in_reply_to;
    in.parsed.search_text = body;
    mime::Part root;
    root.body_end = in.bytes.size();
    in.parsed.parts.push_back(root);
    return in;
  }

  std::filesystem::path dir_;
  std::unique_ptr<SqliteStore> store_;
};

// Waits (with a generous timeout) until pred holds; pred is checked under the lock.
class Waiter {
 public:
  template <class Pred>
  bool wait(Pred pred, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex);
    return cv.wait_for(lock, timeout, pred);
  }
  std::mutex mutex;
  std::condition_variable cv;
};

}  // namespace kurir::store::sqlite::testing
