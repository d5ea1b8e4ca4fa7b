// Thread ids at delivery: a message joins the thread of any known message
// of the account that its Message-ID, In-Reply-To or References name;
// otherwise it starts a new thread. Its own ids are then recorded.
//
// Thread-safety: as the connection's. REQUIRES a writer transaction.
#pragma once

#include <cstdint>

#include "core/result.hpp"
#include "mime/message.hpp"
#include "store/sqlite/database.hpp"
#include "store/types.hpp"

namespace kurir::store::sqlite {

Result<std::int64_t> assign_thread(Connection& c, AccountId account, const mime::ParsedMessage& parsed);

}  // namespace kurir::store::sqlite
