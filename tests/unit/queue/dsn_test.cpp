// Delivery status notifications (src/queue/dsn.hpp, RFC 3461 and 3464).
#include "queue/dsn.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kurir::queue {
namespace {

DsnInput failed_notice() {
  DsnInput in;
  in.reporting_mta = "mail.example.test";
  in.sender = "alice@example.test";
  in.envid = "id+2B1";
  in.original = "Subject: hello\r\nFrom: alice@example.test\r\n\r\nthe body\r\n";
  in.arrival = 0;
  in.now = 60;
  in.boundary = "b0undary";
  in.recipients.push_back(DsnRecipient{"bob@remote.example", "rfc822;bob@remote.example", DsnAction::failed, "5.1.1",
                                       "mx.remote.example", "550 5.1.1 no such\r\nuser\x01", true, 60});
  return in;
}

TEST(Dsn, IsAMultipartReportWithPerRecipientFields) {
  const std::string dsn = render_dsn(failed_notice());
  EXPECT_NE(dsn.find("Content-Type: multipart/report; report-type=delivery-status;"), std::string::npos);
  EXPECT_NE(dsn.find("To: <alice@example.test>"), std::string::npos) << dsn;
  EXPECT_NE(dsn.find("Reporting-MTA: dns; mail.example.test"), std::string::npos);
  EXPECT_NE(dsn.find("Original-Envelope-Id: id+1"), std::string::npos);  // xtext decoded
  EXPECT_NE(dsn.find("Final-Recipient: rfc822; bob@remote.example"), std::string::npos);
  EXPECT_NE(dsn.find("Original-Recipient: rfc822;bob@remote.example"), std::string::npos);
  EXPECT_NE(dsn.find("Action: failed"), std::string::npos);
  EXPECT_NE(dsn.find("Status: 5.1.1"), std::string::npos);
  EXPECT_NE(dsn.find("Remote-MTA: dns; mx.remote.example"), std::string::npos);
  EXPECT_NE(dsn.find("--b0undary--"), std::string::npos);
  // RET unset: the whole original comes back (RFC 3461 4.3 leaves it to us).
  EXPECT_NE(dsn.find("the body"), std::string::npos);
}

TEST(Dsn, TheRemotesReplyCannotBreakTheHeaderField) {
  const std::string dsn = render_dsn(failed_notice());
  const auto at = dsn.find("Diagnostic-Code: smtp; ");
  ASSERT_NE(at, std::string::npos);
  const std::string line = dsn.substr(at, dsn.find("\r\n", at) - at);
  EXPECT_EQ(line.find('\x01'), std::string::npos);
  EXPECT_NE(line.find("no such"), std::string::npos);
  EXPECT_NE(line.find("user"), std::string::npos) << line;  // the CRLF became a space, not a new field
}

TEST(Dsn, OurOwnRefusalIsNotQuotedAsTheRemotesReply) {
  // RFC 3464 2.3.6: "smtp" names a reply the remote sent; a refusal of ours
  // (TLS required, none offered) is told as our own words.
  DsnInput in = failed_notice();
  in.recipients.front().status = "4.4.7";
  in.recipients.front().diagnostic = "4.4.7 gave up; last error: 4.7.10 TLS is required";
  in.recipients.front().diagnostic_is_reply = false;
  const std::string dsn = render_dsn(in);
  EXPECT_EQ(dsn.find("Diagnostic-Code: smtp;"), std::string::npos) << dsn;
  EXPECT_NE(dsn.find("Diagnostic-Code: x-local; 4.4.7 gave up; last error: 4.7.10 TLS is required\r\n"),
            std::string::npos) << dsn;
  EXPECT_NE(dsn.find("Status: 4.4.7\r\n"), std::string::npos);
}

TEST(Dsn, RetHdrsReturnsTheHeaderOnly) {
  DsnInput in = failed_notice();
  in.ret = "HDRS";
  const std::string dsn = render_dsn(in);
  EXPECT_NE(dsn.find("Subject: hello"), std::string::npos);
  EXPECT_EQ(dsn.find("the body"), std::string::npos);
}

TEST(Dsn, NotifyDecidesWhoHearsOfWhat) {
  EXPECT_TRUE(wants_notice(0, DsnAction::failed));  // no NOTIFY: failures are reported
  EXPECT_FALSE(wants_notice(0, DsnAction::delivered));
  EXPECT_FALSE(wants_notice(kNotifyNever, DsnAction::failed));
  EXPECT_TRUE(wants_notice(kNotifySuccess, DsnAction::delivered));
  EXPECT_FALSE(wants_notice(kNotifySuccess, DsnAction::failed));
  EXPECT_TRUE(wants_notice(kNotifySuccess | kNotifyFailure, DsnAction::failed));
  EXPECT_TRUE(wants_notice(0, DsnAction::delayed));  // no NOTIFY: delays too (RFC 3461 4.1)
  EXPECT_FALSE(wants_notice(kNotifyFailure, DsnAction::delayed));
  EXPECT_FALSE(wants_notice(kNotifyNever, DsnAction::delayed));
  EXPECT_TRUE(wants_notice(kNotifyDelay, DsnAction::delayed));
}

TEST(Dsn, XtextAndDates) {
  EXPECT_EQ(decode_xtext("a+2Bb+3Dc"), "a+b=c");
  EXPECT_EQ(decode_xtext("bad+zz"), "bad+zz");
  EXPECT_EQ(rfc5322_date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
}

}  // namespace
}  // namespace kurir::queue
