// RFC 9051 9 flag, flag-list, flag-keyword.
#include <algorithm>
#include <string>

#include "core/limits.hpp"
#include "imap/parser/grammar.hpp"

namespace kurir::imap::grammar {

namespace {

struct SystemFlagName {
  std::string_view name;
  store::SystemFlag bit;
};

constexpr SystemFlagName kSystemFlags[] = {
    {"\\Seen", store::kSeen},       {"\\Answered", store::kAnswered}, {"\\Flagged", store::kFlagged},
    {"\\Deleted", store::kDeleted}, {"\\Draft", store::kDraft},
};

// flag = "\Answered" / "\Flagged" / "\Deleted" / "\Seen" / "\Draft" / flag-keyword / flag-extension
bool flag(Reader& r, FlagList& out) {
  if (r.accept('\\')) {
    std::string_view name;
    if (r.peek() == '*') return r.fail("\"\\*\" is not a flag (only PERMANENTFLAGS shows it)");
    if (!r.atom(name, "a flag name after \"\\\"")) return false;
    const std::string full = "\\" + std::string(name);
    for (const auto& system : kSystemFlags) {
      if (iequals(full, system.name)) {
        out.flags.system |= system.bit;
        return true;
      }
    }
    if (full.size() > limits::kMaxKeywordBytes)
      return r.fail("flag name longer than " + std::to_string(limits::kMaxKeywordBytes) + " bytes");
    // "\Recent" and flag-extension: kept for the handler (RFC 9051 2.3.2).
    out.other.push_back(full);
    return true;
  }
  std::string keyword;
  if (!flag_keyword(r, keyword)) return false;
  out.flags.keywords.push_back(std::move(keyword));
  return true;
}

void normalise(FlagList& out) {
  auto& keywords = out.flags.keywords;
  std::sort(keywords.begin(), keywords.end());
  keywords.erase(std::unique(keywords.begin(), keywords.end()), keywords.end());
}

}  // namespace

bool flag_keyword(Reader& r, std::string& out) {
  std::string_view name;
  if (!r.atom(name, "a flag")) return false;
  if (name.size() > limits::kMaxKeywordBytes)
    return r.fail("keyword longer than " + std::to_string(limits::kMaxKeywordBytes) + " bytes");
  out.assign(name);
  return true;
}

bool flag_list(Reader& r, FlagList& out) {
  out = FlagList{};
  if (!r.expect('(', "\"(\" starting a flag list")) return false;
  if (!r.accept(')')) {
    do {
      if (!flag(r, out)) return false;
    } while (r.accept(' '));
    if (!r.expect(')', "\")\" closing the flag list")) return false;
  }
  normalise(out);
  return true;
}

bool flags_bare(Reader& r, FlagList& out) {
  out = FlagList{};
  do {
    if (!flag(r, out)) return false;
  } while (r.accept(' '));
  normalise(out);
  return true;
}

}  // namespace kurir::imap::grammar
