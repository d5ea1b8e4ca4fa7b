#include "auth/sasl.hpp"

#include <gtest/gtest.h>

namespace kurir::auth {
namespace {

using namespace std::string_literals;

TEST(Sasl, Base64RoundTrip) {
  for (std::string s : {""s, "a"s, "ab"s, "abc"s, "\0user\0pass"s, std::string(300, '\xff')}) {
    auto back = decode_base64(encode_base64(s));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, s);
  }
  EXPECT_EQ(encode_base64("Username:"), kLoginUsernamePrompt);
  EXPECT_EQ(encode_base64("Password:"), kLoginPasswordPrompt);
}

TEST(Sasl, Base64RejectsMalformed) {
  // The last: high bytes that libsodium 1.0.18 alone would accept (found by fuzzing).
  for (std::string_view bad : {"abc", "a===", "ab c=", "!!!!", "YWJj\r\n", "=YWJ", "Y\xa0\xa0Jj==", "Y\xa0\xa0\xa0"})
    EXPECT_FALSE(decode_base64(bad).ok()) << bad;
  EXPECT_EQ(decode_base64(std::string(5000, 'A')).error().code, Errc::limit_exceeded);
}

TEST(Sasl, PlainPerRfc4616) {
  // RFC 4616 4: "\0tim\0tanstaaftanstaaf"
  auto c = decode_plain(encode_base64("\0tim\0tanstaaftanstaaf"s));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->authzid, "");
  EXPECT_EQ(c->authcid, "tim");
  EXPECT_EQ(c->password, "tanstaaftanstaaf");
  auto z = decode_plain(encode_base64("Ursel\0Kurt\0xipj3plmq"s));
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(z->authzid, "Ursel");
  EXPECT_EQ(z->authcid, "Kurt");
}

TEST(Sasl, PlainRejectsMalformed) {
  for (std::string bad : {"tim tanstaaf"s, "\0tim"s, "\0tim\0"s, "\0\0pw"s, "a\0b\0c\0d"s, ""s})
    EXPECT_FALSE(decode_plain(encode_base64(bad)).ok()) << bad.size();
  EXPECT_FALSE(decode_plain("=").ok());
  EXPECT_FALSE(decode_plain("not base64").ok());
}

TEST(Sasl, Cancel) {
  EXPECT_TRUE(is_sasl_cancel("*"));
  EXPECT_FALSE(is_sasl_cancel("**"));
}

}  // namespace
}  // namespace kurir::auth
