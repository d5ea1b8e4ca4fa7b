#include "net/line_reader.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/write.hpp>
#include <thread>

namespace kurir::net {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace std::chrono_literals;

// A connected loopback pair: the server side wrapped in a Stream, the client
// side writing the input in pieces of a given size (1 = a byte at a time).
struct Harness {
  asio::io_context io;
  asio::ssl::context tls{asio::ssl::context::tls_server};
  tcp::socket client{io};
  std::unique_ptr<Stream> stream;
  std::jthread writer;

  Harness() {
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    client.connect(acceptor.local_endpoint());
    client.set_option(tcp::no_delay(true));
    stream = std::make_unique<Stream>(acceptor.accept(), tls);
  }

  void send(std::string_view input, std::size_t piece) {
    writer = std::jthread([this, input = std::string(input), piece] {
      for (std::size_t i = 0; i < input.size(); i += piece)
        asio::write(client, asio::buffer(input.data() + i, std::min(piece, input.size() - i)));
      client.shutdown(tcp::socket::shutdown_send);
    });
  }

  template <class F>
  auto run(F body) {
    auto future = asio::co_spawn(io, body(), asio::use_future);
    io.run();
    io.restart();
    return future.get();
  }
};

struct Read {
  ReadStatus status;
  std::string text;
  bool bare_lf;
  bool operator==(const Read&) const = default;
};

std::vector<Read> read_all(std::string_view input, std::size_t piece, std::size_t max_line) {
  Harness h;
  h.send(input, piece);
  return h.run([&]() -> asio::awaitable<std::vector<Read>> {
    LineReader reader(*h.stream);
    std::vector<Read> out;
    for (;;) {
      auto line = co_await reader.read_line(max_line, 5s);
      out.push_back({line.status, std::string(line.text), line.bare_lf});
      if (line.status == ReadStatus::closed || line.status == ReadStatus::timeout) co_return out;
    }
  });
}

TEST(LineReader, SplitsLinesAtEveryPieceSize) {
  const std::string input = "A1 NOOP\r\nsecond\nthird line\r\n\r\n";
  const std::vector<Read> expected = {{ReadStatus::ok, "A1 NOOP", false},
                                      {ReadStatus::ok, "second", true},
                                      {ReadStatus::ok, "third line", false},
                                      {ReadStatus::ok, "", false},
                                      {ReadStatus::closed, "", false}};
  for (std::size_t piece : {1, 2, 3, 7, 1000}) EXPECT_EQ(read_all(input, piece, 100), expected) << "piece " << piece;
}

TEST(LineReader, OverlongLineIsSkippedAndReadingResumes) {
  const std::string input = std::string(5000, 'x') + "\r\nNEXT\r\n" + std::string(11, 'y') + "\r\n";
  const std::vector<Read> expected = {{ReadStatus::too_long, "", false},
                                      {ReadStatus::ok, "NEXT", false},
                                      {ReadStatus::too_long, "", false},
                                      {ReadStatus::closed, "", false}};
  for (std::size_t piece : {1, 10, 4096}) EXPECT_EQ(read_all(input, piece, 10), expected) << "piece " << piece;
}

TEST(LineReader, LineOfExactlyTheBoundIsKept) {
  const std::string input = std::string(10, 'z') + "\r\n";
  EXPECT_EQ(read_all(input, 1, 10)[0], (Read{ReadStatus::ok, std::string(10, 'z'), false}));
}

TEST(LineReader, UnterminatedTailIsClosedNotALine) {
  EXPECT_EQ(read_all("partial", 1, 100), (std::vector<Read>{{ReadStatus::closed, "", false}}));
}

TEST(LineReader, ReadExactThenLinesAgain) {
  Harness h;
  h.send("{5}\r\nab\r\ncTAIL\r\n", 1);
  auto result = h.run([&]() -> asio::awaitable<std::string> {
    LineReader reader(*h.stream);
    const std::string head((co_await reader.read_line(100, 5s)).text);  // a view: copy before the next read
    std::string literal;
    auto status = co_await reader.read_exact(5, literal, 5s);
    auto tail = co_await reader.read_line(100, 5s);
    co_return head + "|" + literal + "|" + std::string(tail.text) +
        (status == ReadStatus::ok ? "|ok" : "|bad");
  });
  EXPECT_EQ(result, "{5}|ab\r\nc|TAIL|ok");
}

TEST(LineReader, DiscardBufferedDropsPipelinedBytes) {
  Harness h;
  asio::write(h.client, asio::buffer(std::string_view("STARTTLS\r\nINJECTED\r\n")));
  auto dropped = h.run([&]() -> asio::awaitable<std::size_t> {
    LineReader reader(*h.stream);
    auto line = co_await reader.read_line(100, 5s);
    EXPECT_EQ(line.text, "STARTTLS");
    co_return reader.discard_buffered();
  });
  EXPECT_EQ(dropped, 10u);
}

TEST(LineReader, SilenceTimesOut) {
  Harness h;
  auto status = h.run([&]() -> asio::awaitable<ReadStatus> {
    LineReader reader(*h.stream);
    co_return (co_await reader.read_line(100, 1s)).status;
  });
  EXPECT_EQ(status, ReadStatus::timeout);
}

}  // namespace
}  // namespace kurir::net
