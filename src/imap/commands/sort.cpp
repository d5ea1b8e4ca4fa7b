// RFC 5256 3 SORT and UID SORT: the search program's matches, ordered by
// imap/message/sort.hpp.
#include "imap/message/sort.hpp"

#include "imap/commands/handlers.hpp"
#include "imap/commands/search_run.hpp"
#include "imap/message/store_source.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

asio::awaitable<Done> sort(Connection& c, const Command& command) {
  const auto& request = std::get<Sort>(command.body);
  if (request.returns.given) co_return bad("SORT RETURN (ESORT) is not offered");
  auto found = co_await run_search(c, request.charset, request.keys);
  if (!found.ok()) {
    if (found.error().code == Errc::invalid_argument)
      co_return no("[BADCHARSET (UTF-8 US-ASCII)] " + found.error().message);
    co_return c.internal_error("sort", found.error());
  }
  const auto& view = *c.selected;
  message::StoreMessageSource source(c.context.store, view.id(), view.messages());
  const auto messages = view.messages();
  const auto& indexes = found->indexes;
  const auto& criteria = request.criteria;
  auto sorted = co_await c.blocking([&indexes, &criteria, &messages, &source] {
    return message::sort_messages(indexes, criteria, messages, source);
  });
  if (!sorted.ok()) co_return c.internal_error("sort", sorted.error());
  std::vector<std::uint32_t> numbers;
  for (auto i : *sorted) numbers.push_back(request.uid ? messages[i].uid : i + 1);
  c.write(message::format_sort_response(numbers));
  co_return ok(std::string(request.uid ? "UID " : "") + "SORT completed");
}

}  // namespace kurir::imap::commands
