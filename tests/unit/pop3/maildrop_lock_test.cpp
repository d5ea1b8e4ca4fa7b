#include "pop3/maildrop_lock.hpp"

#include <gtest/gtest.h>

namespace kurir::pop3 {
namespace {

// RFC 1939 8 / RFC 2449 8.1.1: one session per maildrop; the lock goes with its holder.
TEST(MaildropLock, OneHolderPerAccountUntilReleased) {
  {
    auto first = MaildropLock::try_acquire(7);
    ASSERT_TRUE(first);
    EXPECT_FALSE(MaildropLock::try_acquire(7));
    EXPECT_TRUE(MaildropLock::try_acquire(8));
    auto moved = std::move(*first);
    first.reset();
    EXPECT_FALSE(MaildropLock::try_acquire(7));
  }
  EXPECT_TRUE(MaildropLock::try_acquire(7));
}

}  // namespace
}  // namespace kurir::pop3
