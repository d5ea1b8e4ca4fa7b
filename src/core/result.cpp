#include "core/result.hpp"

namespace kurir {

const char* errc_name(Errc code) {
  switch (code) {
    case Errc::not_found: return "not found";
    case Errc::already_exists: return "already exists";
    case Errc::invalid_argument: return "invalid argument";
    case Errc::permission_denied: return "permission denied";
    case Errc::limit_exceeded: return "limit exceeded";
    case Errc::quota_exceeded: return "quota exceeded";
    case Errc::conflict: return "conflict";
    case Errc::io: return "I/O error";
    case Errc::corrupt: return "corrupt data";
    case Errc::unavailable: return "unavailable";
    case Errc::internal: return "internal error";
  }
  return "unknown error";
}

}  // namespace kurir
