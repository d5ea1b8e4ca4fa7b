#include "imap/session.hpp"

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

namespace kurir::imap {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

// A real SQLite store with alice's INBOX holding two messages, and one IMAP
// session over a loopback socket whose client writes a script in pieces
// (1 = a byte at a time) and reads the whole transcript.
class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kurir-imap-session-test-" + std::to_string(::getpid()) + "-" +
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
    for (const std::string bytes : {"Subject: one\r\n\r\nfirst\r\n", "Subject: two\r\n\r\nbody\r\n"}) {
      store::MessageInput input;
      input.bytes = bytes;
      input.parsed = mime::parse_message(bytes);
      ASSERT_TRUE(store_->append(inbox_, std::move(input)).ok());
    }
    uidvalidity_ = std::to_string(store_->get_mailbox(inbox_)->uidvalidity);
    login_ = std::make_unique<service::Login>(*store_);
    listener_.name = "imap";
    listener_.protocol = Protocol::imap;
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
      boost::system::error_code ec;
      for (std::size_t i = 0; i < script.size() && !ec; i += piece)
        asio::write(client, asio::buffer(script.data() + i, std::min(piece, script.size() - i)), ec);
      asio::read(client, asio::dynamic_buffer(transcript), ec);  // until the server closes (LOGOUT)
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
    // The capability lists are long and tested end to end; keep the transcript readable.
    // (Without std::regex: g++ 12 with ASan warns inside <regex>.)
    for (std::size_t at = transcript.find("[CAPABILITY "); at != std::string::npos;
         at = transcript.find("[CAPABILITY ", at + 1)) {
      const std::size_t end = transcript.find(']', at);
      if (end == std::string::npos) break;
      transcript.replace(at, end + 1 - at, "[CAPABILITY]");
    }
    return transcript;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<service::Login> login_;
  store::MailboxId inbox_ = 0;
  std::string uidvalidity_;
  Config config_;
  ListenerConfig listener_;
  asio::thread_pool workers_{2};
};

// RFC 9051 2.2.1 / 4.3: a pipelined script with a synchronizing literal,
// fed whole and a byte at a time, gives the same transcript.
TEST_F(SessionTest, PipelinedScriptWithLiteralsAtEverySplit) {
  const std::string script =
      "a LOGIN {18}\r\nalice@example.test secret\r\n"
      "b SELECT INBOX\r\n"
      "c FETCH 1:2 (UID FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\n"
      "d UID SEARCH SUBJECT two\r\n"
      "e NOOP\r\n"
      "f LOGOUT\r\n";
  const std::string expected =
      "* OK [CAPABILITY] Kurir IMAP server ready\r\n"
      "+ Ready for literal data\r\n"
      "a OK [CAPABILITY] logged in\r\n"
      "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
      "* 2 EXISTS\r\n"
      "* 0 RECENT\r\n"
      "* OK [UNSEEN 1] first unseen message\r\n"
      "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] flags permitted\r\n"
      "* OK [UIDVALIDITY " +
      uidvalidity_ +
      "] UIDs valid\r\n"
      "* OK [UIDNEXT 3] predicted next UID\r\n"
      "* OK [HIGHESTMODSEQ 3] highest modseq\r\n"
      "b OK [READ-WRITE] SELECT completed\r\n"
      "* 1 FETCH (UID 1 FLAGS () BODY[HEADER.FIELDS (SUBJECT)] {16}\r\nSubject: one\r\n\r\n)\r\n"
      "* 2 FETCH (UID 2 FLAGS () BODY[HEADER.FIELDS (SUBJECT)] {16}\r\nSubject: two\r\n\r\n)\r\n"
      "c OK FETCH completed\r\n"
      "* SEARCH 2\r\n"
      "d OK UID SEARCH completed\r\n"
      "e OK NOOP completed\r\n"
      "* BYE Kurir IMAP server logging out\r\n"
      "f OK LOGOUT completed\r\n";
  for (std::size_t piece : {script.size(), std::size_t{1}, std::size_t{7}})
    EXPECT_EQ(converse(script, piece), expected) << "piece " << piece;
}

// APPEND with a literal, STORE and EXPUNGE write through the store; the
// session reports its own APPEND as EXISTS and its EXPUNGE by number.
TEST_F(SessionTest, AppendStoreExpungeAtByteSplits) {
  const std::string message = "Subject: three\r\n\r\nnew\r\n";
  const std::string script =
      "a LOGIN alice@example.test secret\r\nb SELECT INBOX\r\n"
      "c APPEND INBOX (\\Seen) {" +
      std::to_string(message.size()) + "}\r\n" + message +
      "\r\nd STORE 1 +FLAGS.SILENT (\\Deleted)\r\ne EXPUNGE\r\nf LOGOUT\r\n";
  const std::string transcript = converse(script, 1);
  EXPECT_NE(transcript.find("* 3 EXISTS\r\nc OK [APPENDUID " + uidvalidity_ + " 3] APPEND completed\r\n"),
            std::string::npos)
      << transcript;
  EXPECT_NE(transcript.find("d OK STORE completed\r\n* 1 EXPUNGE\r\ne OK EXPUNGE completed\r\n"),
            std::string::npos)
      << transcript;
  auto left = store_->list_messages(inbox_);
  ASSERT_EQ(left->size(), 2u);
  EXPECT_EQ(left->front().uid, 2u);
  EXPECT_EQ(left->back().flags.system, store::kSeen);
}

// Bad syntax and wrong state are BAD, never fatal; the 20th BAD in a row closes.
TEST_F(SessionTest, BadCommandsAreAnsweredThenTheSessionCloses) {
  std::string script = "a SELECT INBOX\r\nb FETCH\r\n";
  for (int i = 0; i < 18; ++i) script += "x" + std::to_string(i) + " FROB\r\n";
  const std::string transcript = converse(script, 3);
  EXPECT_TRUE(
      transcript.starts_with("* OK [CAPABILITY] Kurir IMAP server ready\r\na BAD log in first\r\nb BAD "))
      << transcript;
  EXPECT_TRUE(transcript.ends_with("* BYE too many bad commands\r\n")) << transcript;
}

}  // namespace
}  // namespace kurir::imap
