// The MessageSource over the store that the session hands to SEARCH, SORT
// and THREAD: the selected mailbox's snapshot, read one message at a time by
// content id (store::Store::read_structure / read_content), the full-text
// index through store::Store::search_text.
//
// A message expunged by another session after the snapshot was taken reads
// as an empty message (no text, no header): it matches no text key, sorts
// with empty keys, and the evaluation goes on.
//
// Thread-safety: makes blocking store calls. Run the evaluator that uses it
// on a worker (service::run_blocking), never on a connection's strand; one
// evaluator at a time.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "imap/message/source.hpp"
#include "store/store.hpp"

namespace kurir::imap::message {

class StoreMessageSource final : public MessageSource {
 public:
  // REQUIRES: `store` and `messages` outlive this source.
  StoreMessageSource(store::Store& store, store::MailboxId mailbox,
                     std::span<const store::MessageMeta> messages)
      : store_(store), mailbox_(mailbox), messages_(messages) {}

  // Keeps the last message read of each kind (the evaluators ask for one
  // message at a time). REQUIRES: index < messages.size()
  Result<const mime::ParsedMessage*> structure(std::size_t index) override;
  Result<std::string_view> content(std::size_t index) override;
  Result<std::vector<store::Uid>> full_text(std::string_view query) override;

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  store::Store& store_;
  store::MailboxId mailbox_;
  std::span<const store::MessageMeta> messages_;
  std::size_t structure_index_ = kNone;
  mime::ParsedMessage structure_;
  std::size_t content_index_ = kNone;
  std::string content_;
};

}  // namespace kurir::imap::message
