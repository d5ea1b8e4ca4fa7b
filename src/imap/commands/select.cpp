// RFC 9051 6.3.2 SELECT and 6.3.3 EXAMINE, with CONDSTORE (RFC 7162 3.1.8)
// and QRESYNC (RFC 7162 3.2.5): the mailbox's state, then, for QRESYNC, what
// changed since the client's last known MODSEQ (VANISHED (EARLIER) and FETCH).
#include <algorithm>
#include <set>

#include "imap/commands/handlers.hpp"
#include "imap/message/sequence_set.hpp"
#include "imap/response.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

namespace {

// RFC 7162 3.2.5.2: the known UIDs the client gave, to limit VANISHED.
bool client_knows(const Select::Qresync& q, store::Uid uid) {
  if (!q.known_uids) return true;
  return message::sequence_set_contains(*q.known_uids, uid, 0xFFFFFFFEu);
}

}  // namespace

asio::awaitable<Done> select(Connection& c, const Command& command) {
  const auto& request = std::get<Select>(command.body);
  if (request.qresync && !c.enabled.qresync) co_return bad("QRESYNC is not enabled");  // RFC 7162 3.2.5
  // RFC 9051 6.3.2: a SELECT deselects the current mailbox first, even when
  // it then fails; RFC 7162 3.2.11 / RFC 9051 7.1: say so with CLOSED.
  if (c.selected) {
    c.select(std::nullopt);
    c.write("* OK [CLOSED] previous mailbox closed\r\n");
  }
  Done refusal;
  auto mailbox = co_await find_mailbox(c, request.mailbox, false, refusal);
  if (!mailbox.ok()) co_return refusal;
  auto& store = c.context.store;
  const auto id = mailbox->id;
  auto messages = co_await c.blocking([&store, id] { return store.list_messages(id); });
  if (!messages.ok()) co_return c.internal_error("list messages", messages.error());
  if (request.condstore) c.enabled.condstore = true;  // RFC 7162 3.1.8

  SelectedMailbox view(std::move(*mailbox), std::move(*messages), request.read_only);
  std::set<std::string> keywords;
  std::uint32_t first_unseen = 0;
  for (std::uint32_t i = 0; i < view.count(); ++i) {
    const auto& m = view.messages()[i];
    keywords.insert(m.flags.keywords.begin(), m.flags.keywords.end());
    if (!first_unseen && !(m.flags.system & store::kSeen)) first_unseen = i + 1;
  }
  std::string flags = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";
  for (const auto& k : keywords) flags += " " + k;
  c.write("* FLAGS (" + flags + ")\r\n");  // RFC 9051 7.3.5
  c.write("* " + std::to_string(view.count()) + " EXISTS\r\n");
  if (!c.enabled.imap4rev2) {
    c.write(
        "* 0 RECENT\r\n");  // RFC 3501 6.3.1; XXX RFC 3501 2.3.2: \Recent is never set (IMAP4rev2 drops it)
    if (first_unseen) c.write("* OK [UNSEEN " + std::to_string(first_unseen) + "] first unseen message\r\n");
  }
  // RFC 9051 7.1 PERMANENTFLAGS: \* as new keywords may be created (not in a read-only view).
  if (request.read_only)
    c.write("* OK [PERMANENTFLAGS ()] read-only mailbox\r\n");
  else
    c.write("* OK [PERMANENTFLAGS (" + flags + " \\*)] flags permitted\r\n");
  c.write("* OK [UIDVALIDITY " + std::to_string(view.mailbox().uidvalidity) + "] UIDs valid\r\n");
  c.write("* OK [UIDNEXT " + std::to_string(view.uidnext()) + "] predicted next UID\r\n");
  c.write("* OK [HIGHESTMODSEQ " + std::to_string(view.highest_modseq()) +
          "] highest modseq\r\n");  // RFC 7162 3.1.2.1
  if (c.enabled.imap4rev2) {
    // RFC 9051 6.3.2: the mailbox's name as LIST spells it.
    std::string attributes = store::special_use_attribute(view.mailbox().special_use);
    c.write("* LIST (" + attributes + ") \"/\" " + mailbox_name(view.mailbox().name, c.utf8()) + "\r\n");
  }

  // RFC 7162 3.2.5.2: the changes since the client's MODSEQ, when its UIDVALIDITY still holds.
  if (request.qresync && request.qresync->uidvalidity == view.mailbox().uidvalidity) {
    const auto since = request.qresync->modseq;
    auto changes = co_await c.blocking([&store, id, since] { return store.changes_since(id, since); });
    if (!changes.ok()) co_return c.internal_error("changes since", changes.error());
    std::vector<std::uint32_t> vanished;
    for (auto uid : changes->expunged)
      if (uid < view.uidnext() && client_knows(*request.qresync, uid)) vanished.push_back(uid);
    if (!vanished.empty()) c.write("* VANISHED (EARLIER) " + number_set(vanished) + "\r\n");
    for (const auto& meta : changes->changed)
      if (auto index = view.index_of(meta.uid))
        c.write(flags_fetch(*index + 1, view.messages()[*index], true, true));
  }
  c.select(std::move(view));
  co_return ok(request.read_only ? "[READ-ONLY] EXAMINE completed" : "[READ-WRITE] SELECT completed");
}

}  // namespace kurir::imap::commands
