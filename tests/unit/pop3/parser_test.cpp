#include "pop3/parser.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/limits.hpp"

namespace kurir::pop3 {
namespace {

struct Good {
  std::string line;
  Command expected;
};

Command make(Verb verb, std::string text = {}, std::optional<std::uint32_t> message = std::nullopt,
             std::uint32_t lines = 0, std::optional<std::string> initial = std::nullopt) {
  Command c;
  c.verb = verb;
  c.text = std::move(text);
  c.message = message;
  c.lines = lines;
  c.initial_response = std::move(initial);
  return c;
}

// RFC 1939 3 and 5-7, RFC 2449 5, RFC 5034 4, RFC 2595 4, RFC 6856 2.
TEST(Pop3Parser, ParsesEveryCommand) {
  const std::vector<Good> cases = {
      {"USER alice@example.test", make(Verb::user, "alice@example.test")},
      {"user alice", make(Verb::user, "alice")},
      {"PASS correct horse battery", make(Verb::pass, "correct horse battery")},  // RFC 1939 7: spaces kept
      {"PASS  leading space", make(Verb::pass, " leading space")},
      {"APOP mrose c4c9334bac560ecc979e58001b3e22fb", make(Verb::apop)},
      {"AUTH", make(Verb::auth)},
      {"AUTH plain", make(Verb::auth, "PLAIN")},
      {"AUTH PLAIN AGFsaWNlAHNlY3JldA==", make(Verb::auth, "PLAIN", {}, 0, "AGFsaWNlAHNlY3JldA==")},
      {"AUTH PLAIN =", make(Verb::auth, "PLAIN", {}, 0, "=")},
      {"AUTH LOGIN", make(Verb::auth, "LOGIN")},
      {"STLS", make(Verb::stls)},
      {"CAPA", make(Verb::capa)},
      {"capa", make(Verb::capa)},
      {"UTF8", make(Verb::utf8)},
      {"STAT", make(Verb::stat)},
      {"STAT ", make(Verb::stat)},
      {"LIST", make(Verb::list)},
      {"LIST 2", make(Verb::list, {}, 2)},
      {"LIST 4294967295", make(Verb::list, {}, 4294967295u)},
      {"RETR 1", make(Verb::retr, {}, 1)},
      {"RETR  007", make(Verb::retr, {}, 7)},
      {"DELE 3", make(Verb::dele, {}, 3)},
      {"NOOP", make(Verb::noop)},
      {"RSET", make(Verb::rset)},
      {"TOP 1 0", make(Verb::top, {}, 1, 0)},
      {"top 12 10", make(Verb::top, {}, 12, 10)},
      {"UIDL", make(Verb::uidl)},
      {"UIDL 9", make(Verb::uidl, {}, 9)},
      {"QUIT", make(Verb::quit)},
  };
  for (const auto& c : cases) {
    auto parsed = parse_command(c.line);
    ASSERT_TRUE(parsed.ok()) << c.line << ": " << parsed.error().message;
    EXPECT_EQ(*parsed, c.expected) << c.line;
  }
}

struct Bad {
  std::string line;
  Errc code;
  std::string message;
};

TEST(Pop3Parser, RefusesPreciselyWhatIsMalformed) {
  const std::vector<Bad> cases = {
      {"", Errc::invalid_argument, "empty command"},
      {" STAT", Errc::invalid_argument, "empty command"},
      {"HELO", Errc::invalid_argument, "unknown command"},
      {"ST", Errc::invalid_argument, "unknown command"},
      {"STATS", Errc::invalid_argument, "unknown command"},
      {"STAT\t", Errc::invalid_argument, "unknown command"},
      {"USER", Errc::invalid_argument, "USER needs an argument"},
      {"USER ", Errc::invalid_argument, "USER needs an argument"},
      {"PASS", Errc::invalid_argument, "PASS needs an argument"},
      {"STAT 1", Errc::invalid_argument, "too many arguments to STAT"},
      {"QUIT now", Errc::invalid_argument, "too many arguments to QUIT"},
      {"LIST 1 2", Errc::invalid_argument, "too many arguments to LIST"},
      {"LIST 0", Errc::invalid_argument, "message numbers start at 1"},
      {"LIST -1", Errc::invalid_argument, "the message number must be a number"},
      {"LIST +1", Errc::invalid_argument, "the message number must be a number"},
      {"LIST 1x", Errc::invalid_argument, "the message number must be a number"},
      {"LIST 4294967296", Errc::invalid_argument, "the message number must be a number"},
      {"LIST 99999999999", Errc::invalid_argument, "the message number must be a number"},
      {"RETR", Errc::invalid_argument, "RETR needs an argument"},
      {"DELE", Errc::invalid_argument, "DELE needs an argument"},
      {"TOP 1", Errc::invalid_argument, "TOP needs an argument"},
      {"TOP 1 x", Errc::invalid_argument, "the line count must be a number"},
      {"TOP 1 2 3", Errc::invalid_argument, "too many arguments to TOP"},
      {"AUTH PL@IN", Errc::invalid_argument, "malformed SASL mechanism name"},
      {"AUTH PLAIN a b", Errc::invalid_argument, "too many arguments to AUTH"},
      {"AUTH ABCDEFGHIJKLMNOPQRSTU", Errc::invalid_argument, "malformed SASL mechanism name"},
  };
  for (const auto& c : cases) {
    auto parsed = parse_command(c.line);
    ASSERT_FALSE(parsed.ok()) << c.line;
    EXPECT_EQ(parsed.error().code, c.code) << c.line;
    EXPECT_EQ(parsed.error().message, c.message) << c.line;
  }
}

// RFC 2449 4: 255 octets per command with CRLF; PASS and AUTH get more room.
TEST(Pop3Parser, BoundsLineLengthPerCommand) {
  const std::string name(limits::kMaxPop3CommandBytes - 5, 'a');
  EXPECT_TRUE(parse_command("USER " + name).ok());
  auto long_user = parse_command("USER " + name + "a");
  ASSERT_FALSE(long_user.ok());
  EXPECT_EQ(long_user.error().code, Errc::limit_exceeded);

  const std::string password(1000, 'p');
  auto pass = parse_command("PASS " + password);
  ASSERT_TRUE(pass.ok());
  EXPECT_EQ(pass->text, password);
  EXPECT_TRUE(parse_command("AUTH PLAIN " + std::string(limits::kMaxSaslResponseBytes, 'A')).ok());
  auto huge = parse_command("PASS " + std::string(limits::kMaxPop3CredentialLineBytes, 'p'));
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().code, Errc::limit_exceeded);
}

// STYLE.md habit 3, for a line parser: every prefix of every command (what a
// byte-at-a-time client has sent so far) parses or fails cleanly, and only the
// whole line gives the whole command.
TEST(Pop3Parser, EveryPrefixParsesOrFailsCleanly) {
  for (const std::string line : {"USER alice@example.test", "PASS a b c", "TOP 12 10", "AUTH PLAIN AGEAYg==",
                                 "UIDL 4294967295", "RETR 1"}) {
    const auto whole = parse_command(line);
    ASSERT_TRUE(whole.ok()) << line;
    for (std::size_t n = 0; n < line.size(); ++n) {
      auto prefix = parse_command(std::string_view(line).substr(0, n));
      if (prefix.ok()) EXPECT_NE(*prefix, *whole) << line << " cut at " << n;
      else EXPECT_FALSE(prefix.error().message.empty());
    }
  }
}

TEST(Pop3Parser, VerbNames) {
  EXPECT_STREQ(verb_name(Verb::user), "USER");
  EXPECT_STREQ(verb_name(Verb::top), "TOP");
  EXPECT_STREQ(verb_name(Verb::quit), "QUIT");
}

}  // namespace
}  // namespace kurir::pop3
