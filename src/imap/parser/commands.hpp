// The argument parsers of each IMAP command (internal to imap/parser/), one
// per command name, looked up by parse_command through its dispatch table.
// Each reads what follows the command name (its leading SP included) to the
// end of the command. `uid` is true after the "UID" prefix.
//
// Thread-safety: pure functions.
#pragma once

#include "imap/parser/command.hpp"
#include "imap/parser/reader.hpp"

namespace kurir::imap::grammar {

using ArgumentParser = bool (*)(Reader& r, CommandBody& out, bool uid);

// session_commands.cpp: commands of any state (RFC 9051 6.1, 6.2, RFC 5161, 2971, 4978).
bool parse_capability(Reader& r, CommandBody& out, bool uid);
bool parse_noop(Reader& r, CommandBody& out, bool uid);
bool parse_logout(Reader& r, CommandBody& out, bool uid);
bool parse_starttls(Reader& r, CommandBody& out, bool uid);
bool parse_authenticate(Reader& r, CommandBody& out, bool uid);
bool parse_login(Reader& r, CommandBody& out, bool uid);
bool parse_enable(Reader& r, CommandBody& out, bool uid);
bool parse_id(Reader& r, CommandBody& out, bool uid);
bool parse_compress(Reader& r, CommandBody& out, bool uid);
bool parse_idle(Reader& r, CommandBody& out, bool uid);
bool parse_namespace(Reader& r, CommandBody& out, bool uid);
bool parse_check(Reader& r, CommandBody& out, bool uid);
bool parse_close(Reader& r, CommandBody& out, bool uid);
bool parse_unselect(Reader& r, CommandBody& out, bool uid);

// mailbox_commands.cpp: RFC 9051 6.3, RFC 3502, RFC 7162 3.2.5, RFC 9208.
bool parse_select(Reader& r, CommandBody& out, bool uid);
bool parse_examine(Reader& r, CommandBody& out, bool uid);
bool parse_create(Reader& r, CommandBody& out, bool uid);
bool parse_delete(Reader& r, CommandBody& out, bool uid);
bool parse_rename(Reader& r, CommandBody& out, bool uid);
bool parse_subscribe(Reader& r, CommandBody& out, bool uid);
bool parse_unsubscribe(Reader& r, CommandBody& out, bool uid);
bool parse_list(Reader& r, CommandBody& out, bool uid);
bool parse_lsub(Reader& r, CommandBody& out, bool uid);
bool parse_status(Reader& r, CommandBody& out, bool uid);
bool parse_append(Reader& r, CommandBody& out, bool uid);
bool parse_getquota(Reader& r, CommandBody& out, bool uid);
bool parse_getquotaroot(Reader& r, CommandBody& out, bool uid);
bool parse_setquota(Reader& r, CommandBody& out, bool uid);

// message_commands.cpp: RFC 9051 6.4, RFC 4315, RFC 6851, RFC 5256, RFC 7162.
bool parse_expunge(Reader& r, CommandBody& out, bool uid);
bool parse_search(Reader& r, CommandBody& out, bool uid);
bool parse_sort(Reader& r, CommandBody& out, bool uid);
bool parse_thread(Reader& r, CommandBody& out, bool uid);
bool parse_fetch(Reader& r, CommandBody& out, bool uid);
bool parse_store(Reader& r, CommandBody& out, bool uid);
bool parse_copy(Reader& r, CommandBody& out, bool uid);
bool parse_move(Reader& r, CommandBody& out, bool uid);

}  // namespace kurir::imap::grammar
