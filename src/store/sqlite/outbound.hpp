// The outbound queue's tables (schema version 2): writing a queued message
// with its recipients, and listing the queue.
//
// Thread-safety: as every sqlite/ function: on the connection's own thread.
#pragma once

#include <vector>

#include "core/result.hpp"
#include "store/outbound.hpp"
#include "store/sqlite/database.hpp"

namespace kurir::store::sqlite {

// REQUIRES: inside the writer's transaction.
Result<std::int64_t> insert_outbound(Connection& c, const OutboundMessage& message, std::int64_t now);
Result<std::vector<OutboundEntry>> list_outbound(Connection& c);

}  // namespace kurir::store::sqlite
