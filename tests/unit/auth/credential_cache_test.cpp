#include "auth/credential_cache.hpp"

#include <gtest/gtest.h>

#include "auth/password.hpp"

namespace kurir::auth {
namespace {

using namespace std::chrono_literals;

TEST(CredentialCache, HitsOnlyForTheSamePasswordAndHash) {
  CredentialCache cache(60s);
  const auto t0 = CredentialCache::Clock::now();
  EXPECT_FALSE(cache.check("a@x.test", "pw", "H1", t0));
  cache.remember("a@x.test", "pw", "H1", t0);
  EXPECT_TRUE(cache.check("a@x.test", "pw", "H1", t0));
  EXPECT_FALSE(cache.check("a@x.test", "pW", "H1", t0));
  EXPECT_FALSE(cache.check("b@x.test", "pw", "H1", t0));
  // A new stored hash (the password was changed elsewhere) misses.
  EXPECT_FALSE(cache.check("a@x.test", "pw", "H2", t0));
}

TEST(CredentialCache, ExpiresAfterTtl) {
  CredentialCache cache(60s);
  const auto t0 = CredentialCache::Clock::now();
  cache.remember("a@x.test", "pw", "H", t0);
  EXPECT_TRUE(cache.check("a@x.test", "pw", "H", t0 + 59s));
  EXPECT_FALSE(cache.check("a@x.test", "pw", "H", t0 + 61s));
}

TEST(CredentialCache, ForgetDropsTheAddress) {
  CredentialCache cache(60s);
  cache.remember("a@x.test", "pw", "H");
  cache.forget("a@x.test");
  EXPECT_FALSE(cache.check("a@x.test", "pw", "H"));
}

TEST(CredentialCache, StaysWithinItsBound) {
  CredentialCache cache(60s, 4);
  for (int i = 0; i < 10; ++i) cache.remember("u" + std::to_string(i) + "@x.test", "pw", "H");
  EXPECT_TRUE(cache.check("u9@x.test", "pw", "H"));
}

TEST(CredentialCache, VerifyFallsBackToArgon2idAndRemembersSuccessOnly) {
  CredentialCache cache(60s);
  const auto hash = hash_password("secret");
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(cache.verify("a@x.test", "wrong", *hash));
  EXPECT_FALSE(cache.check("a@x.test", "wrong", *hash));
  EXPECT_TRUE(cache.verify("a@x.test", "secret", *hash));
  EXPECT_TRUE(cache.check("a@x.test", "secret", *hash));
  // A changed password: the new hash misses the cache, and the old password fails.
  const auto changed = hash_password("other");
  ASSERT_TRUE(changed.ok());
  EXPECT_FALSE(cache.verify("a@x.test", "secret", *changed));
  EXPECT_TRUE(cache.verify("a@x.test", "other", *changed));
}

}  // namespace
}  // namespace kurir::auth
