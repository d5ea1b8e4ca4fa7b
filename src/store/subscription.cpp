#include "store/store.hpp"

namespace kurir::store {

Subscription& Subscription::operator=(Subscription&& other) noexcept {
  if (this != &other) {
    if (cancel_) cancel_();
    cancel_ = std::move(other.cancel_);
    other.cancel_ = nullptr;
  }
  return *this;
}

Subscription::~Subscription() {
  if (cancel_) cancel_();
}

const char* special_use_attribute(SpecialUse use) {
  switch (use) {
    case SpecialUse::none: return "";
    case SpecialUse::all: return "\\All";
    case SpecialUse::archive: return "\\Archive";
    case SpecialUse::drafts: return "\\Drafts";
    case SpecialUse::flagged: return "\\Flagged";
    case SpecialUse::junk: return "\\Junk";
    case SpecialUse::sent: return "\\Sent";
    case SpecialUse::trash: return "\\Trash";
  }
  return "";
}

}  // namespace kurir::store
