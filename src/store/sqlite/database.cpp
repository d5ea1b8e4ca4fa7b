#include "store/sqlite/database.hpp"

#include <sqlite3.h>

#include <string>

namespace kurir::store::sqlite {

namespace {

// Long enough to outwait another process's writer (the CLI) and a slow fsync.
constexpr int kBusyTimeoutMs = 10000;

Errc errc_for(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT: return Errc::conflict;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Errc::unavailable;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM: return Errc::io;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return Errc::corrupt;
    case SQLITE_TOOBIG: return Errc::limit_exceeded;
    default: return Errc::internal;
  }
}

}  // namespace

// ---- Statement -------------------------------------------------------------

Statement::Statement(Connection* connection, sqlite3_stmt* stmt, bool* in_use)
    : connection_(connection), stmt_(stmt), in_use_(in_use) {}

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_), stmt_(other.stmt_), in_use_(other.in_use_) {
  other.stmt_ = nullptr;
  other.in_use_ = nullptr;
}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  if (in_use_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  // A zero-length blob must still be a blob, not NULL: pass a valid pointer.
  static const char kEmpty = 0;
  sqlite3_bind_blob64(stmt_, index, bytes.empty() ? &kEmpty : bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return connection_->error(rc, sqlite3_sql(stmt_));
}

Status Statement::run() {
  auto r = step();
  if (!r) return r.error();
  return {};
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::text(int column) const {
  const unsigned char* p = sqlite3_column_text(stmt_, column);
  int n = sqlite3_column_bytes(stmt_, column);
  return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
}

std::string Statement::blob(int column) const {
  const void* p = sqlite3_column_blob(stmt_, column);
  int n = sqlite3_column_bytes(stmt_, column);
  return p == nullptr ? std::string() : std::string(static_cast<const char*>(p), static_cast<std::size_t>(n));
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

// ---- Connection ------------------------------------------------------------

Result<std::unique_ptr<Connection>> Connection::open(const std::filesystem::path& path, OpenMode mode) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == OpenMode::writer) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open database " + path.string() + ": " +
                          (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close_v2(db);
    return make_error(errc_for(rc), std::move(message));
  }
  std::unique_ptr<Connection> connection(new Connection(db));
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db, 1);
  // synchronous=FULL on the writer: COMMIT fsyncs the WAL, which is what
  // makes a write durable before its caller hears success (DESIGN.md "Durability").
  const char* pragmas = mode == OpenMode::writer
                            ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                              "PRAGMA temp_store=MEMORY;"
                            : "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;";
  KURIR_TRY(connection->exec(pragmas));
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached->stmt);
  cache_.clear();
  sqlite3_close_v2(db_);
}

Status Connection::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string what = message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return make_error(errc_for(rc), "sqlite: " + what + " (in: " + text.substr(0, 80) + ")");
  }
  return {};
}

Result<Statement> Connection::prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end() && !it->second->in_use) {
    it->second->in_use = true;
    return Statement(this, it->second->stmt, &it->second->in_use);
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              it == cache_.end() ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
  if (rc != SQLITE_OK) return error(rc, sql);
  if (it != cache_.end()) {
    // The cached one is busy (a nested use of the same SQL): a private copy.
    return Statement(this, stmt, nullptr);
  }
  auto cached = std::make_unique<Cached>();
  cached->stmt = stmt;
  cached->in_use = true;
  bool* flag = &cached->in_use;
  cache_.emplace(std::string(sql), std::move(cached));
  return Statement(this, stmt, flag);
}

std::int64_t Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Connection::changes() const { return sqlite3_changes(db_); }
bool Connection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

Error Connection::error(int rc, std::string_view doing) const {
  std::string message = "sqlite: ";
  message += sqlite3_errmsg(db_);
  message += " (in: ";
  message += doing.substr(0, 80);
  message += ")";
  return make_error(errc_for(rc), std::move(message));
}

// ---- ReadSnapshot ----------------------------------------------------------

ReadSnapshot::ReadSnapshot(Connection& connection) : connection_(connection), status_(connection.exec("BEGIN")) {}

ReadSnapshot::~ReadSnapshot() {
  if (status_.ok() && connection_.in_transaction()) (void)connection_.exec("COMMIT");
}

// ---- ReadPool --------------------------------------------------------------

ReadPool::Lease::~Lease() {
  if (connection_ && pool_ != nullptr) pool_->release(std::move(connection_));
}

Result<ReadPool::Lease> ReadPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
  }
  auto connection = Connection::open(path_, OpenMode::reader);
  if (!connection) return connection.error();
  return Lease(this, std::move(*connection));
}

void ReadPool::release(std::unique_ptr<Connection> connection) {
  // A connection left inside a transaction (an error path) is not reused.
  if (connection->in_transaction()) return;
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
}

}  // namespace kurir::store::sqlite
