#include "imap/message/source.hpp"

namespace kurir::imap::message {

Result<std::vector<store::Uid>> MessageSource::full_text(std::string_view) {
  return make_error(Errc::unavailable, "no full-text index");
}

}  // namespace kurir::imap::message
