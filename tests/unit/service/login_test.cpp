#include "service/login.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <filesystem>
#include <thread>

#include "auth/password.hpp"
#include "service/blocking.hpp"

namespace kurir::service {
namespace {

class LoginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kurir-login-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto opened = store::open_sqlite_store(dir_ / "kurir.db");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->add_domain("example.test").ok());
    ASSERT_TRUE(store_->add_account("alice@example.test", *auth::hash_password("secret")).ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(LoginTest, RightPasswordAnyCaseOfAddress) {
  Login login(*store_);
  auto account = login.verify("Alice@Example.TEST", "secret", "192.0.2.1");
  ASSERT_TRUE(account.ok()) << account.error().message;
  EXPECT_EQ(account->address, "alice@example.test");
  EXPECT_EQ(login.delay("192.0.2.1", "alice@example.test").count(), 0);
}

TEST_F(LoginTest, WrongPasswordAndUnknownUserLookAlikeAndAreThrottled) {
  Login login(*store_);
  auto wrong = login.verify("alice@example.test", "guess", "192.0.2.1");
  auto unknown = login.verify("nobody@example.test", "guess", "192.0.2.1");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, Errc::permission_denied);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_GT(login.delay("192.0.2.1", "").count(), 0);
  EXPECT_GT(login.delay("198.51.100.1", "alice@example.test").count(), 0);
}

TEST_F(LoginTest, PasswordChangeTakesEffectDespiteTheCache) {
  Login login(*store_);
  ASSERT_TRUE(login.verify("alice@example.test", "secret", "192.0.2.1").ok());
  ASSERT_TRUE(store_->set_password("alice@example.test", *auth::hash_password("new one")).ok());
  EXPECT_FALSE(login.verify("alice@example.test", "secret", "192.0.2.1").ok());
  EXPECT_TRUE(login.verify("alice@example.test", "new one", "192.0.2.1").ok());
}

TEST(RunBlocking, RunsOnAWorkerAndResumesTheCaller) {
  boost::asio::io_context io;
  boost::asio::thread_pool workers(1);
  const auto io_thread = std::this_thread::get_id();
  auto future = boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<bool> {
        const auto worker_thread = co_await run_blocking(workers, [] { return std::this_thread::get_id(); });
        co_return worker_thread != io_thread && std::this_thread::get_id() == io_thread;
      },
      boost::asio::use_future);
  io.run();
  EXPECT_TRUE(future.get());
  workers.join();
}

TEST(RunBlocking, CarriesResultsThatHaveNoDefault) {
  boost::asio::io_context io;
  boost::asio::thread_pool workers(1);
  auto future = boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<int> {
        Result<int> r = co_await run_blocking(workers, [] { return Result<int>(make_error(Errc::not_found, "x")); });
        co_await run_blocking(workers, [] {});
        co_return r.ok() ? 0 : static_cast<int>(r.error().code) + 100;
      },
      boost::asio::use_future);
  io.run();
  EXPECT_EQ(future.get(), static_cast<int>(Errc::not_found) + 100);
  workers.join();
}

}  // namespace
}  // namespace kurir::service
