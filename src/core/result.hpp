// Errors as values (STYLE.md habit 6): every fallible call on the data path
// returns Result<T> (a value or an Error) or Status (Result<void>). Exceptions
// are for programming errors and start-up only.
//
// Thread-safety: plain values; no shared state.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace kurir {

enum class Errc {
  not_found,          // the named thing does not exist
  already_exists,     // a unique name or address is taken
  invalid_argument,   // the caller's input is malformed (names the field)
  permission_denied,  // exists, but this caller may not touch it
  limit_exceeded,     // a bound from core/limits.hpp or the config was hit
  quota_exceeded,     // the account's quota would be exceeded
  conflict,           // a concurrent change won; the caller may retry
  io,                 // the OS refused (disk, socket); message says which call
  corrupt,            // stored data fails its own invariants
  unavailable,        // shutting down, or a dependency is down
  internal,           // a bug of ours; logged in full where it happened
};

const char* errc_name(Errc code);

struct Error {
  Errc code;
  std::string message;
};

inline Error make_error(Errc code, std::string message) { return Error{code, std::move(message)}; }

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}              // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}          // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // REQUIRES: !ok()
  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  // REQUIRES: !ok()
  const Error& error() const { assert(!ok_); return error_; }

 private:
  Error error_{Errc::internal, {}};
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace kurir

// Returns early from the enclosing function with the error of `expr` if it failed.
#define KURIR_TRY(expr)                          \
  do {                                           \
    auto&& kurir_try_result_ = (expr);           \
    if (!kurir_try_result_.ok()) return kurir_try_result_.error(); \
  } while (0)
