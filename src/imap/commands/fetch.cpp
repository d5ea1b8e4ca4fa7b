// RFC 9051 6.4.5 FETCH and 6.4.9 UID FETCH: every item, rendered by
// imap/message/fetch.hpp from the stored meta, parse and bytes; CONDSTORE's
// CHANGEDSINCE and MODSEQ (RFC 7162 3.1.4) and QRESYNC's VANISHED (RFC 7162
// 3.2.6). BODY[...] without .PEEK sets \Seen first and reports the new FLAGS.
// Large bodies are written in chunks straight from the stored bytes.
#include <algorithm>

// g++ 12 misreads Asio's coroutine frame allocation (awaitable_frame_base's
// own operator new/delete pair) in this file as a mismatched pair; the same
// false warning cmake/warnings.cmake turns off under ASan.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include "core/limits.hpp"
#include "imap/commands/handlers.hpp"
#include "imap/message/fetch.hpp"
#include "imap/message/sequence_set.hpp"
#include "imap/response.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

namespace {

bool has_item(const std::vector<FetchItem>& items, FetchItem::Kind kind) {
  return std::any_of(items.begin(), items.end(), [kind](const FetchItem& i) { return i.kind == kind; });
}

FetchItem item(FetchItem::Kind kind) {
  FetchItem i;
  i.kind = kind;
  return i;
}

struct Loaded {
  mime::ParsedMessage structure;
  std::string content;
};

// The stored parse, and the bytes when asked for (on a worker).
Status load(store::Store& st, std::int64_t content_id, bool content, Loaded& loaded) {
  auto structure = st.read_structure(content_id);
  if (!structure.ok()) return structure.error();
  loaded.structure = std::move(*structure);
  if (content) {
    auto bytes = st.read_content(content_id);
    if (!bytes.ok()) return bytes.error();
    loaded.content = std::move(*bytes);
  }
  return Status{};
}

// Sets \Seen on the messages that the items would mark read (RFC 9051
// 6.4.5) and returns which view indexes changed.
asio::awaitable<Result<std::vector<bool>>> mark_seen(Connection& c,
                                                     const std::vector<std::uint32_t>& indexes) {
  auto& view = *c.selected;
  std::vector<store::Uid> unseen;
  for (auto i : indexes)
    if (!(view.messages()[i].flags.system & store::kSeen) && !view.expunge_pending(i))
      unseen.push_back(view.messages()[i].uid);
  std::vector<bool> changed(view.count(), false);
  if (unseen.empty()) co_return changed;
  store::FlagChange change;
  change.mode = store::FlagChange::Mode::add;
  change.flags.system = store::kSeen;
  auto& st = c.context.store;
  const auto id = view.id();
  auto result =
      co_await c.blocking([&st, id, &unseen, &change] { return st.change_flags(id, unseen, change); });
  if (!result.ok()) co_return result.error();
  for (const auto& meta : result->changed)
    if (auto index = view.update(meta)) changed[*index] = true;
  co_return changed;
}

}  // namespace

asio::awaitable<Done> fetch(Connection& c, const Command& command) {
  const auto& request = std::get<Fetch>(command.body);
  auto& view = *c.selected;
  auto indexes = view.resolve(request.set, request.uid, c.saved_search);
  if (!indexes) co_return bad("invalid message sequence number");
  if (request.vanished && (!c.enabled.qresync || !request.uid || !request.changed_since))
    co_return bad("VANISHED needs QRESYNC enabled, UID FETCH and CHANGEDSINCE");  // RFC 7162 3.2.6
  auto& st = c.context.store;

  std::vector<FetchItem> items = request.items;
  if (request.changed_since) {
    c.enabled.condstore = true;  // RFC 7162 3.1: CONDSTORE-enabling
    const auto since = *request.changed_since;
    std::erase_if(*indexes, [&](std::uint32_t i) { return view.messages()[i].modseq <= since; });
    if (!has_item(items, FetchItem::Kind::modseq)) items.push_back(item(FetchItem::Kind::modseq));
    if (request.vanished) {
      // RFC 7162 3.2.6: the UIDs of the set expunged since then.
      const auto id = view.id();
      auto changes = co_await c.blocking([&st, id, since] { return st.changes_since(id, since); });
      if (!changes.ok()) co_return c.internal_error("changes since", changes.error());
      std::vector<std::uint32_t> gone;
      for (auto uid : changes->expunged)
        if (message::sequence_set_contains(request.set, uid, view.uidnext() - 1)) gone.push_back(uid);
      if (!gone.empty()) c.write("* VANISHED (EARLIER) " + number_set(gone) + "\r\n");
    }
  }
  // RFC 9051 6.4.9: UID FETCH answers the UID, asked for or not. RFC 7162
  // 3.1: once CONDSTORE is enabled, every FETCH response carries UID and MODSEQ.
  if ((request.uid || c.enabled.condstore) && !has_item(items, FetchItem::Kind::uid))
    items.insert(items.begin(), item(FetchItem::Kind::uid));
  if (c.enabled.condstore && !has_item(items, FetchItem::Kind::modseq))
    items.push_back(item(FetchItem::Kind::modseq));

  std::vector<bool> seen_set;
  if (!view.read_only() && message::fetch_sets_seen(items)) {
    auto marked = co_await mark_seen(c, *indexes);
    if (!marked.ok()) co_return c.internal_error("set \\Seen", marked.error());
    seen_set = std::move(*marked);
  }
  std::vector<FetchItem> with_flags = items;
  if (!has_item(items, FetchItem::Kind::flags)) with_flags.push_back(item(FetchItem::Kind::flags));

  const auto needs = message::fetch_needs(items);
  bool expunge_issued = false;
  for (auto index : *indexes) {
    const store::MessageMeta meta = view.messages()[index];
    Loaded loaded;
    if (needs.structure || needs.content) {
      const auto content_id = meta.content_id;
      const bool need_content = needs.content;
      auto got = co_await c.blocking(
          [&st, &content_id, &need_content, &loaded] { return load(st, content_id, need_content, loaded); });
      if (!got.ok()) {
        // Expunged by another session since the client last heard (RFC 5530 EXPUNGEISSUED).
        if (got.error().code == Errc::not_found) {
          expunge_issued = true;
          continue;
        }
        co_return c.internal_error("read message", got.error());
      }
    }
    message::FetchInput input;
    input.meta = &meta;
    input.structure = &loaded.structure;
    input.content = loaded.content;
    const bool add_flags = !seen_set.empty() && seen_set[index];
    auto rendered = message::render_fetch(input, add_flags ? with_flags : items);
    if (!rendered.ok()) {
      if (rendered.error().code == Errc::invalid_argument)
        co_return no("[UNKNOWN-CTE] " + rendered.error().message);  // RFC 3516 4.2
      co_return c.internal_error("render fetch", rendered.error());
    }
    c.write("* " + std::to_string(index + 1) + " FETCH ");
    for (const auto& piece : rendered->pieces) {
      c.write(piece.text);
      const std::string_view bytes =
          std::string_view(loaded.content)
              .substr(std::min<std::uint64_t>(piece.content_offset, loaded.content.size()),
                      piece.content_length);
      for (std::size_t at = 0; at < bytes.size(); at += limits::kMaxImapResponseChunkBytes) {
        c.write(bytes.substr(at, limits::kMaxImapResponseChunkBytes));
        if (c.pending_output() >= limits::kMaxImapResponseChunkBytes && !co_await c.flush()) {
          c.state = State::logout;
          co_return Done{Done::Kind::sent, {}};
        }
      }
    }
    c.write("\r\n");
    if (c.pending_output() >= limits::kMaxImapResponseChunkBytes && !co_await c.flush()) {
      c.state = State::logout;
      co_return Done{Done::Kind::sent, {}};
    }
  }
  if (expunge_issued) co_return no("[EXPUNGEISSUED] some of the messages were expunged meanwhile");
  co_return ok("FETCH completed");
}

}  // namespace kurir::imap::commands
