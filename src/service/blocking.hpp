// Runs blocking work (store calls, argon2id) on the worker pool and resumes
// the calling coroutine on its own strand when it is done (DESIGN.md
// "Nothing slow runs on an I/O thread").
//
// REQUIRES: `work` captures by reference only (values it needs live in the
// calling coroutine's frame, which outlives the call). g++ 12 miscompiles a
// lambda that owns memory (a captured std::string, vector, ...) when it is
// moved into the coroutine below: its captures are destroyed twice.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>
#include <type_traits>
#include <utility>

namespace kurir::service {

template <class F>
boost::asio::awaitable<std::invoke_result_t<F>> run_blocking(boost::asio::thread_pool& workers, F work) {
  using R = std::invoke_result_t<F>;
  if constexpr (std::is_void_v<R>) {
    co_await boost::asio::co_spawn(
        workers, [work = std::move(work)]() mutable -> boost::asio::awaitable<void> { work(); co_return; },
        boost::asio::use_awaitable);
  } else {
    // co_spawn's completion needs a default-constructible value (Result<T> is
    // not): carry it in an optional.
    auto result = co_await boost::asio::co_spawn(
        workers,
        [work = std::move(work)]() mutable -> boost::asio::awaitable<std::optional<R>> { co_return work(); },
        boost::asio::use_awaitable);
    co_return std::move(*result);
  }
}

}  // namespace kurir::service
