#include "auth/password.hpp"

#include <gtest/gtest.h>

namespace kurir::auth {
namespace {

TEST(Password, HashIsArgon2idAndVerifies) {
  auto hash = hash_password("correct horse");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(verify_password(*hash, "correct horse"));
  EXPECT_FALSE(verify_password(*hash, "correct horsE"));
  EXPECT_FALSE(verify_password(*hash, ""));
}

TEST(Password, SaltMakesEachHashDifferent) {
  auto a = hash_password("same");
  auto b = hash_password("same");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
}

TEST(Password, RejectsEmptyAndOverlong) {
  EXPECT_EQ(hash_password("").error().code, Errc::invalid_argument);
  EXPECT_EQ(hash_password(std::string(1025, 'x')).error().code, Errc::invalid_argument);
}

TEST(Password, MalformedHashNeverVerifies) {
  EXPECT_FALSE(verify_password("", "x"));
  EXPECT_FALSE(verify_password("$argon2id$garbage", "x"));
  EXPECT_FALSE(verify_password(std::string(500, '$'), "x"));
}

}  // namespace
}  // namespace kurir::auth
