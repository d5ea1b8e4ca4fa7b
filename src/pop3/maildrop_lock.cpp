#include "pop3/maildrop_lock.hpp"

#include <mutex>
#include <unordered_set>

namespace kurir::pop3 {

namespace {
std::mutex locks_mutex;
std::unordered_set<store::AccountId> locked;  // accounts with a POP3 session in TRANSACTION state
}  // namespace

std::optional<MaildropLock> MaildropLock::try_acquire(store::AccountId account) {
  std::lock_guard guard(locks_mutex);
  if (!locked.insert(account).second) return std::nullopt;
  return MaildropLock(account);
}

MaildropLock::~MaildropLock() {
  if (account_ == 0) return;
  std::lock_guard guard(locks_mutex);
  locked.erase(account_);
}

}  // namespace kurir::pop3
