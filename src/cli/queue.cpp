// kurir queue list|show|retry|drop: the outbound queue (src/queue/), read
// and changed through the store; a running `kurir serve` sees the changes
// at its next look at the queue ([queue] poll_ms).
#include <boost/json.hpp>
#include <fmt/format.h>

#include <ctime>
#include <iostream>

#include "cli/command.hpp"

namespace kurir::cli {

namespace {

std::string when(std::int64_t seconds) {
  if (seconds == 0) return "now";
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

boost::json::object attempt_json(const store::OutboundAttempt& a) {
  return {{"at", a.at}, {"host", a.host}, {"code", a.code}, {"reply", a.reply}};
}

boost::json::object message_json(const store::OutboundState& s, bool history) {
  boost::json::array recipients;
  for (const auto& r : s.recipients) {
    boost::json::object o{{"address", r.recipient.address},
                          {"status", store::recipient_status_name(r.status)},
                          {"attempts", r.attempts},
                          {"next_attempt", r.next_attempt}};
    if (r.last.at != 0) o["last"] = attempt_json(r.last);
    if (history) {
      boost::json::array h;
      for (const auto& a : r.history) h.push_back(attempt_json(a));
      o["history"] = std::move(h);
    }
    recipients.push_back(std::move(o));
  }
  return {{"id", s.id},
          {"sender", s.message.sender},
          {"created", s.message.created},
          {"size", s.message.bytes.size()},
          {"recipients", std::move(recipients)}};
}

void print_text(const store::OutboundState& s, bool history) {
  std::cout << fmt::format("{}  from <{}>  queued {}\n", s.id, s.message.sender, when(s.message.created));
  for (const auto& r : s.recipients) {
    std::cout << fmt::format("    <{}>  {}  attempts {}", r.recipient.address, store::recipient_status_name(r.status),
                             r.attempts);
    if (r.status == store::RecipientStatus::queued) std::cout << "  next " << when(r.next_attempt);
    if (r.last.at != 0) std::cout << fmt::format("  last: {} {} {}", r.last.host, r.last.code, r.last.reply);
    std::cout << "\n";
    if (history)
      for (const auto& a : r.history)
        std::cout << fmt::format("        {}  {}  {} {}\n", when(a.at), a.host.empty() ? "-" : a.host, a.code, a.reply);
  }
}

}  // namespace

void add_queue_command(CLI::App& app, GlobalOptions& options) {
  auto* queue = app.add_subcommand("queue", "Show and manage the outbound queue");
  queue->require_subcommand(1);
  static std::int64_t id = 0;
  static bool all = false;

  auto* list = queue->add_subcommand("list", "List queued messages and their recipients' state");
  list->callback([&options] {
    auto store = open_store_or_fail(options);
    auto states = take(store->list_outbound_state());
    if (options.json) {
      boost::json::array out;
      for (const auto& s : states) out.push_back(message_json(s, false));
      print_json(out);
      return;
    }
    if (states.empty()) std::cout << "the queue is empty\n";
    for (const auto& s : states) print_text(s, false);
  });

  auto* show = queue->add_subcommand("show", "Show one queued message with every attempt's reply");
  show->add_option("id", id, "Queue id (from kurir queue list)")->required();
  show->callback([&options] {
    auto store = open_store_or_fail(options);
    auto s = take(store->get_outbound(id, false));
    if (options.json) print_json(message_json(s, true));
    else print_text(s, true);
  });

  auto* retry = queue->add_subcommand("retry", "Try a queued message (or, with --all, every one) again now");
  retry->add_option("id", id, "Queue id");
  retry->add_flag("--all", all, "Every queued message");
  retry->callback([&options] {
    if (id == 0 && !all) fail("name a queue id, or --all", kExitUsage);
    auto store = open_store_or_fail(options);
    take(store->retry_outbound(all ? 0 : id));
    print_result(options, {{"retry", all ? std::string("all") : std::to_string(id)}},
                 all ? std::string("every queued message is due now") : fmt::format("message {} is due now", id));
  });

  auto* drop = queue->add_subcommand("drop", "Remove a queued message without telling its sender");
  drop->add_option("id", id, "Queue id")->required();
  drop->callback([&options] {
    auto store = open_store_or_fail(options);
    take(store->drop_outbound(id));
    print_result(options, {{"dropped", id}}, fmt::format("dropped message {}", id));
  });
}

}  // namespace kurir::cli
