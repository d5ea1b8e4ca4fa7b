// RFC 9051 6.3.9 LIST (and RFC 3501 6.3.9 LSUB) with LIST-EXTENDED (RFC
// 5258: selection SUBSCRIBED, REMOTE, RECURSIVEMATCH, SPECIAL-USE; return
// SUBSCRIBED, CHILDREN, SPECIAL-USE), LIST-STATUS (RFC 5819), SPECIAL-USE
// attributes (RFC 6154 2) and CHILDREN attributes (RFC 3348).
//
// SECURITY: patterns are untrusted; matching is a table walk bounded by the
// pattern and name lengths (no backtracking blow-up).
#include <algorithm>
#include <map>

#include "core/limits.hpp"
#include "imap/commands/handlers.hpp"
#include "imap/response.hpp"

namespace kurir::imap::commands {

namespace asio = boost::asio;

namespace {

constexpr char kDelimiter = '/';

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}

// RFC 9051 6.3.9: "*" matches anything, "%" anything but the delimiter.
// Dynamic programming over (pattern, name): O(|pattern| * |name|).
bool matches(std::string_view pattern, std::string_view name) {
  std::vector<char> row(name.size() + 1, 0), next(name.size() + 1, 0);
  row[0] = 1;
  for (char p : pattern) {
    std::fill(next.begin(), next.end(), 0);
    if (p == '*' || p == '%') {
      bool reach = false;
      for (std::size_t j = 0; j <= name.size(); ++j) {
        if (p == '%' && j > 0 && name[j - 1] == kDelimiter) reach = false;
        if (row[j]) reach = true;
        next[j] = reach;
      }
    } else {
      for (std::size_t j = 0; j < name.size(); ++j) next[j + 1] = row[j] && name[j] == p;
    }
    std::swap(row, next);
  }
  return row[name.size()];
}

// The reference and pattern as one pattern, with "INBOX" in any case
// spelled as the store spells it (RFC 9051 5.1: INBOX is case-insensitive).
std::string full_pattern(std::string_view reference, std::string_view pattern) {
  std::string out(reference);
  out += pattern;
  if (out.size() >= 5 && iequals(std::string_view(out).substr(0, 5), "INBOX") &&
      (out.size() == 5 || out[5] == kDelimiter))
    out.replace(0, 5, "INBOX");
  return out;
}

struct Entry {
  const store::Mailbox* mailbox = nullptr;  // null: a parent name with no mailbox of its own
  bool has_children = false;
  bool subscribed_child = false;  // a descendant is subscribed (RFC 5258 RECURSIVEMATCH)
};

}  // namespace

asio::awaitable<Done> list(Connection& c, const Command& command) {
  const auto& request = std::get<List>(command.body);
  const auto& options = request.options;
  const char* verb = request.lsub ? "LSUB" : "LIST";
  const bool extended = options.extended || c.enabled.imap4rev2;

  // RFC 9051 6.3.9: an empty pattern asks for the delimiter and the root.
  if (request.patterns.size() == 1 && request.patterns[0].empty() && !options.extended) {
    c.write(std::string("* ") + verb + " (\\Noselect) \"/\" \"\"\r\n");
    co_return ok(std::string(verb) + " completed");
  }

  auto& store = c.context.store;
  const auto account = c.account->id;
  auto mailboxes = co_await c.blocking([&store, account] { return store.list_mailboxes(account); });
  if (!mailboxes.ok()) co_return c.internal_error("list mailboxes", mailboxes.error());

  // Every mailbox, and every parent name implied by one (RFC 9051 5.1.2 hierarchy).
  std::map<std::string, Entry> entries;
  for (const auto& m : *mailboxes) {
    entries[m.name].mailbox = &m;
    for (std::size_t at = m.name.find(kDelimiter); at != std::string::npos;
         at = m.name.find(kDelimiter, at + 1)) {
      auto& parent = entries[m.name.substr(0, at)];
      parent.has_children = true;
      if (m.subscribed) parent.subscribed_child = true;
    }
  }
  std::vector<std::string> patterns;
  for (const auto& p : request.patterns) {
    if (p.size() > 2 * limits::kMaxMailboxNameBytes) continue;  // longer than any name it could match
    patterns.push_back(full_pattern(request.reference, p));
  }
  const bool only_subscribed = request.lsub || options.subscribed;
  const bool show_subscribed = only_subscribed || options.return_subscribed;

  // INBOX first, then by name (the store's order).
  std::vector<const std::pair<const std::string, Entry>*> order;
  for (const auto& e : entries) order.push_back(&e);
  std::stable_partition(order.begin(), order.end(), [](const auto* e) { return e->first == "INBOX"; });

  for (const auto* item : order) {
    // Not a structured binding: clang 14 (the sanitizer build) cannot capture one in a lambda.
    const std::string& name = item->first;
    const Entry& entry = item->second;
    if (std::none_of(patterns.begin(), patterns.end(), [&](const auto& p) { return matches(p, name); }))
      continue;
    const store::Mailbox* m = entry.mailbox;
    const bool subscribed = m && m->subscribed;
    std::string childinfo;
    if (only_subscribed && !subscribed) {
      // RFC 5258 3.5: with RECURSIVEMATCH, a parent of subscribed mailboxes
      // is listed with CHILDINFO; LSUB lists it \Noselect (RFC 3501 6.3.9).
      if (options.recursive_match && entry.subscribed_child)
        childinfo = " (\"CHILDINFO\" (\"SUBSCRIBED\"))";
      else if (!(request.lsub && entry.subscribed_child && !m))
        continue;
    }
    if (options.special_use && (!m || m->special_use == store::SpecialUse::none)) continue;  // RFC 6154 5.1
    std::string attributes;
    auto add = [&](std::string_view a) {
      if (!attributes.empty()) attributes += ' ';
      attributes += a;
    };
    if (!m) add(extended ? "\\NonExistent" : "\\Noselect");  // RFC 5258 3.4
    if (show_subscribed && subscribed && !request.lsub) add("\\Subscribed");
    add(entry.has_children ? "\\HasChildren" : "\\HasNoChildren");  // RFC 3348 / RFC 5258 4
    if (m && m->special_use != store::SpecialUse::none) add(store::special_use_attribute(m->special_use));
    c.write(std::string("* ") + verb + " (" + attributes + ") \"/\" " + mailbox_name(name, c.utf8()) +
            childinfo + "\r\n");
    // RFC 5819 2: a STATUS for each selectable mailbox listed.
    if (options.return_status && m && !request.lsub) {
      auto status = co_await status_response(c, *m, *options.return_status);
      if (!status.ok()) co_return c.internal_error("list status", status.error());
      c.write(*status);
    }
  }
  co_return ok(std::string(verb) + " completed");
}

}  // namespace kurir::imap::commands
