#include "smtp/session.hpp"

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
#include "core/limits.hpp"

namespace kurir::smtp {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

// A real SQLite store with alice@example.test, and one SMTP session over a
// loopback socket whose client writes a script in pieces (1 = byte at a time)
// and reads the whole transcript.
class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kurir-smtp-session-test-" + std::to_string(::getpid()) + "-" +
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
    login_ = std::make_unique<service::Login>(*store_);
    config_.hostname = "mx.example.test";
    config_.recipients_per_message = 100;
    listener_.name = "smtp";
    listener_.protocol = Protocol::smtp;
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
    return without_queue_ids(transcript);
  }

  // The queue id is random: "OK queued as 0123456789ABCDEF" reads "OK queued as ID".
  static std::string without_queue_ids(std::string text) {
    static constexpr std::string_view kMark = "queued as ";
    constexpr std::size_t kIdLength = 16;
    for (auto at = text.find(kMark); at != std::string::npos; at = text.find(kMark, at + kMark.size())) {
      const std::size_t id = at + kMark.size();
      if (id + kIdLength <= text.size() &&
          text.substr(id, kIdLength).find_first_not_of("0123456789ABCDEF") == std::string::npos)
        text.replace(id, kIdLength, "ID");
    }
    return text;
  }

  std::vector<std::string> inbox_bytes() {
    std::vector<std::string> out;
    auto metas = store_->list_messages(inbox_);
    EXPECT_TRUE(metas.ok());
    if (!metas.ok()) return out;
    for (const store::MessageMeta& m : *metas) {
      auto bytes = store_->read_content(m.content_id);
      EXPECT_TRUE(bytes.ok());
      if (bytes.ok()) out.push_back(*bytes);
    }
    return out;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<service::Login> login_;
  store::MailboxId inbox_ = 0;
  Config config_;
  ListenerConfig listener_;
  asio::thread_pool workers_{2};
};

const std::string kEhloReply =
    "250-mx.example.test greets client.example.org [127.0.0.1]\r\n"
    "250-PIPELINING\r\n"
    "250-SIZE " + std::to_string(limits::kMaxMessageBytes) + "\r\n"
    "250-8BITMIME\r\n250-SMTPUTF8\r\n250-ENHANCEDSTATUSCODES\r\n250-CHUNKING\r\n250-BINARYMIME\r\n250 DSN\r\n";

// RFC 2920 3.1 and RFC 3030 2 on port 25: two transactions (DATA, then
// BDAT), pipelined, with an unknown local user and a relay attempt among the
// recipients; fed whole and a byte at a time, the transcript is the same,
// and each run stores both messages with their bytes intact.
TEST_F(SessionTest, PipelinedTransactionsAtEverySplit) {
  const std::string script =
      "EHLO client.example.org\r\n"
      "MAIL FROM:<bob@example.net> SIZE=100\r\n"
      "RCPT TO:<alice@example.test>\r\n"
      "RCPT TO:<nobody@example.test>\r\n"
      "RCPT TO:<carol@elsewhere.example>\r\n"
      "DATA\r\n"
      "Subject: one\r\n\r\n..dot\r\nbody\r\n.\r\n"
      "MAIL FROM:<>\r\n"
      "RCPT TO:<alice+tag@example.test>\r\n"
      "BDAT 19 LAST\r\nSubject: two\r\n\r\nx\r\n"
      "QUIT\r\n";
  const std::string expected =
      "220 mx.example.test ESMTP Kurir\r\n" + kEhloReply +
      "250 2.1.0 OK\r\n"
      "250 2.1.5 OK\r\n"
      "550 5.1.1 no such user here\r\n"
      "554 5.7.1 relay access denied\r\n"
      "354 End data with <CR><LF>.<CR><LF>\r\n"
      "250 2.0.0 OK queued as ID\r\n"
      "250 2.1.0 OK\r\n"
      "250 2.1.5 OK\r\n"
      "250 2.0.0 OK queued as ID\r\n"
      "221 2.0.0 mx.example.test closing connection\r\n";
  const std::vector<std::size_t> pieces{script.size(), 1, 7};
  for (std::size_t piece : pieces) EXPECT_EQ(converse(script, piece), expected) << "piece " << piece;
  const auto stored = inbox_bytes();
  ASSERT_EQ(stored.size(), 2 * pieces.size());
  for (std::size_t i = 0; i < stored.size(); i += 2) {
    // RFC 5321 4.4: Return-Path, then this server's Received, then the message as sent (unstuffed).
    EXPECT_TRUE(stored[i].starts_with("Return-Path: <bob@example.net>\r\nReceived: from client.example.org ([127.0.0.1])"))
        << stored[i];
    EXPECT_TRUE(stored[i].ends_with("\r\nSubject: one\r\n\r\n.dot\r\nbody\r\n")) << stored[i];
    EXPECT_TRUE(stored[i + 1].starts_with("Return-Path: <>\r\n")) << stored[i + 1];
    EXPECT_TRUE(stored[i + 1].ends_with("\r\nSubject: two\r\n\r\nx\r\n")) << stored[i + 1];
  }
  EXPECT_TRUE(store_->list_outbound()->empty());
}

// RFC 5321 2.3.8 and the 2023 SMTP smuggling inputs: <LF>.<LF> and <CR>.<CR>
// inside a message do not end it, so the "MAIL FROM" behind them is message
// text, not a second transaction; the message is refused whole.
TEST_F(SessionTest, BareLineEndsNeitherEndNorSmuggle) {
  const std::string script =
      "EHLO client.example.org\r\n"
      "MAIL FROM:<bob@example.net>\r\n"
      "RCPT TO:<alice@example.test>\r\n"
      "DATA\r\n"
      "Subject: smuggler\r\n\r\nhi\n.\nMAIL FROM:<evil@example.net>\r\nRCPT TO:<alice@example.test>\r\n"
      "DATA\r\nSubject: smuggled\r\n\r\nx\r.\r\n.\r\n"
      "QUIT\r\n";
  const std::string expected =
      "220 mx.example.test ESMTP Kurir\r\n" + kEhloReply +
      "250 2.1.0 OK\r\n"
      "250 2.1.5 OK\r\n"
      "354 End data with <CR><LF>.<CR><LF>\r\n"
      "550 5.6.0 message contains a bare CR or LF; lines must end with CRLF (RFC 5321 2.3.8)\r\n"
      "221 2.0.0 mx.example.test closing connection\r\n";
  for (std::size_t piece : {script.size(), std::size_t{1}}) EXPECT_EQ(converse(script, piece), expected);
  EXPECT_TRUE(inbox_bytes().empty());
}

// Submission (RFC 6409) over plain loopback, which the default config allows:
// AUTH PLAIN with an initial response (RFC 4954 4), then one message to a
// local and a remote recipient: the local copy and the outbound queue entry
// are written together (Store::deliver_and_enqueue).
TEST_F(SessionTest, SubmissionDeliversLocallyAndQueuesRemotely) {
  listener_.name = "submission";
  listener_.protocol = Protocol::submission;
  config_.plaintext_auth = PlaintextAuth::loopback;
  // base64("\0alice@example.test\0secret")
  const std::string script =
      "EHLO client.example.org\r\n"
      "AUTH PLAIN AGFsaWNlQGV4YW1wbGUudGVzdABzZWNyZXQ=\r\n"
      "MAIL FROM:<alice@example.test>\r\n"
      "RCPT TO:<carol@remote.example> NOTIFY=FAILURE\r\n"
      "RCPT TO:<alice@example.test>\r\n"
      "DATA\r\n"
      "From: alice@example.test\r\nSubject: both\r\n\r\nhello\r\n.\r\n"
      "QUIT\r\n";
  const std::string transcript = converse(script, 1);
  EXPECT_NE(transcript.find("235 2.7.0 "), std::string::npos) << transcript;
  EXPECT_TRUE(transcript.ends_with("250 2.1.0 OK\r\n250 2.1.5 OK\r\n250 2.1.5 OK\r\n"
                                   "354 End data with <CR><LF>.<CR><LF>\r\n250 2.0.0 OK queued as ID\r\n"
                                   "221 2.0.0 mx.example.test closing connection\r\n"))
      << transcript;
  const auto stored = inbox_bytes();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_TRUE(stored[0].ends_with("\r\nFrom: alice@example.test\r\nSubject: both\r\n\r\nhello\r\n"));
  const auto queued = store_->list_outbound();
  ASSERT_TRUE(queued.ok());
  ASSERT_EQ(queued->size(), 1u);
  const store::OutboundMessage& out = queued->front().message;
  EXPECT_EQ(out.sender, "alice@example.test");
  ASSERT_EQ(out.recipients.size(), 1u);
  EXPECT_EQ(out.recipients[0].address, "carol@remote.example");
  EXPECT_TRUE(out.bytes.starts_with("Received: from client.example.org")) << out.bytes;  // no Return-Path: not delivered yet
  EXPECT_TRUE(out.bytes.ends_with("\r\nSubject: both\r\n\r\nhello\r\n"));
}

TEST_F(SessionTest, ErrorsAreCountedThenTheSessionCloses) {
  std::string script = "EHLO client.example.org\r\n";
  // Nothing follows the 10th error: bytes the server never reads would make
  // its close a reset, which may discard the transcript on the way back.
  for (std::size_t i = 0; i < limits::kMaxSmtpErrors; ++i) script += "FROB\r\n";
  const std::string transcript = converse(script, 1);
  std::string expected = "220 mx.example.test ESMTP Kurir\r\n" + kEhloReply;
  for (std::size_t i = 0; i < limits::kMaxSmtpErrors; ++i) expected += "500 5.5.2 command unrecognized\r\n";
  expected += "421 4.7.0 mx.example.test too many errors, closing connection\r\n";
  EXPECT_EQ(transcript, expected);
}

}  // namespace
}  // namespace kurir::smtp
