// list_options.cpp: LIST (RFC 9051 6.3.9, RFC 5258 LIST-EXTENDED, RFC 6154
// SPECIAL-USE, RFC 5819 LIST-STATUS) and the STATUS items (RFC 9051 6.3.11,
// RFC 8438, RFC 7162, RFC 7889).
#include <string>
#include <vector>

#include "support.hpp"

namespace kurir::imap {
namespace {

using test::expect_prefixes_fail_cleanly;
using test::parse_bad;
using test::parse_ok;

TEST(ListOptions, SelectionOptions) {
  auto l = parse_ok<List>("t LIST (SUBSCRIBED REMOTE RECURSIVEMATCH SPECIAL-USE) \"\" *");
  EXPECT_TRUE(l.options.subscribed && l.options.remote && l.options.recursive_match && l.options.special_use);
  EXPECT_TRUE(l.options.extended);
  l = parse_ok<List>("t LIST (remote) \"\" *");
  EXPECT_TRUE(l.options.remote && l.options.extended);
  l = parse_ok<List>("t LIST () \"\" *");
  EXPECT_TRUE(l.options.extended);
  EXPECT_FALSE(l.options.subscribed);
  EXPECT_NE(parse_bad("t LIST (REMOTE RECURSIVEMATCH) \"\" *").text.find("RECURSIVEMATCH needs"),
            std::string::npos);
  EXPECT_NE(parse_bad("t LIST (SUBSCRIBED \"\" *").text.find("expected a LIST selection option"),
            std::string::npos);
}

TEST(ListOptions, ReturnOptions) {
  auto l = parse_ok<List>("t LIST \"\" % RETURN (SUBSCRIBED CHILDREN SPECIAL-USE)");
  EXPECT_TRUE(l.options.return_subscribed && l.options.return_children && l.options.return_special_use);
  EXPECT_TRUE(l.options.extended);
  EXPECT_FALSE(l.options.return_status);
  l = parse_ok<List>("t LIST \"\" % RETURN ()");
  EXPECT_TRUE(l.options.extended);
  l = parse_ok<List>(
      "t LIST \"\" % RETURN (STATUS (MESSAGES UIDNEXT UIDVALIDITY UNSEEN DELETED SIZE HIGHESTMODSEQ RECENT "
      "APPENDLIMIT))");
  ASSERT_TRUE(l.options.return_status);
  const auto& s = *l.options.return_status;
  EXPECT_TRUE(s.messages && s.uidnext && s.uidvalidity && s.unseen && s.deleted && s.size &&
              s.highestmodseq && s.recent && s.appendlimit);
  EXPECT_NE(parse_bad("t LIST \"\" % RETURN (STATUS ())").text.find("a STATUS item"), std::string::npos);
  EXPECT_NE(parse_bad("t LIST \"\" % RETURN").text.find("missing the LIST return options"),
            std::string::npos);
  EXPECT_NE(parse_bad("t LIST \"\" % RETURN (CHILDREN) x").text.find("the end of the command"),
            std::string::npos);
}

TEST(ListOptions, ReferenceAndPatterns) {
  auto l = parse_ok<List>("t LIST ~/Mail/ %");
  EXPECT_EQ(l.reference, "~/Mail/");
  EXPECT_EQ(l.patterns, std::vector<std::string>{"%"});
  l = parse_ok<List>("t LIST {0}\r\n {3}\r\na*b");
  EXPECT_EQ(l.reference, "");
  EXPECT_EQ(l.patterns, std::vector<std::string>{"a*b"});
  l = parse_ok<List>("t LIST \"\" (INBOX \"Sent*\" &ZeVnLIqe-/%)");
  EXPECT_EQ(l.patterns, (std::vector<std::string>{"INBOX", "Sent*", "日本語/%"}));
  EXPECT_TRUE(l.options.extended);
  EXPECT_NE(parse_bad("t LIST \"\" ()").text.find("mailbox pattern"), std::string::npos);
  EXPECT_NE(parse_bad("t LIST \"\"").text.find("missing the mailbox pattern"), std::string::npos);
  EXPECT_NE(parse_bad("t LSUB \"\" * RETURN ()").text.find("the end of the command"), std::string::npos);
}

TEST(ListOptions, Status) {
  const auto s = parse_ok<StatusRequest>("t STATUS \"Sent Items\" (messages uidnext)");
  EXPECT_EQ(s.mailbox, "Sent Items");
  EXPECT_TRUE(s.items.messages && s.items.uidnext);
  EXPECT_FALSE(s.items.unseen || s.items.size || s.items.recent);
  EXPECT_NE(parse_bad("t STATUS x MESSAGES").text.find("\"(\" starting the STATUS items"), std::string::npos);
  EXPECT_NE(parse_bad("t STATUS x (MESSAGES").text.find("\")\" closing the STATUS items"), std::string::npos);
}

TEST(ListOptions, PrefixesFailCleanly) {
  expect_prefixes_fail_cleanly(
      "t LIST (SUBSCRIBED RECURSIVEMATCH) {0}\r\n (\"Foo/*\" %) RETURN (CHILDREN STATUS (MESSAGES SIZE) "
      "SPECIAL-USE)");
  expect_prefixes_fail_cleanly("t STATUS {5+}\r\nINBOX (MESSAGES UNSEEN HIGHESTMODSEQ)");
}

}  // namespace
}  // namespace kurir::imap
