#include "auth/login_throttle.hpp"

#include <gtest/gtest.h>

namespace kurir::auth {
namespace {

using namespace std::chrono_literals;
using ms = std::chrono::milliseconds;

TEST(LoginThrottle, DelayDoublesPerFailureUpToTheCap) {
  LoginThrottle t;
  const auto t0 = LoginThrottle::Clock::now();
  EXPECT_EQ(t.delay("192.0.2.1", "a@x.test", t0), ms(0));
  std::vector<ms> seen;
  for (int i = 0; i < 8; ++i) {
    t.record_failure("192.0.2.1", "a@x.test", t0);
    seen.push_back(t.delay("192.0.2.1", "a@x.test", t0));
  }
  EXPECT_EQ(seen, (std::vector<ms>{ms(500), ms(1000), ms(2000), ms(4000), ms(8000), ms(15000), ms(15000), ms(15000)}));
}

TEST(LoginThrottle, CountsPerAddressAndPerAccount) {
  LoginThrottle t;
  const auto t0 = LoginThrottle::Clock::now();
  for (int i = 0; i < 3; ++i) t.record_failure("192.0.2.1", "a@x.test", t0);
  // Another address guessing the same account waits too; the same address on another account as well.
  EXPECT_EQ(t.delay("198.51.100.7", "a@x.test", t0), ms(2000));
  EXPECT_EQ(t.delay("192.0.2.1", "b@x.test", t0), ms(2000));
  EXPECT_EQ(t.delay("198.51.100.7", "b@x.test", t0), ms(0));
}

TEST(LoginThrottle, SuccessClearsAndTimeForgets) {
  LoginThrottle t;
  const auto t0 = LoginThrottle::Clock::now();
  t.record_failure("192.0.2.1", "a@x.test", t0);
  t.record_success("192.0.2.1", "a@x.test");
  EXPECT_EQ(t.delay("192.0.2.1", "a@x.test", t0), ms(0));
  t.record_failure("192.0.2.1", "a@x.test", t0);
  EXPECT_EQ(t.delay("192.0.2.1", "a@x.test", t0 + 14min), ms(500));
  EXPECT_EQ(t.delay("192.0.2.1", "a@x.test", t0 + 16min), ms(0));
}

TEST(LoginThrottle, StaysWithinItsBound) {
  LoginThrottle t(10);
  const auto t0 = LoginThrottle::Clock::now();
  for (int i = 0; i < 100; ++i) t.record_failure("10.0.0." + std::to_string(i), "", t0);
  EXPECT_EQ(t.delay("10.0.0.99", "", t0), ms(500));
}

}  // namespace
}  // namespace kurir::auth
