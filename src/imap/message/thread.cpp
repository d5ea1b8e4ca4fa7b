#include "imap/message/thread.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "core/limits.hpp"
#include "imap/message/sort.hpp"
#include "imap/message/text_fold.hpp"
#include "mime/imap_string.hpp"

namespace kurir::imap::message {
namespace {

// What threading needs of one message, read from its parse once.
struct Info {
  std::uint32_t index = 0;  // position in the mailbox (sequence number - 1)
  std::int64_t date = 0;    // RFC 5256 2.2 sent date
  std::string subject;      // base subject, case-folded (RFC 5256 2.1, 5 "case-insensitive")
  bool reply = false;       // the subject said Re:/Fwd: (RFC 5256 2.1 "reply or forward")
  std::string message_id;
  std::vector<std::string> references;  // References, else In-Reply-To (RFC 5256 3 REFERENCES step 1)
};

bool ci_starts(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[i]) return false;
  }
  return true;
}

void skip_ws(std::string_view& s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
}

// RFC 5256 2.1: the subject is a reply or forward when extracting the base
// subject removed a subj-refwd ("re" / "fw" / "fwd", an optional blob, ":"),
// a subj-fwd-hdr ("[fwd:") or a subj-trailer ("(fwd)"); leading blobs
// ("[list]") may come first.
bool is_reply_or_forward(std::string_view s) {
  skip_ws(s);
  while (!s.empty()) {
    if (ci_starts(s, "[fwd:")) return true;
    if (s.front() == '[') {  // subj-blob
      const std::size_t close = s.find(']');
      if (close == std::string_view::npos) break;
      s.remove_prefix(close + 1);
      skip_ws(s);
      continue;
    }
    std::size_t n = ci_starts(s, "fwd") ? 3 : ci_starts(s, "fw") || ci_starts(s, "re") ? 2 : 0;
    if (n == 0) break;
    std::string_view rest = s.substr(n);
    skip_ws(rest);
    if (!rest.empty() && rest.front() == '[') {
      const std::size_t close = rest.find(']');
      if (close == std::string_view::npos) break;
      rest.remove_prefix(close + 1);
      skip_ws(rest);
    }
    if (!rest.empty() && rest.front() == ':') return true;
    break;
  }
  std::string_view t = s;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  return t.size() >= 5 && ci_starts(t.substr(t.size() - 5), "(fwd)");
}

// Orders by sent date, then sequence number (RFC 5256 2.2 / 3).
bool earlier(const Info& a, const Info& b) {
  if (a.date != b.date) return a.date < b.date;
  return a.index < b.index;
}

// ---- ORDEREDSUBJECT (RFC 5256 3) ---------------------------------------------

std::vector<ThreadNode> ordered_subject(std::vector<Info> infos) {
  // "The searched messages are sorted by base subject and then by the sent
  // date. The messages are then split into separate threads, with each
  // thread containing messages with the same base subject text."
  std::sort(infos.begin(), infos.end(), [](const Info& a, const Info& b) {
    if (a.subject != b.subject) return a.subject < b.subject;
    return earlier(a, b);
  });
  std::vector<std::pair<const Info*, ThreadNode>> threads;
  for (std::size_t i = 0; i < infos.size();) {
    std::size_t j = i + 1;
    while (j < infos.size() && infos[j].subject == infos[i].subject) ++j;
    // "The second message of a thread is the child of the first message, and
    // subsequent messages of the thread are siblings of the second message".
    ThreadNode root{infos[i].index, {}};
    for (std::size_t k = i + 1; k < j; ++k) root.children.push_back(ThreadNode{infos[k].index, {}});
    threads.emplace_back(&infos[i], std::move(root));
    i = j;
  }
  // "Finally, the threads are sorted by the sent date of the first message in the thread."
  std::sort(threads.begin(), threads.end(),
            [](const auto& a, const auto& b) { return earlier(*a.first, *b.first); });
  std::vector<ThreadNode> out;
  out.reserve(threads.size());
  for (auto& t : threads) out.push_back(std::move(t.second));
  return out;
}

// ---- REFERENCES (RFC 5256 3) -------------------------------------------------

constexpr int kNone = -1;

struct Container {
  int info = kNone;  // index into the Info list; kNone for a dummy
  int parent = kNone;
  std::vector<int> children;
};

class ReferencesThreader {
 public:
  explicit ReferencesThreader(std::vector<Info> infos) : infos_(std::move(infos)) {
    // Duplicate Message-IDs go to the lowest sequence number: take messages in that order.
    std::sort(infos_.begin(), infos_.end(), [](const Info& a, const Info& b) { return a.index < b.index; });
  }

  std::vector<ThreadNode> run() {
    link_references();                    // step 1
    std::vector<int> roots = root_set();  // step 2
    cut_deep(roots);
    roots = prune(roots, true);              // step 3
    sort_siblings(roots);                    // step 4
    roots = merge_subjects(roots);           // step 5
    for (const int r : roots) sort_tree(r);  // step 6
    sort_siblings(roots);
    std::vector<ThreadNode> out;
    out.reserve(roots.size());
    for (const int r : roots) out.push_back(to_node(r));
    return out;
  }

 private:
  int make(int info) {
    nodes_.push_back(Container{info, kNone, {}});
    return static_cast<int>(nodes_.size() - 1);
  }

  // The container of a Message-ID, made (as a dummy) when new.
  int container(const std::string& id) {
    const auto [it, inserted] = ids_.try_emplace(id, 0);
    if (inserted) it->second = make(kNone);
    return it->second;
  }

  // True when `a` is `b` or lies below it, or lies deeper than
  // limits::kMaxImapThreadDepth (linking there is refused like a loop, so
  // this walk, done for each link, stays bounded).
  bool below(int a, int b) const {
    std::size_t steps = 0;
    for (int n = a; n != kNone; n = nodes_[n].parent) {
      if (n == b || ++steps >= limits::kMaxImapThreadDepth) return true;
    }
    return false;
  }

  void unlink(int child) {
    const int p = nodes_[child].parent;
    if (p == kNone) return;
    std::vector<int>& siblings = nodes_[p].children;
    siblings.erase(std::remove(siblings.begin(), siblings.end(), child), siblings.end());
    nodes_[child].parent = kNone;
  }

  void link(int parent, int child) {
    nodes_[child].parent = parent;
    nodes_[parent].children.push_back(child);
  }

  void link_references() {
    for (std::size_t i = 0; i < infos_.size(); ++i) {
      const Info& info = infos_[i];
      // Step 1: "If a message does not have a Message ID, create a unique
      // one" and "If two or more messages have the same Message ID, then
      // only use that ID for the first (lowest sequence number) message".
      int self = kNone;
      if (!info.message_id.empty()) {
        const int c = container(info.message_id);
        if (nodes_[c].info == kNone) self = c;
      }
      if (self == kNone) self = make(kNone);
      nodes_[self].info = static_cast<int>(i);

      // Step 1.A: "link the corresponding messages ... together as
      // parent/child. Make the first reference the parent of the second ...
      // If a message already has a parent, don't change the existing link.
      // Do not create a parent/child link if creating that link would
      // introduce a loop."
      int prev = kNone;
      for (const std::string& ref : info.references) {
        const int c = container(ref);
        if (prev != kNone && c != prev && nodes_[c].parent == kNone && !below(prev, c)) link(prev, c);
        prev = c;
      }
      // Step 1.B: "Create a parent/child link between the last reference (or
      // NIL if there are no references) and the current message. If the
      // current message already has a parent, ... break the current
      // parent/child link before creating the new correct one. As in step
      // 1.A, do not create the parent/child link if creating that link would
      // introduce a loop."
      unlink(self);
      if (prev != kNone && !below(prev, self)) link(prev, self);
    }
  }

  std::vector<int> root_set() const {
    // Step 2: "Gather together all of the messages that have no parents and
    // make them all children (siblings of one another) of a dummy parent
    // (the "root")."
    std::vector<int> roots;
    for (std::size_t n = 0; n < nodes_.size(); ++n) {
      if (nodes_[n].parent == kNone) roots.push_back(static_cast<int>(n));
    }
    return roots;
  }

  // SECURITY: reply chains are as long as senders make them, and the later
  // steps recurse along them. XXX RFC 5256 3: a message deeper than
  // limits::kMaxImapThreadDepth starts a thread of its own. Iterative.
  void cut_deep(std::vector<int>& roots) {
    std::vector<std::pair<int, std::size_t>> stack;
    for (const int r : roots) stack.emplace_back(r, 0);
    while (!stack.empty()) {
      const auto [n, depth] = stack.back();
      stack.pop_back();
      if (depth + 1 >= limits::kMaxImapThreadDepth) {
        for (const int c : nodes_[n].children) {
          nodes_[c].parent = kNone;
          roots.push_back(c);
          stack.emplace_back(c, 0);
        }
        nodes_[n].children.clear();
        continue;
      }
      for (const int c : nodes_[n].children) stack.emplace_back(c, depth + 1);
    }
  }

  // Step 3: "Prune dummy messages from the thread tree. ... If it is a dummy
  // message with NO children, delete it. If it is a dummy message with
  // children, delete it, but promote its children to the current level. ...
  // Do not promote the children if doing so would make them children of the
  // root, unless there is only one child."
  std::vector<int> prune(const std::vector<int>& level, bool top, int parent = kNone) {
    std::vector<int> out;
    for (const int n : level) {
      nodes_[n].children = prune(nodes_[n].children, false, n);
      const bool dummy = nodes_[n].info == kNone;
      if (dummy && nodes_[n].children.empty()) continue;
      if (dummy && (!top || nodes_[n].children.size() == 1)) {
        for (const int c : nodes_[n].children) {
          nodes_[c].parent = parent;
          out.push_back(c);
        }
        continue;
      }
      nodes_[n].parent = parent;
      out.push_back(n);
    }
    return out;
  }

  // The message a node sorts and is named by: itself, or for a dummy (only
  // at the top level) its first child (RFC 5256 3 steps 4, 5 and 6).
  const Info& representative(int n) const {
    while (nodes_[n].info == kNone && !nodes_[n].children.empty()) n = nodes_[n].children.front();
    return infos_[static_cast<std::size_t>(nodes_[n].info)];
  }

  // Step 4: "Sort the messages under the root (top-level siblings only) by
  // sent date ... In the case of a dummy message, sort its children by sent
  // date and then use the first child for the top-level sort."
  void sort_siblings(std::vector<int>& level) {
    for (const int n : level) {
      if (nodes_[n].info == kNone) sort_siblings(nodes_[n].children);
    }
    std::stable_sort(level.begin(), level.end(),
                     [&](int a, int b) { return earlier(representative(a), representative(b)); });
  }

  // Step 6: "sort each set of siblings by sent date ... grandchildren are
  // sorted before children".
  void sort_tree(int n) {
    for (const int c : nodes_[n].children) sort_tree(c);
    sort_siblings(nodes_[n].children);
  }

  bool is_dummy(int n) const { return nodes_[n].info == kNone; }
  bool is_reply(int n) const { return !is_dummy(n) && representative(n).reply; }

  // Step 5 B and C: "Gather together messages under the root that have the
  // same base subject text."
  std::vector<int> merge_subjects(const std::vector<int>& roots) {
    // 5.B: "Populate the subject table with one message per each base subject."
    std::unordered_map<std::string, int> table;
    for (const int r : roots) {
      const std::string& subject = representative(r).subject;
      if (subject.empty()) continue;
      const auto [it, inserted] = table.try_emplace(subject, r);
      if (inserted) continue;
      const int t = it->second;
      // "if the message in the subject table is not a dummy, AND either ...
      // The current message is a dummy, OR The message in the subject table
      // is a reply or forward and the current message is not."
      if (!is_dummy(t) && (is_dummy(r) || (is_reply(t) && !is_reply(r)))) it->second = r;
    }
    // 5.C: "Merge threads with the same thread subject."
    std::vector<int> replaced(nodes_.size(), kNone);  // a root whose place a new dummy took
    std::vector<bool> gone(nodes_.size(), false);     // a root merged into another thread
    for (const int r : roots) {
      if (gone[r]) continue;
      const std::string& subject = representative(r).subject;
      if (subject.empty()) continue;
      const int t = table.at(subject);
      if (t == r) continue;
      if (is_dummy(t) && is_dummy(r)) {
        // "If both messages are dummies, append the current message's
        // children to the children of the message in the subject table".
        for (const int c : nodes_[r].children) link(t, c);
        nodes_[r].children.clear();
        gone[r] = true;
      } else if (is_dummy(t) || (is_reply(r) && !is_reply(t))) {
        // "make the current message a child of the message in the subject table".
        link(t, r);
        gone[r] = true;
      } else {
        // "Otherwise, create a new dummy message and make both the current
        // message and the message in the subject table children of the
        // dummy. Then replace the message in the subject table with the
        // dummy message."
        const int d = make(kNone);
        replaced.push_back(kNone);
        gone.push_back(false);
        link(d, t);
        link(d, r);
        replaced[t] = d;
        gone[t] = true;
        gone[r] = true;
        table[subject] = d;
      }
    }
    std::vector<int> out;
    for (const int r : roots) {
      int n = r;
      while (replaced[n] != kNone) n = replaced[n];
      if (n == r && gone[r]) continue;
      if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    }
    return out;
  }

  ThreadNode to_node(int n) const {
    ThreadNode out;
    if (!is_dummy(n)) out.index = infos_[static_cast<std::size_t>(nodes_[n].info)].index;
    for (const int c : nodes_[n].children) out.children.push_back(to_node(c));
    return out;
  }

  std::vector<Info> infos_;
  std::vector<Container> nodes_;
  std::unordered_map<std::string, int> ids_;
};

void append_members(std::string& out, const ThreadNode& node, std::span<const store::MessageMeta> messages,
                    bool uid) {
  bool wrote = false;
  if (node.index != ThreadNode::kDummy) {
    mime::append_number(out, uid ? messages[node.index].uid : node.index + 1);
    wrote = true;
  }
  if (node.children.size() == 1) {
    // RFC 5256 4: a chain of single children is written flat, "(1 2 3)".
    if (wrote) out.push_back(' ');
    append_members(out, node.children.front(), messages, uid);
    return;
  }
  if (node.children.empty()) return;
  if (wrote) out.push_back(' ');
  for (const ThreadNode& c : node.children) {
    out.push_back('(');
    append_members(out, c, messages, uid);
    out.push_back(')');
  }
}

}  // namespace

Result<std::vector<ThreadNode>> thread_messages(ThreadAlgorithm algorithm,
                                                std::span<const std::uint32_t> indexes,
                                                std::span<const store::MessageMeta> messages,
                                                MessageSource& source) {
  std::vector<Info> infos;
  infos.reserve(indexes.size());
  for (const std::uint32_t index : indexes) {
    Result<const mime::ParsedMessage*> p = source.structure(index);
    if (!p) return p.error();
    const mime::ParsedMessage& m = **p;
    Info info;
    info.index = index;
    info.date = sent_date(m, messages[index]);
    info.subject = fold_case(m.base_subject);
    info.reply = is_reply_or_forward(m.subject);
    if (algorithm == ThreadAlgorithm::references) {
      info.message_id = m.message_id;
      // RFC 5256 3 REFERENCES step 1: "the References header ... If the
      // message does not contain a References header line, or the
      // References header line does not contain any valid Message IDs, then
      // use the first (if any) valid Message ID of the In-Reply-To header".
      info.references = m.references;
      if (info.references.empty() && !m.in_reply_to.empty()) info.references.push_back(m.in_reply_to);
    }
    infos.push_back(std::move(info));
  }
  if (algorithm == ThreadAlgorithm::orderedsubject) return ordered_subject(std::move(infos));
  return ReferencesThreader(std::move(infos)).run();
}

std::string format_threads(const std::vector<ThreadNode>& threads,
                           std::span<const store::MessageMeta> messages, bool uid) {
  // RFC 5256 4: thread-list = "(" (thread-members / thread-nested) ")"
  std::string out;
  for (const ThreadNode& t : threads) {
    out.push_back('(');
    append_members(out, t, messages, uid);
    out.push_back(')');
  }
  return out;
}

std::string format_thread_response(const std::vector<ThreadNode>& threads,
                                   std::span<const store::MessageMeta> messages, bool uid) {
  std::string out = "* THREAD";
  if (!threads.empty()) out.push_back(' ');
  out.append(format_threads(threads, messages, uid));
  out.append("\r\n");
  return out;
}

}  // namespace kurir::imap::message
