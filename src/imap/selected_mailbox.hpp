// The selected state of one IMAP session (RFC 9051 3.3, 5.2): the client's
// view of the mailbox (sequence number <-> UID map, flags, MODSEQ), and the
// folding of other sessions' changes into that view at the moments the RFCs
// allow.
//
// The view changes only through apply(): new messages become EXISTS, flag
// changes FETCH (FLAGS ...), expunges EXPUNGE or, with QRESYNC enabled,
// VANISHED (RFC 7162 3.2.10). RFC 9051 7.5.1 forbids EXPUNGE while answering
// FETCH, STORE or SEARCH (their non-UID forms) and outside a command: then
// expunged messages stay in the view (so sequence numbers never shift) and are
// reported by a later command that may. New messages are always announced
// after the pending expunges, so EXISTS never decreases (RFC 9051 7.4.1).
//
// Thread-safety: plain value owned by one session; no locking.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "imap/parser/command.hpp"
#include "store/types.hpp"

namespace kurir::imap {

// How an update may be reported right now.
struct UpdateRules {
  bool expunge_allowed = true;  // RFC 9051 7.5.1
  bool vanished = false;        // QRESYNC enabled: VANISHED instead of EXPUNGE (RFC 7162 3.2.10)
  bool modseq = false;          // CONDSTORE enabled: MODSEQ in unsolicited FETCH (RFC 7162 3.1.4.1)
};

class SelectedMailbox {
 public:
  // messages: the mailbox's messages in UID order, read after `mailbox`
  // (so that every change after mailbox.highestmodseq is seen by apply()).
  SelectedMailbox(store::Mailbox mailbox, std::vector<store::MessageMeta> messages, bool read_only);

  const store::Mailbox& mailbox() const { return mailbox_; }
  store::MailboxId id() const { return mailbox_.id; }
  bool read_only() const { return read_only_; }
  // The view, in sequence order: index i is sequence number i + 1.
  std::span<const store::MessageMeta> messages() const { return messages_; }
  std::uint32_t count() const { return static_cast<std::uint32_t>(messages_.size()); }
  // The MODSEQ the client may rely on: everything up to it has been reported
  // (RFC 7162 3.1.2.1: not past an expunge still held back).
  store::ModSeq highest_modseq() const { return pending_expunges_.empty() ? seen_modseq_ : held_modseq_; }
  // What to ask the store's changes_since() for next.
  store::ModSeq seen_modseq() const { return seen_modseq_; }
  store::Uid uidnext() const { return uidnext_; }
  // Expunged by another session, still in the view until it may be reported.
  bool expunge_pending(std::uint32_t index) const;
  bool has_pending_expunges() const { return !pending_expunges_.empty(); }

  // The indexes (ascending, unique) a sequence set names. In UID mode, UIDs
  // that do not exist are skipped and "*" is the highest UID (RFC 9051
  // 6.4.9; "n:*" with n past the highest UID still names the last message).
  // In sequence mode fails (nullopt) when a number is past the last message
  // or 0 (RFC 9051 9 seq-number). `saved` are the UIDs "$" stands for.
  std::optional<std::vector<std::uint32_t>> resolve(const SequenceSet& set, bool uid,
                                                    std::span<const store::Uid> saved) const;
  std::optional<std::uint32_t> index_of(store::Uid uid) const;

  // This session changed a message (STORE, FETCH setting \Seen): the view
  // takes the store's row. Returns the index, or nothing if not in the view.
  std::optional<std::uint32_t> update(const store::MessageMeta& meta);

  // Folds the store's changes since seen_modseq() into the view and returns
  // the untagged responses that tell the client, in the order to send them.
  // REQUIRES: !compacted().
  std::string apply(const store::ChangesSince& changes, const UpdateRules& rules);

  // While the client idles (IDLE), the view keeps only what the session
  // must remember of each message, UID, MODSEQ and flags (13 bytes and any
  // keywords, instead of an 80-byte row): 10,000 idle sessions on large
  // mailboxes would otherwise hold their rows for nothing. restore() takes
  // the rest back from the store's rows (a UID's date, size, thread and
  // content never change); a message expunged meanwhile keeps its place
  // with only what was remembered, until apply() reports it.
  // messages() is empty while compacted.
  void compact();
  bool compacted() const { return remembered_ != nullptr; }
  // stored: the mailbox's rows now, in UID order (Store::list_messages).
  void restore(std::vector<store::MessageMeta> stored);

 private:
  std::string flush_expunges(const UpdateRules& rules);

  store::Mailbox mailbox_;
  std::vector<store::MessageMeta> messages_;
  bool read_only_ = false;
  store::ModSeq seen_modseq_ = 0;
  store::ModSeq held_modseq_ = 0;  // seen_modseq_ when the first held-back expunge arrived
  store::Uid uidnext_ = 1;
  std::vector<store::Uid> pending_expunges_;  // sorted

  struct Remembered {
    std::vector<store::Uid> uids;
    std::vector<store::ModSeq> modseqs;
    std::vector<std::uint8_t> system_flags;
    std::vector<std::pair<store::Uid, std::vector<std::string>>> keywords;  // messages that have some, by UID
  };
  std::unique_ptr<Remembered> remembered_;  // set while compacted
};

// The untagged FETCH that reports a message's flags (and MODSEQ, UID).
std::string flags_fetch(std::uint32_t seq, const store::MessageMeta& meta, bool modseq, bool uid);

}  // namespace kurir::imap
