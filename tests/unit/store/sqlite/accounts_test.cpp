#include "store/sqlite/accounts.hpp"

#include <gtest/gtest.h>

#include "store_fixture.hpp"

namespace kurir::store::sqlite::testing {
namespace {

using AccountsTest = StoreTest;

TEST_F(AccountsTest, DomainsAreLowerCaseAndUnique) {
  auto d = store_->add_domain("Example.ORG.");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->name, "example.org");
  auto again = store_->add_domain("example.org");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, Errc::already_exists);
  EXPECT_EQ(store_->add_domain("bad domain").error().code, Errc::invalid_argument);
  EXPECT_EQ(store_->add_domain("-bad.org").error().code, Errc::invalid_argument);
  auto list = store_->list_domains();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_TRUE(*store_->is_local_domain("EXAMPLE.org"));
  EXPECT_FALSE(*store_->is_local_domain("example.net"));
}

TEST_F(AccountsTest, RemoveDomainRefusesWhileInUse) {
  make_account("a@example.org");
  auto st = store_->remove_domain("example.org");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, Errc::conflict);
  ASSERT_TRUE(store_->remove_account("a@example.org").ok());
  EXPECT_TRUE(store_->remove_domain("example.org").ok());
  auto missing = store_->remove_domain("example.org");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, Errc::not_found);
  EXPECT_EQ(missing.error().message, "no such domain: example.org");
}

TEST_F(AccountsTest, NewAccountGetsSpecialUseMailboxes) {
  Account a = make_account("Alice@Example.org");
  EXPECT_EQ(a.address, "alice@example.org");
  auto boxes = store_->list_mailboxes(a.id);
  ASSERT_TRUE(boxes.ok());
  ASSERT_EQ(boxes->size(), 6u);
  EXPECT_EQ((*boxes)[0].name, "INBOX");
  std::map<std::string, SpecialUse> uses;
  for (const Mailbox& m : *boxes) {
    uses[m.name] = m.special_use;
    EXPECT_TRUE(m.subscribed) << m.name;
    EXPECT_EQ(m.uidnext, 1u);
    EXPECT_NE(m.uidvalidity, 0u);
  }
  EXPECT_EQ(uses["Drafts"], SpecialUse::drafts);
  EXPECT_EQ(uses["Sent"], SpecialUse::sent);
  EXPECT_EQ(uses["Trash"], SpecialUse::trash);
  EXPECT_EQ(uses["Junk"], SpecialUse::junk);
  EXPECT_EQ(uses["Archive"], SpecialUse::archive);
  EXPECT_EQ(uses["INBOX"], SpecialUse::none);
}

TEST_F(AccountsTest, AddAccountFailures) {
  auto no_domain = store_->add_account("bob@nowhere.example", "h");
  ASSERT_FALSE(no_domain.ok());
  EXPECT_EQ(no_domain.error().code, Errc::not_found);
  EXPECT_EQ(no_domain.error().message, "no such domain: nowhere.example");
  make_account("bob@example.org");
  EXPECT_EQ(store_->add_account("BOB@example.org", "h").error().code, Errc::already_exists);
  EXPECT_EQ(store_->add_account("not-an-address", "h").error().code, Errc::invalid_argument);
  ASSERT_TRUE(store_->add_alias("info@example.org", "bob@example.org").ok());
  EXPECT_EQ(store_->add_account("info@example.org", "h").error().code, Errc::already_exists);
}

TEST_F(AccountsTest, FindUpdateAndList) {
  Account a = make_account("a@example.org");
  make_account("b@example.org");
  make_account("c@example.net");
  ASSERT_TRUE(store_->set_password("A@example.org", "new-hash").ok());
  ASSERT_TRUE(store_->set_access("a@example.org", false, std::nullopt).ok());
  ASSERT_TRUE(store_->set_quota("a@example.org", 1000).ok());
  auto found = store_->find_account("a@EXAMPLE.org");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, a.id);
  EXPECT_EQ(found->password_hash, "new-hash");
  EXPECT_FALSE(found->imap_enabled);
  EXPECT_TRUE(found->pop3_enabled);
  EXPECT_EQ(found->quota_bytes, 1000u);
  EXPECT_EQ(store_->get_account(a.id)->address, "a@example.org");
  EXPECT_EQ(store_->list_accounts()->size(), 3u);
  EXPECT_EQ(store_->list_accounts("example.org")->size(), 2u);
  EXPECT_EQ(store_->list_accounts("nowhere.example").error().code, Errc::not_found);
  auto missing = store_->set_password("zed@example.org", "x");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, Errc::not_found);
  EXPECT_EQ(missing.error().message, "no such account: zed@example.org");
}

TEST_F(AccountsTest, RemoveAccountTakesMailboxesAndAliasesAlong) {
  Account a = make_account("a@example.org");
  make_account("b@example.org");
  ASSERT_TRUE(store_->add_alias("x@example.org", "a@example.org").ok());
  ASSERT_TRUE(store_->add_alias("x@example.org", "b@example.org").ok());
  ASSERT_TRUE(store_->remove_account("a@example.org").ok());
  EXPECT_EQ(store_->find_account("a@example.org").error().code, Errc::not_found);
  EXPECT_EQ(store_->list_mailboxes(a.id).error().code, Errc::not_found);
  auto aliases = store_->list_aliases();
  ASSERT_TRUE(aliases.ok());
  ASSERT_EQ(aliases->size(), 1u);
  EXPECT_EQ((*aliases)[0].target, "b@example.org");
}

TEST_F(AccountsTest, Aliases) {
  make_account("a@example.org");
  ASSERT_TRUE(store_->add_domain("other.org").ok());
  EXPECT_EQ(store_->add_alias("a@example.org", "b@x.org").error().code, Errc::conflict);
  EXPECT_EQ(store_->add_alias("x@unknown.org", "a@example.org").error().code, Errc::not_found);
  ASSERT_TRUE(store_->add_alias("Sales@example.org", "a@example.org").ok());
  EXPECT_EQ(store_->add_alias("sales@example.org", "a@example.org").error().code, Errc::already_exists);
  ASSERT_TRUE(store_->add_alias("sales@example.org", "boss@external.net").ok());
  ASSERT_TRUE(store_->add_alias("@other.org", "a@example.org").ok());
  EXPECT_EQ(store_->list_aliases()->size(), 3u);
  EXPECT_EQ(store_->list_aliases("other.org")->size(), 1u);
  ASSERT_TRUE(store_->remove_alias("sales@example.org", "boss@external.net").ok());
  EXPECT_EQ(store_->list_aliases("example.org")->size(), 1u);
  ASSERT_TRUE(store_->remove_alias("sales@example.org").ok());
  EXPECT_EQ(store_->remove_alias("sales@example.org").error().code, Errc::not_found);
}

TEST_F(AccountsTest, ResolveRecipient) {
  make_account("alice@example.org");
  make_account("bob@example.org");
  ASSERT_TRUE(store_->add_alias("team@example.org", "alice@example.org").ok());
  ASSERT_TRUE(store_->add_alias("team@example.org", "carol@external.net").ok());
  using V = std::vector<std::string>;
  EXPECT_EQ(*store_->resolve_recipient("Alice@Example.ORG"), V{"alice@example.org"});
  EXPECT_EQ(*store_->resolve_recipient("team@example.org"), (V{"alice@example.org", "carol@external.net"}));
  EXPECT_EQ(*store_->resolve_recipient("alice+news@example.org"), V{"alice@example.org"});
  EXPECT_EQ(*store_->resolve_recipient("team+x@example.org"), (V{"alice@example.org", "carol@external.net"}));
  EXPECT_TRUE(store_->resolve_recipient("nobody@example.org")->empty());
  EXPECT_TRUE(store_->resolve_recipient("alice@elsewhere.net")->empty());
  EXPECT_TRUE(store_->resolve_recipient("garbage")->empty());
  // The catch-all comes last: exact names still win.
  ASSERT_TRUE(store_->add_alias("@example.org", "bob@example.org").ok());
  EXPECT_EQ(*store_->resolve_recipient("nobody@example.org"), V{"bob@example.org"});
  EXPECT_EQ(*store_->resolve_recipient("alice@example.org"), V{"alice@example.org"});
}

TEST_F(AccountsTest, ReopenKeepsData) {
  make_account("a@example.org");
  store_.reset();
  store_ = open();
  ASSERT_NE(store_, nullptr);
  EXPECT_TRUE(store_->find_account("a@example.org").ok());
}

}  // namespace
}  // namespace kurir::store::sqlite::testing
