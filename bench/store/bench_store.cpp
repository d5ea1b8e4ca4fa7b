// Deliveries per second of N messages into the SQLite store from T threads,
// with group commit (OpenOptions::max_batch default) and with one commit per
// message (max_batch = 1), in one run. Each mode runs in a forked child with
// a fresh temp database, so its peak RSS (ru_maxrss) is its own.
//
// Each delivering thread builds a distinct ~4 KiB message, parses it
// (mime::parse_message, as an SMTP worker would) and delivers it to one
// account's INBOX; the time covers parse + deliver, which returns only after
// the commit holding it is fsynced.
//
// Usage: bench_store [--messages N] [--threads T] [--dir BASE]
// Prints one line per mode and the ratio, as "key=value" fields.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/limits.hpp"
#include "mime/message.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace {

using kurir::store::sqlite::SqliteStore;

struct Options {
  int messages = 10000;
  int threads = 16;
  int accounts = 10;
  std::filesystem::path base = std::filesystem::temp_directory_path();
};

struct Outcome {
  double seconds = 0;
  long failures = 0;
  long peak_kib = 0;
  unsigned long long commits = 0;
  unsigned long long transactions = 0;
};

std::string make_message(int n) {
  std::string body;
  // About 4 KiB of text lines, different per message so no content is shared.
  for (int line = 0; body.size() < 4000; ++line) {
    body += "Line " + std::to_string(line) + " of message " + std::to_string(n) +
            ": the quick brown fox jumps over the lazy dog.\r\n";
  }
  return "Return-Path: <sender@example.net>\r\n"
         "From: Sender <sender@example.net>\r\n"
         "To: user@example.org\r\n"
         "Subject: Benchmark message " + std::to_string(n) + "\r\n"
         "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
         "Message-ID: <bench-" + std::to_string(n) + "@example.net>\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: text/plain; charset=utf-8\r\n"
         "\r\n" + body;
}

// Runs one mode in this process; returns the outcome.
Outcome run_mode(const Options& options, std::size_t max_batch) {
  std::random_device rd;
  auto dir = options.base / ("kurir-bench-store-" + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  Outcome out;
  {
    auto opened = SqliteStore::open(dir / "kurir.db", {.max_batch = max_batch, .external_poll_ms = 0});
    if (!opened) {
      std::fprintf(stderr, "open: %s\n", opened.error().message.c_str());
      std::exit(2);
    }
    auto& store = *opened;
    if (!store->add_domain("example.org")) std::exit(2);
    std::vector<kurir::store::AccountId> accounts;
    for (int i = 0; i < options.accounts; ++i) {
      auto a = store->add_account("user" + std::to_string(i) + "@example.org", "x");
      if (!a) std::exit(2);
      accounts.push_back(a->id);
    }
    const std::uint64_t commits_before = store->commits();
    const std::uint64_t transactions_before = store->transactions();
    std::atomic<int> next{0};
    std::atomic<long> failures{0};
    auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < options.threads; ++t) {
      threads.emplace_back([&] {
        for (int n = next++; n < options.messages; n = next++) {
          kurir::store::MessageInput in;
          in.bytes = make_message(n);
          in.parsed = kurir::mime::parse_message(in.bytes);
          kurir::store::DeliveryTarget target{accounts[static_cast<std::size_t>(n % options.accounts)], "INBOX"};
          if (!store->deliver(std::move(in), std::span(&target, 1))) ++failures;
        }
      });
    }
    for (auto& th : threads) th.join();
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out.failures = failures;
    out.commits = store->commits() - commits_before;
    out.transactions = store->transactions() - transactions_before;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  out.peak_kib = usage.ru_maxrss;
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return out;
}

// Forks a child for the mode (before this process starts any thread).
Outcome run_in_child(const Options& options, std::size_t max_batch) {
  int fds[2];
  if (pipe(fds) != 0) std::exit(2);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    Outcome o = run_mode(options, max_batch);
    ssize_t w = write(fds[1], &o, sizeof o);
    _exit(w == static_cast<ssize_t>(sizeof o) ? 0 : 3);
  }
  close(fds[1]);
  Outcome o;
  ssize_t r = read(fds[0], &o, sizeof o);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (r != static_cast<ssize_t>(sizeof o) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "benchmark child failed\n");
    std::exit(2);
  }
  return o;
}

void print(const char* mode, const Options& options, const Outcome& o) {
  std::printf("mode=%s messages=%d threads=%d seconds=%.3f msgs_per_s=%.1f commits=%llu txn_per_commit=%.1f "
              "failures=%ld peak_rss_mib=%.1f\n",
              mode, options.messages, options.threads, o.seconds, options.messages / o.seconds, o.commits,
              o.commits ? static_cast<double>(o.transactions) / static_cast<double>(o.commits) : 0.0, o.failures,
              static_cast<double>(o.peak_kib) / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string key = argv[i];
    if (key == "--messages") options.messages = std::atoi(argv[i + 1]);
    else if (key == "--threads") options.threads = std::atoi(argv[i + 1]);
    else if (key == "--accounts") options.accounts = std::atoi(argv[i + 1]);
    else if (key == "--dir") options.base = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: %s [--messages N] [--threads T] [--accounts A] [--dir BASE]\n", argv[0]);
      return 2;
    }
  }
  if (options.messages <= 0 || options.threads <= 0 || options.accounts <= 0) return 2;
  Outcome group = run_in_child(options, kurir::limits::kMaxCommitBatch);
  print("group_commit", options, group);
  std::fflush(stdout);
  Outcome single = run_in_child(options, 1);
  print("commit_per_message", options, single);
  std::printf("ratio=%.2f\n", (options.messages / group.seconds) / (options.messages / single.seconds));
  return group.failures + single.failures == 0 ? 0 : 1;
}
