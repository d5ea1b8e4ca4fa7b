// THREAD (RFC 5256 3 and 4): ORDEREDSUBJECT and REFERENCES over messages
// (usually a SEARCH result), from the meta and the stored parse (Message-ID,
// References, In-Reply-To, base subject and Date: kept at delivery).
//
// SECURITY: reply chains are as long as senders make them. Every step is
// iterative or recursive only along a tree no deeper than
// limits::kMaxImapThreadDepth (XXX RFC 5256 3: a message below that depth
// starts a thread of its own); time is O(n log n) plus the References kept
// per message (limits::kMaxReferences) times the depth walked for loops.
//
// Thread-safety: pure functions over the caller's values and source.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "imap/message/source.hpp"
#include "imap/parser/command.hpp"
#include "store/types.hpp"

namespace kurir::imap::message {

// One node of a thread tree. `index` is a position in the messages given to
// thread_messages (sequence number index + 1), or kDummy for a message that
// is referenced but not present (RFC 5256 REFERENCES keeps such a node when
// it has several children: "((3)(5))").
struct ThreadNode {
  static constexpr std::uint32_t kDummy = 0xFFFFFFFFu;
  std::uint32_t index = kDummy;
  std::vector<ThreadNode> children;  // in the order the RFC's algorithm sorts them
  bool operator==(const ThreadNode&) const = default;
};

// The threads of `indexes`, in order (RFC 5256 3: sorted by the date of
// their first message; REFERENCES step 5/6 rules). Asks `source` for the
// parse of each message once. Fails only when the source fails.
Result<std::vector<ThreadNode>> thread_messages(ThreadAlgorithm algorithm,
                                                std::span<const std::uint32_t> indexes,
                                                std::span<const store::MessageMeta> messages,
                                                MessageSource& source);

// The thread list in RFC 5256 4 syntax, "(1 2)(3 (4)(5))": numbers are
// sequence numbers (index + 1) or, when `uid`, messages[index].uid.
std::string format_threads(const std::vector<ThreadNode>& threads,
                           std::span<const store::MessageMeta> messages, bool uid);

// "* THREAD (1 2)(3 (4)(5))\r\n" (RFC 5256 4).
std::string format_thread_response(const std::vector<ThreadNode>& threads,
                                   std::span<const store::MessageMeta> messages, bool uid);

}  // namespace kurir::imap::message
