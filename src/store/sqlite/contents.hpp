// Message contents of the SQLite store: bytes and parse stored once per
// distinct body (content-addressed by SHA-256, reference-counted), with
// their row in the full-text index (content_text, rowid = content id).
//
// Thread-safety: prepare_content is a pure function (run it on the
// caller's thread, off the writer). The rest as the connection's; writes
// REQUIRE a writer transaction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "mime/message.hpp"
#include "store/sqlite/database.hpp"

namespace kurir::store::sqlite {

// What the writer needs to store a content, computed before the job runs.
struct PreparedContent {
  std::string_view bytes;  // the caller's MessageInput::bytes
  std::string sha256;      // 32 raw bytes
  std::string structure;   // mime::encode(parsed)
  std::string subject;
  std::string addresses;
  std::string text;
};

PreparedContent prepare_content(std::string_view bytes, const mime::ParsedMessage& parsed);

// The content's id, inserted with refcount refs or its refcount raised by refs.
Result<std::int64_t> acquire_content(Connection& c, const PreparedContent& content, std::int64_t refs);
// Raises an existing content's refcount (copy).
Status add_content_refs(Connection& c, std::int64_t content_id, std::int64_t refs);
// Lowers the refcount; at 0 the content and its index row are deleted.
Status release_content(Connection& c, std::int64_t content_id, std::int64_t refs);

// Fail not_found.
Result<std::string> read_content_bytes(Connection& c, std::int64_t content_id);
Result<std::string> read_content_structure(Connection& c, std::int64_t content_id);

}  // namespace kurir::store::sqlite
