// RFC 5256 3 THREAD and UID THREAD (ORDEREDSUBJECT, REFERENCES): the search
// program's matches, threaded by imap/message/thread.hpp.
#include "imap/message/thread.hpp"

#include "imap/commands/handlers.hpp"
#include "imap/commands/search_run.hpp"
#include "imap/message/store_source.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

asio::awaitable<Done> thread(Connection& c, const Command& command) {
  const auto& request = std::get<Thread>(command.body);
  auto found = co_await run_search(c, request.charset, request.keys);
  if (!found.ok()) {
    if (found.error().code == Errc::invalid_argument)
      co_return no("[BADCHARSET (UTF-8 US-ASCII)] " + found.error().message);
    co_return c.internal_error("thread", found.error());
  }
  const auto& view = *c.selected;
  message::StoreMessageSource source(c.context.store, view.id(), view.messages());
  const auto messages = view.messages();
  const auto& indexes = found->indexes;
  const auto algorithm = request.algorithm;
  auto threads = co_await c.blocking([&indexes, &algorithm, &messages, &source] {
    return message::thread_messages(algorithm, indexes, messages, source);
  });
  if (!threads.ok()) co_return c.internal_error("thread", threads.error());
  c.write(message::format_thread_response(*threads, messages, request.uid));
  co_return ok(std::string(request.uid ? "UID " : "") + "THREAD completed");
}

}  // namespace kurir::imap::commands
