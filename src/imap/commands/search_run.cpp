#include "imap/commands/search_run.hpp"

#include <ctime>

#include "imap/message/store_source.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

asio::awaitable<Result<message::SearchResult>> run_search(Connection& c, const std::string& charset,
                                                          std::span<const SearchKey> keys) {
  if (!charset.empty() && charset != "UTF-8" && charset != "US-ASCII")
    co_return make_error(Errc::invalid_argument, "charset " + charset + " is not supported");
  const auto& view = *c.selected;
  message::SearchContext context;
  context.messages = view.messages();
  context.saved = c.saved_search;
  context.now = static_cast<std::int64_t>(std::time(nullptr));
  message::StoreMessageSource source(c.context.store, view.id(), view.messages());
  auto result = co_await c.blocking(
      [&keys, &context, &source] { return message::search_messages(keys, context, source); });
  if (result.ok() && result->modseq_key) c.enabled.condstore = true;
  co_return result;
}

}  // namespace kurir::imap::commands
