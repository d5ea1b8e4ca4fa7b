// Helpers for the IMAP message evaluator tests: messages built from text,
// a mailbox of them, and a MessageSource over it that counts what the
// evaluators load.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imap/message/source.hpp"
#include "mime/message.hpp"
#include "store/types.hpp"

namespace kurir::imap::message::test {

// Test messages are written with "\n"; real mail has CRLF.
inline std::string crlf(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out.push_back('\r');
    out.push_back(c);
  }
  return out;
}

struct TestMessage {
  std::string bytes;
  mime::ParsedMessage parsed;
  store::MessageMeta meta;
};

inline TestMessage make_message(std::string bytes, store::Uid uid = 1) {
  TestMessage m;
  m.parsed = mime::parse_message(bytes);
  m.meta.uid = uid;
  m.meta.modseq = uid;
  m.meta.size = bytes.size();
  m.meta.content_id = uid;
  m.bytes = std::move(bytes);
  return m;
}

// A mailbox of messages and a MessageSource over it.
class TestMailbox : public MessageSource {
 public:
  std::vector<TestMessage> messages;
  std::optional<std::vector<store::Uid>> index;  // the full-text index's answer; nullopt: no index
  std::vector<std::string> queries;              // what full_text() was asked
  std::size_t structure_loads = 0;
  std::size_t content_loads = 0;

  std::vector<store::MessageMeta> metas() const {
    std::vector<store::MessageMeta> out;
    for (const TestMessage& m : messages) out.push_back(m.meta);
    return out;
  }

  Result<const mime::ParsedMessage*> structure(std::size_t i) override {
    ++structure_loads;
    return &messages.at(i).parsed;
  }
  Result<std::string_view> content(std::size_t i) override {
    ++content_loads;
    return std::string_view(messages.at(i).bytes);
  }
  Result<std::vector<store::Uid>> full_text(std::string_view query) override {
    queries.emplace_back(query);
    if (!index) return MessageSource::full_text(query);
    return *index;
  }
};

}  // namespace kurir::imap::message::test
