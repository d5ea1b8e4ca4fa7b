// The SQLite store's schema, created and upgraded by numbered migrations
// (PRAGMA user_version holds the last one applied).
//
// Thread-safety: runs on the write connection before any other thread uses
// the database (open_sqlite_store); concurrent openers in other processes
// are serialised by BEGIN IMMEDIATE.
#pragma once

#include "core/result.hpp"
#include "store/sqlite/database.hpp"

namespace kurir::store::sqlite {

// Brings the database up to the current schema version. Fails corrupt if the
// database is newer than this program knows.
Status migrate(Connection& connection);

}  // namespace kurir::store::sqlite
