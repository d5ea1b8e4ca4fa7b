#include "imap/message/store_source.hpp"

namespace kurir::imap::message {

Result<const mime::ParsedMessage*> StoreMessageSource::structure(std::size_t index) {
  if (index != structure_index_) {
    Result<mime::ParsedMessage> read = store_.read_structure(messages_[index].content_id);
    if (read) {
      structure_ = std::move(*read);
    } else if (read.error().code == Errc::not_found) {
      structure_ = mime::ParsedMessage{};  // expunged meanwhile: an empty message
    } else {
      structure_index_ = kNone;
      return read.error();
    }
    structure_index_ = index;
  }
  return &structure_;
}

Result<std::string_view> StoreMessageSource::content(std::size_t index) {
  if (index != content_index_) {
    Result<std::string> read = store_.read_content(messages_[index].content_id);
    if (read) {
      content_ = std::move(*read);
    } else if (read.error().code == Errc::not_found) {
      content_.clear();
    } else {
      content_index_ = kNone;
      return read.error();
    }
    content_index_ = index;
  }
  return std::string_view(content_);
}

Result<std::vector<store::Uid>> StoreMessageSource::full_text(std::string_view query) {
  return store_.search_text(mailbox_, query);
}

}  // namespace kurir::imap::message
