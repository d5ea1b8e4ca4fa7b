// One POP3 session per maildrop (RFC 1939 8: the server "acquires an
// exclusive-access lock on the maildrop"); a second gets -ERR [IN-USE]
// (RFC 2449 8.1.1).
//
// XXX: the lock is a map in this process, which is enough while one Kurir
// node serves an account. Several nodes on one PostgreSQL cluster would need
// the lock in the store (an advisory lock per account).
//
// Thread-safety: safe from any thread.
#pragma once

#include <optional>

#include "store/types.hpp"

namespace kurir::pop3 {

class MaildropLock {
 public:
  // The lock on account's maildrop, or nothing when another session holds it.
  static std::optional<MaildropLock> try_acquire(store::AccountId account);

  MaildropLock(MaildropLock&& other) noexcept : account_(other.account_) { other.account_ = 0; }
  MaildropLock& operator=(MaildropLock&&) = delete;
  MaildropLock(const MaildropLock&) = delete;
  MaildropLock& operator=(const MaildropLock&) = delete;
  ~MaildropLock();

 private:
  explicit MaildropLock(store::AccountId account) : account_(account) {}
  store::AccountId account_;  // 0 once moved from
};

}  // namespace kurir::pop3
