// What the SEARCH, SORT and THREAD evaluators may ask of the session about
// the selected mailbox's messages, one message at a time and only when a key
// needs it (DESIGN.md: FETCH and SEARCH read the parse stored at delivery;
// nothing re-parses a message).
//
// Thread-safety: an evaluator calls its source from the thread that called
// the evaluator; the source is never shared across threads by us.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "mime/message.hpp"
#include "store/types.hpp"

namespace kurir::imap::message {

class MessageSource {
 public:
  virtual ~MessageSource() = default;

  // The stored parse of message `index` (0-based position in the mailbox
  // snapshot: sequence number index + 1; store::Store::read_structure). The
  // pointer stays valid until the next call to structure() or until the
  // evaluator returns. Evaluators ask for each message at most once per call.
  virtual Result<const mime::ParsedMessage*> structure(std::size_t index) = 0;

  // The stored bytes of message `index` (store::Store::read_content); valid
  // until the next call to content() or until the evaluator returns. Only
  // SEARCH HEADER and TEXT ask for it (to read the message's header).
  virtual Result<std::string_view> content(std::size_t index) = 0;

  // UIDs whose indexed text matches every word of `query` (prefix match on
  // the last; store::Store::search_text). Errc::unavailable makes the
  // evaluator scan the decoded text of every candidate instead, which is
  // what the default does.
  virtual Result<std::vector<store::Uid>> full_text(std::string_view query);
};

}  // namespace kurir::imap::message
