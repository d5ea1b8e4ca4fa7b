#include "pop3/session.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/write.hpp>
#include <filesystem>
#include <thread>

#include "auth/password.hpp"
#include "mime/message.hpp"

namespace kurir::pop3 {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

// A real SQLite store with alice's INBOX, and one POP3 session over a
// loopback socket whose client writes a script in pieces (1 = byte at a time)
// and reads the whole transcript.
class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kurir-pop3-session-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto opened = store::open_sqlite_store(dir_ / "kurir.db");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->add_domain("example.test").ok());
    auto account = store_->add_account("alice@example.test", *auth::hash_password("secret"));
    ASSERT_TRUE(account.ok());
    inbox_ = store_->find_mailbox(account->id, "INBOX")->id;
    for (const std::string bytes : {"Subject: one\r\n\r\n.first\r\nsecond\r\n", "Subject: two\r\n\r\nbody\r\n"}) {
      store::MessageInput input;
      input.bytes = bytes;
      input.parsed = mime::parse_message(bytes);
      ASSERT_TRUE(store_->append(inbox_, std::move(input)).ok());
    }
    login_ = std::make_unique<service::Login>(*store_);
    listener_.name = "pop3";
    listener_.protocol = Protocol::pop3;
    listener_.tls = TlsMode::none;
  }
  void TearDown() override {
    workers_.join();
    login_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string converse(std::string_view script, std::size_t piece) {
    asio::io_context io;
    asio::ssl::context tls{asio::ssl::context::tls_server};
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    tcp::socket client(io);
    client.connect(acceptor.local_endpoint());
    client.set_option(tcp::no_delay(true));
    net::Stream stream(acceptor.accept(), tls);
    std::string transcript;
    std::jthread peer([&] {
      // A session may close before the whole script is written: a failed
      // write ends the script, never the test binary.
      boost::system::error_code ec;
      for (std::size_t i = 0; i < script.size() && !ec; i += piece)
        asio::write(client, asio::buffer(script.data() + i, std::min(piece, script.size() - i)), ec);
      client.shutdown(tcp::socket::shutdown_send, ec);  // the end of the script: the session sees EOF
      asio::read(client, asio::dynamic_buffer(transcript), ec);  // until the server closes
    });
    service::Context context{config_, *store_, *login_, workers_};
    const net::Peer from{"127.0.0.1", 40000, true};
    auto done = asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
          co_await serve(context, listener_, stream, from);
          stream.close();
        },
        asio::use_future);
    io.run();
    done.get();
    peer.join();
    return transcript;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<service::Login> login_;
  store::MailboxId inbox_ = 0;
  Config config_;
  ListenerConfig listener_;
  asio::thread_pool workers_{2};
};

// RFC 1939 3-7 and RFC 2449 6.6: a pipelined session, fed whole and a byte
// at a time, gives the same transcript; DELE takes effect at QUIT.
TEST_F(SessionTest, PipelinedScriptAtEverySplit) {
  const std::string script =
      "USER alice@example.test\r\nPASS secret\r\nSTAT\r\nTOP 1 1\r\nRETR 2\r\nUIDL 2\r\nDELE 1\r\nLIST\r\n";
  const auto uidvalidity = std::to_string(store_->get_mailbox(inbox_)->uidvalidity);
  const std::string expected =
      "+OK Kurir POP3 server ready\r\n"
      "+OK send PASS\r\n"
      "+OK alice@example.test has 2 messages (54 octets)\r\n"
      "+OK 2 54\r\n"
      "+OK top of message follows\r\nSubject: one\r\n\r\n..first\r\n.\r\n"
      "+OK 22 octets\r\nSubject: two\r\n\r\nbody\r\n.\r\n"
      "+OK 2 " + uidvalidity + ".2\r\n"
      "+OK message 1 deleted\r\n"
      "+OK scan listing follows\r\n2 22\r\n.\r\n";
  // Without QUIT: the connection drops and nothing is deleted (RFC 1939 6).
  for (std::size_t piece : {script.size(), std::size_t{1}, std::size_t{7}})
    EXPECT_EQ(converse(script, piece), expected) << "piece " << piece;
  EXPECT_EQ(store_->list_messages(inbox_)->size(), 2u);

  const std::string quit = converse("USER alice@example.test\r\nPASS secret\r\nDELE 1\r\nQUIT\r\n", 1);
  EXPECT_TRUE(quit.ends_with("+OK message 1 deleted\r\n+OK Kurir POP3 server signing off (1 messages left)\r\n"))
      << quit;
  ASSERT_EQ(store_->list_messages(inbox_)->size(), 1u);
  EXPECT_EQ(store_->list_messages(inbox_)->front().uid, 2u);
}

TEST_F(SessionTest, StateAndArgumentErrorsAreCountedThenTheSessionCloses) {
  std::string script = "STAT\r\nPASS x\r\nSTLS\r\n";  // not logged in; no USER; no STLS on a plain listener
  // Nothing follows the 10th error: bytes the server never reads would make
  // its close a reset, which may discard the transcript on the way back.
  for (int i = 0; i < 7; ++i) script += "RETR x\r\n";
  const std::string transcript = converse(script, 1);
  EXPECT_TRUE(transcript.starts_with("+OK Kurir POP3 server ready\r\n-ERR log in first\r\n-ERR send USER first\r\n"
                                     "-ERR STLS is not available here\r\n-ERR the message number must be a number\r\n"))
      << transcript;
  EXPECT_TRUE(transcript.ends_with("-ERR too many errors, closing the connection\r\n")) << transcript;
}

}  // namespace
}  // namespace kurir::pop3
