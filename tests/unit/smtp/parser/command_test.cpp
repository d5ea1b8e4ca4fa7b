// Table-driven tests of the SMTP command parser (RFC 5321 4.1, with the
// ESMTP parameters of RFC 1870, 3030, 3461, 4954, 6152, 6531).
#include "smtp/parser/command.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kurir::smtp {
namespace {

// "ok" or "<code> <enhanced>" for a line.
std::string outcome(std::string_view line) {
  auto parsed = parse_command(line);
  if (auto* e = std::get_if<ParseError>(&parsed)) return std::to_string(e->reply.code) + " " + std::string(e->reply.enhanced);
  return "ok";
}

Command ok(std::string_view line) {
  auto parsed = parse_command(line);
  EXPECT_TRUE(std::holds_alternative<Command>(parsed)) << line;
  return std::holds_alternative<Command>(parsed) ? std::get<Command>(parsed) : Command{};
}

struct Case {
  std::string line;
  std::string expected;
};

TEST(SmtpCommand, OutcomesTable) {
  const Case cases[] = {
      {"EHLO mail.example.test", "ok"},
      {"ehlo [127.0.0.1]", "ok"},
      {"EHLO [IPv6:::1]", "ok"},
      {"EHLO my_host.lan", "ok"},  // XXX-tolerated underscore
      {"EHLO", "501 5.5.4"},
      {"EHLO bad..name", "501 5.5.4"},
      {"EHLO -bad.example", "501 5.5.4"},
      {"EHLO a b", "501 5.5.4"},
      {"HELO [127.0.0.1]", "501 5.5.4"},  // RFC 5321 4.1.1.1: HELO takes a Domain only
      {"HELO example.test", "ok"},
      {"MAIL FROM:<a@b.example>", "ok"},
      {"mail from:<a@b.example>", "ok"},
      {"MAIL FROM: <a@b.example>", "ok"},
      {"MAIL FROM:<>", "ok"},
      {"MAIL FROM:a@b.example", "501 5.5.4"},
      {"MAIL FROM:<a@b.example", "501 5.5.4"},
      {"MAIL TO:<a@b.example>", "501 5.5.4"},
      {"MAIL FROM:<a@>", "501 5.1.7"},
      {"MAIL FROM:<@b.example>", "501 5.1.7"},
      {"MAIL FROM:<a..b@b.example>", "501 5.1.7"},
      {"MAIL FROM:<.a@b.example>", "501 5.1.7"},
      {"MAIL FROM:<a b@b.example>", "501 5.1.7"},
      {"MAIL FROM:<\"a b\"@b.example>", "ok"},
      {"MAIL FROM:<\"a>b\"@b.example>", "ok"},
      {"MAIL FROM:<\"a\\\"b\"@b.example>", "ok"},
      {"MAIL FROM:<a@[192.0.2.1]>", "ok"},
      {"MAIL FROM:<@relay.example,@r2.example:a@b.example>", "ok"},
      {"MAIL FROM:<a@b.example> SIZE=1000", "ok"},
      {"MAIL FROM:<a@b.example> SIZE=", "501 5.5.4"},
      {"MAIL FROM:<a@b.example> SIZE=12x", "501 5.5.4"},
      {"MAIL FROM:<a@b.example> SIZE=1 SIZE=2", "501 5.5.4"},
      {"MAIL FROM:<a@b.example> BODY=8BITMIME", "ok"},
      {"MAIL FROM:<a@b.example> BODY=BINARYMIME", "ok"},
      {"MAIL FROM:<a@b.example> BODY=9BIT", "501 5.5.4"},
      {"MAIL FROM:<a@b.example> SMTPUTF8", "ok"},
      {"MAIL FROM:<a@b.example> SMTPUTF8=yes", "501 5.5.4"},
      {"MAIL FROM:<a@b.example> RET=HDRS ENVID=QQ314159", "ok"},
      {"MAIL FROM:<a@b.example> RET=ALL", "501 5.5.4"},
      {"MAIL FROM:<a@b.example> ENVID=a+2", "501 5.5.4"},
      {"MAIL FROM:<a@b.example> AUTH=<>", "ok"},
      {"MAIL FROM:<a@b.example> AUTH=e+3Dmc2@example.com", "ok"},
      {"MAIL FROM:<a@b.example> XFOO=1", "555 5.5.4"},
      {"MAIL FROM:<a@b.example> =1", "501 5.5.4"},
      {"MAIL FROM:<j\xc3\xb6rg@b.example> SMTPUTF8", "ok"},
      {"MAIL FROM:<j\xc3\xb6rg@b.example>", "553 5.6.7"},
      {"MAIL FROM:<a@b\xc3\xa9.example> SMTPUTF8", "ok"},
      {"RCPT TO:<a@b.example>", "ok"},
      {"RCPT TO:<Postmaster>", "ok"},
      {"RCPT TO:<>", "501 5.1.3"},
      {"RCPT TO:<a@b.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;a@b.example", "ok"},
      {"RCPT TO:<a@b.example> NOTIFY=NEVER", "ok"},
      {"RCPT TO:<a@b.example> NOTIFY=NEVER,DELAY", "501 5.5.4"},
      {"RCPT TO:<a@b.example> NOTIFY=SOMETIMES", "501 5.5.4"},
      {"RCPT TO:<a@b.example> ORCPT=a@b.example", "501 5.5.4"},
      {"RCPT TO:<a@b.example> SIZE=1", "555 5.5.4"},
      {"DATA", "ok"},
      {"DATA now", "501 5.5.4"},
      {"BDAT 100", "ok"},
      {"BDAT 0 LAST", "ok"},
      {"BDAT", "501 5.5.4"},
      {"BDAT x", "501 5.5.4"},
      {"BDAT 10 FIRST", "501 5.5.4"},
      {"BDAT 99999999999999999999", "501 5.5.4"},
      {"RSET", "ok"},
      {"RSET x", "501 5.5.4"},
      {"NOOP", "ok"},
      {"NOOP anything at all", "ok"},
      {"QUIT", "ok"},
      {"VRFY alice", "ok"},
      {"VRFY", "501 5.5.4"},
      {"HELP", "ok"},
      {"STARTTLS", "ok"},
      {"STARTTLS now", "501 5.5.4"},
      {"AUTH PLAIN", "ok"},
      {"AUTH PLAIN AGFsaWNlAHNlY3JldA==", "ok"},
      {"AUTH LOGIN =", "ok"},
      {"AUTH", "501 5.5.4"},
      {"AUTH PL@IN", "501 5.5.4"},
      {"", "500 5.5.2"},
      {"FOO", "500 5.5.2"},
      {"EHLOx example", "500 5.5.2"},
      {std::string("EHLO ") + std::string(600, 'a'), "500 5.5.2"},
      {std::string("MAIL FROM:<a@b.example> ENVID=") + std::string(100, 'x'), "ok"},
      {std::string("MAIL FROM:<") + std::string(65, 'a') + "@b.example>", "501 5.1.7"},
      {std::string("NOOP ") + std::string(505, 'a'), "ok"},
      {std::string("NOOP ") + std::string(506, 'a'), "500 5.5.2"},
  };
  for (const auto& c : cases) EXPECT_EQ(outcome(c.line), c.expected) << c.line;
}

TEST(SmtpCommand, MailParametersAreKept) {
  auto cmd = ok("MAIL FROM:<a@b.example> SIZE=12345 BODY=8BITMIME SMTPUTF8 RET=FULL ENVID=x+2By AUTH=<>");
  EXPECT_EQ(cmd.verb, Verb::mail);
  EXPECT_EQ(cmd.path.address(), "a@b.example");
  EXPECT_EQ(cmd.mail.size, 12345u);
  EXPECT_EQ(cmd.mail.body, Body::eight_bit_mime);
  EXPECT_TRUE(cmd.mail.smtputf8);
  EXPECT_EQ(cmd.mail.ret, Ret::full);
  EXPECT_EQ(cmd.mail.envid, "x+2By");
  EXPECT_EQ(cmd.mail.auth, "<>");
  EXPECT_EQ(ok("MAIL FROM:<a@b.example> SIZE=99999999999999999999").mail.size, UINT64_MAX);
}

TEST(SmtpCommand, PathsAndNull) {
  EXPECT_TRUE(ok("MAIL FROM:<>").path.null);
  auto quoted = ok("RCPT TO:<\"john doe\"@Example.TEST>");
  EXPECT_EQ(quoted.path.local, "\"john doe\"");
  EXPECT_EQ(quoted.path.domain, "Example.TEST");
  auto routed = ok("RCPT TO:<@a.example:b@c.example>");
  EXPECT_EQ(routed.path.address(), "b@c.example");
  EXPECT_TRUE(ok("RCPT TO:<\xe7\x94\xa8\xe6\x88\xb7@example.test>").path.non_ascii);
  EXPECT_FALSE(parse_path("<a@b>", true)->non_ascii);
  EXPECT_FALSE(parse_path("<a@b", true));
  EXPECT_FALSE(parse_path("<>", false));
  EXPECT_FALSE(parse_path("<\"unterminated@b>", false));
}

TEST(SmtpCommand, RcptParameters) {
  auto cmd = ok("RCPT TO:<a@b.example> NOTIFY=FAILURE,DELAY ORCPT=rfc822;a+2Bx@b.example");
  EXPECT_EQ(cmd.rcpt.notify, kNotifyFailure | kNotifyDelay);
  EXPECT_EQ(cmd.rcpt.orcpt, "rfc822;a+2Bx@b.example");
}

TEST(SmtpCommand, BdatAndAuth) {
  auto bdat = ok("bdat 4096 last");
  EXPECT_EQ(bdat.chunk_size, 4096u);
  EXPECT_TRUE(bdat.last);
  auto auth = ok("auth plain dGVzdA==");
  EXPECT_EQ(auth.argument, "PLAIN");
  EXPECT_EQ(auth.initial_response, "dGVzdA==");
}

TEST(SmtpCommand, Xtext) {
  EXPECT_EQ(decode_xtext("a+2Bb"), "a+b");
  EXPECT_FALSE(decode_xtext("a+2"));
  EXPECT_FALSE(decode_xtext("a+zz"));
  EXPECT_FALSE(decode_xtext("a=b"));
  EXPECT_FALSE(decode_xtext("a b"));
}

// Every prefix of every valid command parses to something, never crashes
// (the parser sees whole lines, so "fed byte by byte" means every cut of one).
TEST(SmtpCommand, EveryPrefixIsHandled) {
  const std::string lines[] = {"MAIL FROM:<\"a b\"@[IPv6:::1]> SIZE=1 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=a+2B",
                               "RCPT TO:<@a.b:c@d.e> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;c@d.e", "AUTH PLAIN AA==",
                               "BDAT 12 LAST", "EHLO [IPv6:::1]"};
  for (const auto& line : lines)
    for (std::size_t n = 0; n <= line.size(); ++n) (void)parse_command(std::string_view(line).substr(0, n));
}

}  // namespace
}  // namespace kurir::smtp
