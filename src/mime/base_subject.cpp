// RFC 5256 2.1 base subject extraction; see base_subject.hpp.
#include "mime/base_subject.hpp"

namespace kurir::mime {
namespace {

bool is_wsp(char c) { return c == ' ' || c == '\t'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (lower(s[i]) != prefix[i]) return false;
  return true;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && starts_with_ci(s.substr(s.size() - suffix.size()), suffix);
}

void trim_leading(std::string_view& s) {
  while (!s.empty() && is_wsp(s.front())) s.remove_prefix(1);
}

// subj-blob = "[" *BLOBCHAR "]" *WSP; returns its length, or 0.
std::size_t blob_length(std::string_view s) {
  if (s.empty() || s[0] != '[') return 0;
  std::size_t i = 1;
  while (i < s.size() && s[i] != '[' && s[i] != ']') ++i;
  if (i >= s.size() || s[i] != ']') return 0;
  ++i;
  while (i < s.size() && is_wsp(s[i])) ++i;
  return i;
}

// subj-leader = (*subj-blob subj-refwd) / WSP
// subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":"
bool remove_leader(std::string_view& s) {
  if (!s.empty() && is_wsp(s[0])) {
    trim_leading(s);
    return true;
  }
  std::string_view t = s;
  while (std::size_t n = blob_length(t)) t.remove_prefix(n);
  if (starts_with_ci(t, "re")) t.remove_prefix(2);
  else if (starts_with_ci(t, "fwd")) t.remove_prefix(3);
  else if (starts_with_ci(t, "fw")) t.remove_prefix(2);
  else return false;
  trim_leading(t);
  if (std::size_t n = blob_length(t)) t.remove_prefix(n);
  if (t.empty() || t[0] != ':') return false;
  t.remove_prefix(1);
  s = t;
  return true;
}

}  // namespace

std::string base_subject(std::string_view subject) {
  // Step 1: tabs and line breaks become spaces; runs of spaces become one.
  std::string norm;
  norm.reserve(subject.size());
  for (char c : subject) {
    if (c == '\t' || c == '\r' || c == '\n') c = ' ';
    if (c == ' ' && !norm.empty() && norm.back() == ' ') continue;
    norm.push_back(c);
  }
  std::string_view s = norm;
  for (;;) {
    // Step 2: remove subj-trailer = "(fwd)" / WSP, repeatedly.
    for (;;) {
      if (!s.empty() && is_wsp(s.back())) s.remove_suffix(1);
      else if (ends_with_ci(s, "(fwd)")) s.remove_suffix(5);
      else break;
    }
    // Steps 3-5: remove subj-leader, and a subj-blob that leaves something.
    for (;;) {
      bool changed = false;
      while (remove_leader(s)) changed = true;
      if (std::size_t n = blob_length(s); n > 0 && n < s.size()) {
        s.remove_prefix(n);
        changed = true;
      }
      if (!changed) break;
    }
    // Step 6: subj-fwd = "[fwd:" ... "]" wraps the subject: unwrap and redo.
    if (starts_with_ci(s, "[fwd:") && !s.empty() && s.back() == ']') {
      s = s.substr(5, s.size() - 6);
      continue;
    }
    break;
  }
  return std::string(s);
}

}  // namespace kurir::mime
