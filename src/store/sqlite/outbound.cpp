#include "store/sqlite/outbound.hpp"

#include <map>

namespace kurir::store::sqlite {

Result<std::int64_t> insert_outbound(Connection& c, const OutboundMessage& message, std::int64_t now) {
  if (message.recipients.empty()) return make_error(Errc::invalid_argument, "an outbound message needs recipients");
  auto st = c.prepare(
      "INSERT INTO outbound(sender, envid, ret, smtputf8, body, created, bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!st) return st.error();
  st->bind(1, message.sender).bind(2, message.envid).bind(3, message.ret)
      .bind(4, std::int64_t{message.smtputf8}).bind(5, message.body)
      .bind(6, message.created ? message.created : now).bind_blob(7, message.bytes);
  KURIR_TRY(st->run());
  const std::int64_t id = c.last_insert_rowid();
  for (const auto& r : message.recipients) {
    // The same address twice (two RCPTs, an alias) is queued once.
    auto rst = c.prepare(
        "INSERT OR IGNORE INTO outbound_recipients(outbound_id, address, notify, orcpt) VALUES (?1, ?2, ?3, ?4)");
    if (!rst) return rst.error();
    rst->bind(1, id).bind(2, r.address).bind(3, std::int64_t{r.notify}).bind(4, r.orcpt);
    KURIR_TRY(rst->run());
  }
  return id;
}

Result<std::vector<OutboundEntry>> list_outbound(Connection& c) {
  ReadSnapshot snapshot(c);
  KURIR_TRY(snapshot.status());
  std::vector<OutboundEntry> out;
  std::map<std::int64_t, std::size_t> index;
  {
    auto st = c.prepare("SELECT id, sender, envid, ret, smtputf8, body, created, bytes FROM outbound ORDER BY id");
    if (!st) return st.error();
    for (;;) {
      auto row = st->step();
      if (!row) return row.error();
      if (!*row) break;
      OutboundEntry e;
      e.id = st->integer(0);
      e.message.sender = st->text(1);
      e.message.envid = st->text(2);
      e.message.ret = st->text(3);
      e.message.smtputf8 = st->integer(4) != 0;
      e.message.body = st->text(5);
      e.message.created = st->integer(6);
      e.message.bytes = st->blob(7);
      index[e.id] = out.size();
      out.push_back(std::move(e));
    }
  }
  auto st = c.prepare("SELECT outbound_id, address, notify, orcpt FROM outbound_recipients ORDER BY outbound_id, address");
  if (!st) return st.error();
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    auto it = index.find(st->integer(0));
    if (it == index.end()) continue;
    out[it->second].message.recipients.push_back(
        OutboundRecipient{st->text(1), static_cast<std::uint8_t>(st->integer(2)), st->text(3)});
  }
  return out;
}

}  // namespace kurir::store::sqlite
