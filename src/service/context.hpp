// What every protocol session is given by `kurir serve`: the configuration,
// the store, password login, and the worker pool for blocking calls. Built
// once at start; outlives every session.
#pragma once

#include <boost/asio/thread_pool.hpp>

#include "core/config.hpp"
#include "service/login.hpp"
#include "store/store.hpp"

namespace kurir::service {

struct Context {
  const Config& config;
  store::Store& store;
  Login& login;
  boost::asio::thread_pool& workers;

  // RFC 3501 / 5321 / 2595: a password may cross this connection in clear?
  bool plaintext_allowed(bool tls_active, bool loopback) const {
    if (tls_active) return true;
    switch (config.plaintext_auth) {
      case PlaintextAuth::always: return true;
      case PlaintextAuth::loopback: return loopback;
      case PlaintextAuth::never: return false;
    }
    return false;
  }
};

}  // namespace kurir::service
