#include "imap/selected_mailbox.hpp"

#include <algorithm>

#include "imap/response.hpp"

namespace kurir::imap {

SelectedMailbox::SelectedMailbox(store::Mailbox mailbox, std::vector<store::MessageMeta> messages,
                                 bool read_only)
    : mailbox_(std::move(mailbox)), messages_(std::move(messages)), read_only_(read_only) {
  seen_modseq_ = mailbox_.highestmodseq;
  held_modseq_ = seen_modseq_;
  uidnext_ = mailbox_.uidnext;
  if (!messages_.empty()) uidnext_ = std::max(uidnext_, messages_.back().uid + 1);
  messages_.shrink_to_fit();  // the store's list grew by doubling
}

void SelectedMailbox::compact() {
  if (remembered_) return;
  Remembered r;
  r.uids.reserve(messages_.size());
  r.modseqs.reserve(messages_.size());
  r.system_flags.reserve(messages_.size());
  for (auto& m : messages_) {
    r.uids.push_back(m.uid);
    r.modseqs.push_back(m.modseq);
    r.system_flags.push_back(m.flags.system);
    if (!m.flags.keywords.empty()) r.keywords.emplace_back(m.uid, std::move(m.flags.keywords));
  }
  std::vector<store::MessageMeta>().swap(messages_);
  remembered_ = std::make_unique<Remembered>(std::move(r));
}

void SelectedMailbox::restore(std::vector<store::MessageMeta> stored) {
  if (!remembered_) return;
  Remembered& r = *remembered_;
  messages_.reserve(r.uids.size());
  auto row = stored.begin();
  auto keywords = r.keywords.begin();
  for (std::size_t i = 0; i < r.uids.size(); ++i) {
    const store::Uid uid = r.uids[i];
    row = std::lower_bound(row, stored.end(), uid, [](const store::MessageMeta& m, store::Uid u) { return m.uid < u; });
    store::MessageMeta meta;
    if (row != stored.end() && row->uid == uid) meta = std::move(*row);
    meta.uid = uid;
    meta.modseq = r.modseqs[i];
    meta.flags.system = r.system_flags[i];
    meta.flags.keywords.clear();
    if (keywords != r.keywords.end() && keywords->first == uid) {
      meta.flags.keywords = std::move(keywords->second);
      ++keywords;
    }
    messages_.push_back(std::move(meta));
  }
  remembered_.reset();
}

std::optional<std::uint32_t> SelectedMailbox::index_of(store::Uid uid) const {
  auto it = std::lower_bound(messages_.begin(), messages_.end(), uid,
                             [](const store::MessageMeta& m, store::Uid u) { return m.uid < u; });
  if (it == messages_.end() || it->uid != uid) return std::nullopt;
  return static_cast<std::uint32_t>(it - messages_.begin());
}

bool SelectedMailbox::expunge_pending(std::uint32_t index) const {
  return index < messages_.size() &&
         std::binary_search(pending_expunges_.begin(), pending_expunges_.end(), messages_[index].uid);
}

std::optional<std::vector<std::uint32_t>> SelectedMailbox::resolve(const SequenceSet& set, bool uid,
                                                                   std::span<const store::Uid> saved) const {
  std::vector<std::uint32_t> out;
  if (set.saved) {
    // RFC 5182 2.1: "$" is the saved UIDs that still exist.
    for (store::Uid u : saved)
      if (auto i = index_of(u)) out.push_back(*i);
  } else if (uid) {
    const store::Uid largest = messages_.empty() ? 0 : messages_.back().uid;
    for (const auto& r : set.ranges) {
      store::Uid lo = r.first == kStar ? largest : r.first;
      store::Uid hi = r.last == kStar ? largest : r.last;
      if (lo > hi) std::swap(lo, hi);  // RFC 9051 9: "4:2" is "2:4"
      auto first = std::lower_bound(messages_.begin(), messages_.end(), lo,
                                    [](const store::MessageMeta& m, store::Uid u) { return m.uid < u; });
      for (auto it = first; it != messages_.end() && it->uid <= hi; ++it)
        out.push_back(static_cast<std::uint32_t>(it - messages_.begin()));
    }
  } else {
    const std::uint32_t largest = count();
    for (const auto& r : set.ranges) {
      std::uint32_t lo = r.first == kStar ? largest : r.first;
      std::uint32_t hi = r.last == kStar ? largest : r.last;
      if (lo > hi) std::swap(lo, hi);
      // RFC 9051 6.4.5 / 9: a sequence number past the last message is an error.
      if (lo == 0 || hi > largest) return std::nullopt;
      for (std::uint32_t n = lo; n <= hi; ++n) out.push_back(n - 1);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<std::uint32_t> SelectedMailbox::update(const store::MessageMeta& meta) {
  auto index = index_of(meta.uid);
  if (index) messages_[*index] = meta;
  return index;
}

std::string flags_fetch(std::uint32_t seq, const store::MessageMeta& meta, bool modseq, bool uid) {
  std::string out = "* " + std::to_string(seq) + " FETCH (";
  if (uid) out += "UID " + std::to_string(meta.uid) + " ";
  out += "FLAGS " + flag_list(meta.flags);
  if (modseq) out += " MODSEQ (" + std::to_string(meta.modseq) + ")";
  out += ")\r\n";
  return out;
}

std::string SelectedMailbox::flush_expunges(const UpdateRules& rules) {
  std::string out;
  if (pending_expunges_.empty()) return out;
  std::vector<std::uint32_t> gone;  // UIDs, ascending
  // Descending, so each EXPUNGE names the sequence number the client still
  // has for that message (RFC 9051 7.5.1: later numbers shift down by one).
  for (std::size_t i = messages_.size(); i-- > 0;) {
    if (!std::binary_search(pending_expunges_.begin(), pending_expunges_.end(), messages_[i].uid)) continue;
    if (!rules.vanished) out += "* " + std::to_string(i + 1) + " EXPUNGE\r\n";
    gone.push_back(messages_[i].uid);
    messages_.erase(messages_.begin() + static_cast<std::ptrdiff_t>(i));
  }
  pending_expunges_.clear();
  if (rules.vanished && !gone.empty()) {
    std::reverse(gone.begin(), gone.end());
    out += "* VANISHED " + number_set(gone) + "\r\n";  // RFC 7162 3.2.10
  }
  return out;
}

std::string SelectedMailbox::apply(const store::ChangesSince& changes, const UpdateRules& rules) {
  std::string out;
  const store::Uid last = messages_.empty() ? 0 : messages_.back().uid;
  std::vector<store::MessageMeta> arrived;
  for (const auto& meta : changes.changed) {
    if (meta.uid > last) {
      arrived.push_back(meta);
      continue;
    }
    auto index = index_of(meta.uid);
    if (!index) continue;
    auto& mine = messages_[*index];
    if (mine.modseq == meta.modseq && mine.flags == meta.flags)
      continue;  // already known (this session's STORE)
    const bool flags_changed = !(mine.flags == meta.flags);
    mine = meta;
    // RFC 7162 3.2.4: with QRESYNC every unsolicited FETCH carries the UID;
    // RFC 7162 3.1.4.1: with CONDSTORE a MODSEQ change alone is reported too.
    if (flags_changed || rules.modseq) out += flags_fetch(*index + 1, mine, rules.modseq, true);
  }
  if (pending_expunges_.empty()) held_modseq_ = seen_modseq_;
  for (store::Uid uid : changes.expunged)
    if (uid <= last && index_of(uid)) pending_expunges_.push_back(uid);
  std::sort(pending_expunges_.begin(), pending_expunges_.end());
  pending_expunges_.erase(std::unique(pending_expunges_.begin(), pending_expunges_.end()),
                          pending_expunges_.end());
  if (rules.expunge_allowed) out += flush_expunges(rules);
  if (!arrived.empty()) {
    std::sort(arrived.begin(), arrived.end(), [](const auto& a, const auto& b) { return a.uid < b.uid; });
    for (auto& meta : arrived) messages_.push_back(std::move(meta));
    out += "* " + std::to_string(messages_.size()) + " EXISTS\r\n";  // RFC 9051 7.4.1
    uidnext_ = std::max(uidnext_, messages_.back().uid + 1);
  }
  seen_modseq_ = std::max(seen_modseq_, changes.highestmodseq);
  return out;
}

}  // namespace kurir::imap
