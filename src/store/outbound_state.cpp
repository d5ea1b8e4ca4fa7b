#include "store/outbound_state.hpp"

namespace kurir::store {

const char* recipient_status_name(RecipientStatus status) {
  switch (status) {
    case RecipientStatus::queued: return "queued";
    case RecipientStatus::delivered: return "delivered";
    case RecipientStatus::failed: return "failed";
  }
  return "?";
}

}  // namespace kurir::store
