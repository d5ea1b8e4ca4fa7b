// IMAP load generator for bench/imap: CLIENTS threads, each logged in as its
// own user, run sessions of the mix that imaptest-style benchmarks use until
// the time is up, and the operations completed are counted:
//
//   LOGIN, SELECT INBOX, FETCH 20 messages (UID FLAGS ENVELOPE), FETCH 3
//   random whole messages (BODY.PEEK[]), STORE +FLAGS/-FLAGS \Flagged on 5,
//   APPEND a 5 KiB message, STORE \Deleted on it, EXPUNGE, LOGOUT.
//
// A session appends one message and expunges it, so mailboxes keep their
// size. Each user has a mailbox of its own, so sequence numbers are known
// without parsing more than EXISTS. Any NO or BAD counts as an error and ends
// that session. Prints one line: "operations N errors E seconds S".
//
//   imap_load --port P --clients C --seconds S --user 'user%d@example.test' --password X
//
// Plain blocking sockets and a thread per client: the generator must cost
// little and be the same for both servers.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

struct Options {
  int port = 0;
  int clients = 10;
  double seconds = 10;
  std::string user = "user%d@example.test";
  std::string password;
};

class Connection {
 public:
  explicit Connection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      throw std::runtime_error(std::string("connect: ") + std::strerror(errno));
    }
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() { ::close(fd_); }

  void send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("send");
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  // One response line with any literals it announces read into it.
  std::string response_line() {
    std::string out;
    for (;;) {
      std::string part = raw_line();
      out += part;
      if (part.empty() || part.back() != '}') return out;
      const auto open = part.rfind('{');
      if (open == std::string::npos) return out;
      const std::size_t size = std::strtoull(part.c_str() + open + 1, nullptr, 10);
      out += read_exact(size);
    }
  }

  // Sends "tag command" and reads to the tagged answer. Returns the value of
  // "* N EXISTS" if one came (else -1). Throws unless the answer is OK.
  long command(const std::string& tag, std::string_view text) {
    send(tag + " " + std::string(text) + "\r\n");
    return finish(tag);
  }

  long finish(const std::string& tag) {
    long exists = -1;
    for (;;) {
      const std::string line = response_line();
      if (line.starts_with(tag + " ")) {
        if (line.compare(tag.size() + 1, 2, "OK") != 0) throw std::runtime_error(line);
        return exists;
      }
      if (line.starts_with("* ") && line.ends_with(" EXISTS")) exists = std::strtol(line.c_str() + 2, nullptr, 10);
    }
  }

 private:
  bool fill() {
    if (start_ > 0 && start_ == buffer_.size()) {
      buffer_.clear();
      start_ = 0;
    }
    char chunk[16384];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  std::string raw_line() {
    for (;;) {
      const auto end = buffer_.find("\r\n", start_);
      if (end != std::string::npos) {
        std::string line = buffer_.substr(start_, end - start_);
        start_ = end + 2;
        return line;
      }
      if (!fill()) throw std::runtime_error("connection closed");
    }
  }

  std::string read_exact(std::size_t size) {
    while (buffer_.size() - start_ < size)
      if (!fill()) throw std::runtime_error("connection closed in a literal");
    std::string out = buffer_.substr(start_, size);
    start_ += size;
    return out;
  }

  int fd_ = -1;
  std::string buffer_;
  std::size_t start_ = 0;
};

std::string make_message(std::mt19937& rng) {
  std::string body;
  while (body.size() < 5 * 1024) body += "load generator line of text " + std::to_string(rng()) + "\r\n";
  return "From: load@example.org\r\nTo: user@example.test\r\nSubject: appended\r\n"
         "Date: Mon, 1 Jan 2024 00:00:00 +0000\r\n\r\n" + body;
}

// One session of the mix; returns the operations completed.
long session(const Options& options, int client, std::mt19937& rng) {
  Connection c(options.port);
  c.response_line();  // greeting
  char user[256];
  std::snprintf(user, sizeof user, options.user.c_str(), client);
  long ops = 0;
  int next = 0;
  auto tag = [&next] { return "t" + std::to_string(++next); };
  c.command(tag(), "LOGIN \"" + std::string(user) + "\" \"" + options.password + "\"");
  ++ops;
  const long exists = c.command(tag(), "SELECT INBOX");
  ++ops;
  if (exists < 20) throw std::runtime_error("the mailbox needs at least 20 messages");
  std::uniform_int_distribution<long> any(1, exists);
  std::uniform_int_distribution<long> window(1, exists - 19);
  const long first = window(rng);
  c.command(tag(), "FETCH " + std::to_string(first) + ":" + std::to_string(first + 19) + " (UID FLAGS ENVELOPE)");
  ++ops;
  for (int i = 0; i < 3; ++i, ++ops) c.command(tag(), "FETCH " + std::to_string(any(rng)) + " (BODY.PEEK[])");
  std::string set;
  for (int i = 0; i < 5; ++i) set += (i ? "," : "") + std::to_string(any(rng));
  c.command(tag(), "STORE " + set + (rng() % 2 ? " +" : " -") + "FLAGS.SILENT (\\Flagged)");
  ++ops;
  const std::string message = make_message(rng);
  const std::string append = tag();
  c.send(append + " APPEND INBOX (\\Seen) {" + std::to_string(message.size()) + "}\r\n");
  for (std::string line = c.response_line(); !line.starts_with("+"); line = c.response_line())
    if (line.starts_with(append + " ")) throw std::runtime_error(line);
  c.send(message + "\r\n");
  const long after = c.finish(append);
  ++ops;
  // The server announces the new message at the latest at the next command.
  const long appended = after > 0 ? after : c.command(tag(), "NOOP");
  c.command(tag(), "STORE " + std::to_string(appended > 0 ? appended : exists + 1) + " +FLAGS.SILENT (\\Deleted)");
  ++ops;
  c.command(tag(), "EXPUNGE");
  ++ops;
  c.command(tag(), "LOGOUT");
  ++ops;
  return ops;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view key = argv[i];
    const char* value = argv[i + 1];
    if (key == "--port") o.port = std::atoi(value);
    else if (key == "--clients") o.clients = std::atoi(value);
    else if (key == "--seconds") o.seconds = std::atof(value);
    else if (key == "--user") o.user = value;
    else if (key == "--password") o.password = value;
    else throw std::runtime_error("unknown option " + std::string(key));
  }
  if (o.port <= 0 || o.clients <= 0 || o.seconds <= 0) throw std::runtime_error("usage: see the file's header");
  return o;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse(argc, argv);
  std::atomic<long> operations{0}, errors{0};
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::duration<double>(options.seconds);
  std::vector<std::jthread> threads;
  for (int client = 0; client < options.clients; ++client) {
    threads.emplace_back([&, client] {
      std::mt19937 rng(static_cast<unsigned>(client) * 7919u + 1u);
      while (std::chrono::steady_clock::now() < deadline) {
        try {
          operations += session(options, client, rng);
        } catch (const std::exception& e) {
          if (++errors <= 3) std::fprintf(stderr, "client %d: %s\n", client, e.what());
        }
      }
    });
  }
  threads.clear();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("operations %ld errors %ld seconds %.3f\n", operations.load(), errors.load(), seconds);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "imap_load: %s\n", e.what());
  return 2;
}
