// RFC 9051 6.4.4 SEARCH and UID SEARCH, evaluated by imap/message/search.hpp;
// ESEARCH answers (RFC 4731, and always once IMAP4rev2 is enabled), SAVE to
// "$" (RFC 5182), MODSEQ (RFC 7162 3.1.5).
#include "imap/message/search.hpp"

#include "imap/commands/handlers.hpp"
#include "imap/commands/search_run.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

asio::awaitable<Done> search(Connection& c, const Command& command) {
  const auto& request = std::get<Search>(command.body);
  auto found = co_await run_search(c, request.charset, request.keys);
  if (!found.ok()) {
    if (found.error().code == Errc::invalid_argument)
      co_return no("[BADCHARSET (UTF-8 US-ASCII)] " + found.error().message);
    co_return c.internal_error("search", found.error());
  }
  const auto& view = *c.selected;
  std::vector<std::uint32_t> numbers;
  for (auto i : found->indexes) numbers.push_back(request.uid ? view.messages()[i].uid : i + 1);
  SearchReturn returns = request.returns;
  // RFC 9051 6.4.4: an IMAP4rev2 client gets ESEARCH, RETURN () meaning ALL.
  if (c.enabled.imap4rev2 && !returns.given) {
    returns.given = true;
    returns.all = true;
  }
  // RFC 4731 3.2 / RFC 5182 2.4: with MIN and/or MAX alone, MODSEQ and SAVE
  // concern only those matches.
  const auto returned = returns.given ? message::returned_matches(found->indexes, returns) : found->indexes;
  std::optional<store::ModSeq> modseq;
  if (found->modseq_key && !returned.empty()) modseq = message::highest_modseq(returned, view.messages());
  if (returns.save) {
    c.saved_search.clear();
    for (auto i : returned) c.saved_search.push_back(view.messages()[i].uid);
  }
  if (returns.given)
    c.write(message::format_esearch_response(command.tag, request.uid, returns, numbers, modseq));
  else
    c.write(message::format_search_response(numbers, modseq));
  co_return ok(std::string(request.uid ? "UID " : "") + "SEARCH completed");
}

}  // namespace kurir::imap::commands
