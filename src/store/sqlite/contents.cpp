#include "store/sqlite/contents.hpp"

#include <openssl/evp.h>

#include <string>

namespace kurir::store::sqlite {

namespace {

std::string sha256(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string join_addresses(const mime::ParsedMessage& parsed) {
  std::string out = parsed.from;
  for (const std::string* part : {&parsed.to, &parsed.cc}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ", ";
    out += *part;
  }
  return out;
}

Error no_such_content(std::int64_t id) {
  return make_error(Errc::not_found, "no such content: " + std::to_string(id));
}

}  // namespace

PreparedContent prepare_content(std::string_view bytes, const mime::ParsedMessage& parsed) {
  PreparedContent content;
  content.bytes = bytes;
  content.sha256 = sha256(bytes);
  content.structure = mime::encode(parsed);
  content.subject = parsed.subject;
  content.addresses = join_addresses(parsed);
  content.text = parsed.search_text;
  return content;
}

Result<std::int64_t> acquire_content(Connection& c, const PreparedContent& content, std::int64_t refs) {
  {
    auto st = c.prepare("UPDATE contents SET refcount = refcount + ?2 WHERE sha256 = ?1 RETURNING id");
    if (!st) return st.error();
    st->bind_blob(1, content.sha256).bind(2, refs);
    auto row = st->step();
    if (!row) return row.error();
    if (*row) return st->integer(0);
  }
  std::int64_t id = 0;
  {
    auto st = c.prepare(
        "INSERT INTO contents(sha256, refcount, size, bytes, structure) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st) return st.error();
    st->bind_blob(1, content.sha256)
        .bind(2, refs)
        .bind(3, static_cast<std::int64_t>(content.bytes.size()))
        .bind_blob(4, content.bytes)
        .bind_blob(5, content.structure);
    KURIR_TRY(st->run());
    id = c.last_insert_rowid();
  }
  auto st = c.prepare("INSERT INTO content_text(rowid, subject, addresses, body) VALUES (?1, ?2, ?3, ?4)");
  if (!st) return st.error();
  st->bind(1, id).bind(2, content.subject).bind(3, content.addresses).bind(4, content.text);
  KURIR_TRY(st->run());
  return id;
}

Status add_content_refs(Connection& c, std::int64_t content_id, std::int64_t refs) {
  auto st = c.prepare("UPDATE contents SET refcount = refcount + ?2 WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, content_id).bind(2, refs);
  KURIR_TRY(st->run());
  if (c.changes() == 0) return no_such_content(content_id);
  return {};
}

Status release_content(Connection& c, std::int64_t content_id, std::int64_t refs) {
  std::int64_t left = 0;
  {
    auto st = c.prepare("UPDATE contents SET refcount = refcount - ?2 WHERE id = ?1 RETURNING refcount");
    if (!st) return st.error();
    st->bind(1, content_id).bind(2, refs);
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return no_such_content(content_id);
    left = st->integer(0);
  }
  if (left > 0) return {};
  if (left < 0) return make_error(Errc::corrupt, "content " + std::to_string(content_id) + " refcount below zero");
  for (const char* sql : {"DELETE FROM content_text WHERE rowid = ?1", "DELETE FROM contents WHERE id = ?1"}) {
    auto st = c.prepare(sql);
    if (!st) return st.error();
    st->bind(1, content_id);
    KURIR_TRY(st->run());
  }
  return {};
}

Result<std::string> read_content_bytes(Connection& c, std::int64_t content_id) {
  auto st = c.prepare("SELECT bytes FROM contents WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, content_id);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return no_such_content(content_id);
  return st->blob(0);
}

Result<std::string> read_content_structure(Connection& c, std::int64_t content_id) {
  auto st = c.prepare("SELECT structure FROM contents WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, content_id);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return no_such_content(content_id);
  return st->blob(0);
}

}  // namespace kurir::store::sqlite
