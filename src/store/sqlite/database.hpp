// SQLite connections and prepared statements for the store engine: a thin
// RAII layer over the C API that turns SQLite errors into kurir::Error values
// and caches prepared statements per connection (preparing is a large part
// of a small statement's cost).
//
// Thread-safety: a Connection, and every Statement taken from it, is used by
// one thread at a time (connections are opened SQLITE_OPEN_NOMUTEX). The
// writer thread owns the write connection; readers lease theirs from a
// ReadPool.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace kurir::store::sqlite {

class Connection;

// One execution of a prepared statement. Borrowed from the connection's
// cache; reset and unbound when destroyed. Bind indexes start at 1, column
// indexes at 0 (as in SQLite).
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);

  // Advances to the next row: true with a row, false when done.
  Result<bool> step();
  // Runs a statement that returns no rows (or ignores them after the first).
  Status run();

  std::int64_t integer(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;
  bool is_null(int column) const;

 private:
  friend class Connection;
  Statement(Connection* connection, sqlite3_stmt* stmt, bool* in_use);

  Connection* connection_;
  sqlite3_stmt* stmt_;
  bool* in_use_;  // the cache slot's flag; nullptr for an uncached statement
};

enum class OpenMode { writer, reader };

class Connection {
 public:
  // Opens (creating when mode is writer) the database at path with WAL,
  // foreign keys and a busy timeout; the writer also gets synchronous=FULL
  // so that a COMMIT returns only after the WAL is fsynced.
  static Result<std::unique_ptr<Connection>> open(const std::filesystem::path& path, OpenMode mode);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one or more statements without results (DDL, PRAGMA, BEGIN...).
  Status exec(std::string_view sql);
  // A cached prepared statement for sql (one statement).
  Result<Statement> prepare(std::string_view sql);

  std::int64_t last_insert_rowid() const;
  int changes() const;
  bool in_transaction() const;

  // The error for the SQLite result code rc, with SQLite's message and what we were doing.
  Error error(int rc, std::string_view doing) const;

  sqlite3* handle() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<Cached>> cache_;
};

// A read transaction: BEGIN on construction, COMMIT (ending the read
// snapshot) on destruction, so several statements see one state.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Connection& connection);
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  ~ReadSnapshot();
  const Status& status() const { return status_; }

 private:
  Connection& connection_;
  Status status_;
};

// Read connections, opened on demand and reused; at most one lease per
// thread at a time is needed, so the pool grows to the number of concurrent readers.
class ReadPool {
 public:
  explicit ReadPool(std::filesystem::path path) : path_(std::move(path)) {}

  class Lease {
   public:
    Lease(ReadPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    ReadPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  Result<Lease> acquire();

 private:
  void release(std::unique_ptr<Connection> connection);

  std::filesystem::path path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace kurir::store::sqlite
