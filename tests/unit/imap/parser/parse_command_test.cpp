// parse_command over every command of RFC 3501 / RFC 9051 and the
// extensions of command.hpp: a table of valid commands (each also cut at
// every byte), a table of invalid ones with the error they must give, and
// the values parsed from the common forms.
#include <string>
#include <vector>

#include "core/limits.hpp"
#include "support.hpp"

namespace kurir::imap {
namespace {

using test::expect_prefixes_fail_cleanly;
using test::parse_bad;
using test::parse_ok;
using namespace std::string_literals;

// Real commands, most as Thunderbird, Apple Mail, imapflow, Outlook and
// Python's imaplib send them.
const std::vector<std::string> kValid = {
    "a1 CAPABILITY",
    "a2 noop",
    "a3 LOGOUT",
    "a4 STARTTLS",
    "a5 LOGIN alice@example.test \"pass word\"",
    "a6 LOGIN {5}\r\nalice {6+}\r\nsecret",
    "a7 AUTHENTICATE PLAIN",
    "a8 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==",
    "a9 AUTHENTICATE EXTERNAL =",
    "b1 ENABLE QRESYNC CONDSTORE",
    "b2 ENABLE UTF8=ACCEPT",
    "b3 ID (\"name\" \"Thunderbird\" \"version\" \"115.0\")",
    "b4 ID NIL",
    "b5 ID (\"name\" \"imapflow\" \"vendor\" NIL)",
    "b6 COMPRESS DEFLATE",
    "b7 IDLE",
    "b8 NAMESPACE",
    "c1 SELECT INBOX",
    "c2 SELECT \"Sent Items\"",
    "c3 EXAMINE inbox",
    "c4 SELECT INBOX (CONDSTORE)",
    "c5 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))",
    "c6 SELECT INBOX (QRESYNC (67890007 90060115194045000 41:211,214:541 (1:10 41:50)))",
    "c7 SELECT INBOX (QRESYNC (1 2 (1,3 5,9)))",
    "c8 CREATE Archive/2024",
    "c9 CREATE MySpecialArchive (USE (\\Archive))",
    "d1 DELETE foo",
    "d2 RENAME foo bar",
    "d3 SUBSCRIBE \"Entw&APw-rfe\"",
    "d4 UNSUBSCRIBE Drafts",
    "d5 LIST \"\" *",
    "d6 LIST \"\" \"%\"",
    "d7 LIST \"\" \"\"",
    "d8 LIST (SUBSCRIBED) \"\" \"*\"",
    "d9 LIST (SPECIAL-USE) \"\" \"*\" RETURN (SPECIAL-USE)",
    "e1 LIST \"\" \"*\" RETURN (SUBSCRIBED CHILDREN SPECIAL-USE STATUS (MESSAGES UNSEEN UIDNEXT))",
    "e2 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (\"Foo/*\" \"Bar/%\")",
    "e3 LIST () \"\" %",
    "e4 LSUB \"\" \"*\"",
    "e5 STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)",
    "e6 STATUS Drafts (SIZE HIGHESTMODSEQ APPENDLIMIT DELETED RECENT)",
    "e7 APPEND INBOX {5}\r\nhello",
    "e8 APPEND Sent (\\Seen) \"17-Jul-1996 02:44:25 -0700\" {5}\r\nhello",
    "e9 APPEND Drafts (\\Draft \\Seen $MDNSent) {3+}\r\nabc",
    "f1 APPEND INBOX (\\Seen) \" 5-Jan-2024 09:00:00 +0100\" {2}\r\nab {3}\r\ncde",
    "f2 APPEND INBOX ~{3}\r\na\0b"s,
    "f3 APPEND INBOX () {0}\r\n",
    "f4 GETQUOTA \"\"",
    "f5 GETQUOTAROOT INBOX",
    "f6 SETQUOTA \"\" (STORAGE 512)",
    "f7 SETQUOTA \"\" ()",
    "f8 CHECK",
    "f9 CLOSE",
    "g1 UNSELECT",
    "g2 EXPUNGE",
    "g3 UID EXPUNGE 3000:3002",
    "g4 SEARCH ALL",
    "g5 UID SEARCH UNSEEN",
    "g6 SEARCH CHARSET UTF-8 SUBJECT {4}\r\n\xC3\xA4\xC3\xB6",
    "g7 SEARCH RETURN (MIN MAX COUNT) UNDELETED",
    "g8 UID SEARCH RETURN (SAVE) FLAGGED",
    "g9 SEARCH RETURN () ALL",
    "h1 UID SEARCH 1:* NOT DELETED",
    "h2 SEARCH OR FROM alice TO bob",
    "h3 SEARCH (SINCE 1-Feb-1994 BEFORE \"15-Mar-2024\") LARGER 1000 SMALLER 90000",
    "h4 SEARCH HEADER Message-ID \"<x@y>\"",
    "h5 SEARCH KEYWORD $Junk UNKEYWORD $NotJunk",
    "h6 SEARCH MODSEQ 620162338",
    "h7 SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338",
    "h8 SEARCH YOUNGER 3600 OLDER 60",
    "h9 UID SEARCH UID $",
    "i1 SEARCH SENTON 5-Nov-2023 SENTSINCE 1-Jan-2023 SENTBEFORE 1-Jan-2025 ON 29-Feb-2024",
    "i2 SEARCH ANSWERED DELETED DRAFT FLAGGED SEEN RECENT NEW OLD UNANSWERED UNDELETED UNDRAFT UNFLAGGED",
    "i3 SEARCH BCC x CC y BODY z TEXT w",
    "i4 SEARCH $",
    "i5 UID SORT (REVERSE DATE SUBJECT) UTF-8 ALL",
    "i6 SORT RETURN (MIN COUNT) (ARRIVAL) US-ASCII UNSEEN",
    "i7 SORT (DISPLAYFROM DISPLAYTO SIZE CC TO FROM) UTF-8 SINCE 1-Jan-2020",
    "i8 UID THREAD REFERENCES UTF-8 ALL",
    "i9 THREAD ORDEREDSUBJECT US-ASCII UNDELETED",
    "j1 FETCH 1:* (FLAGS)",
    "j2 UID FETCH 1:* (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (From To Cc Bcc Subject Date Message-ID "
    "Priority X-Priority References Newsgroups In-Reply-To Content-Type Reply-To)])",
    "j3 FETCH 2 ALL",
    "j4 FETCH 2 FAST",
    "j5 FETCH 2 FULL",
    "j6 FETCH 1 BODY[]",
    "j7 UID FETCH 4827 (BODY.PEEK[1.2.MIME] BODY.PEEK[1.2]<0.2048> BODY[TEXT])",
    "j8 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)",
    "j9 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345 VANISHED)",
    "k1 FETCH 1 (BINARY.PEEK[1]<0.100> BINARY.SIZE[1] BINARY[])",
    "k2 UID FETCH 1 (ENVELOPE INTERNALDATE BODYSTRUCTURE BODY MODSEQ SAVEDATE EMAILID THREADID)",
    "k3 FETCH 1 (RFC822 RFC822.HEADER RFC822.TEXT)",
    "k4 FETCH 1 BODY[HEADER.FIELDS.NOT (Received)]",
    "k5 FETCH $ FLAGS",
    "k6 STORE 1:3 +FLAGS (\\Deleted)",
    "k7 UID STORE 100 -FLAGS.SILENT (\\Seen $Forwarded)",
    "k8 STORE 2 FLAGS \\Seen \\Flagged",
    "k9 STORE 1 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\\Deleted)",
    "l1 STORE 1 FLAGS ()",
    "l2 COPY 2:4 MEETING",
    "l3 UID COPY 1:3 \"Deleted Items\"",
    "l4 MOVE 1 Trash",
    "l5 UID MOVE 42,45:* Archive",
};

TEST(ParseCommand, EveryValidFormParses) {
  for (const auto& wire : kValid) {
    auto parsed = parse_command(wire);
    const auto* error = std::get_if<ParseError>(&parsed);
    EXPECT_EQ(error, nullptr) << wire << ": " << (error ? error->text : "");
    if (error == nullptr) {
      EXPECT_EQ(std::get<Command>(parsed).tag, wire.substr(0, 2));
    }
  }
}

TEST(ParseCommand, EveryPrefixOfAValidCommandFailsCleanly) {
  for (const auto& wire : kValid) expect_prefixes_fail_cleanly(wire);
}

struct BadCase {
  std::string wire;
  std::string tag;
  std::string text;  // a part of the error text
  std::string code = {};
};

TEST(ParseCommand, InvalidFormsGivePreciseErrors) {
  const BadCase cases[] = {
      {"", "", "missing a tag"},
      {"+ NOOP", "", "\"+\" is not allowed"},
      {"a(b NOOP", "", "a tag is made of"},
      {"a1", "a1", "missing the command name"},
      {"a1  NOOP", "a1", "expected the command name"},
      {"a1 FROB", "a1", "unknown command \"FROB\""},
      {"a1 UID LOGIN a b", "a1", "UID cannot be followed by \"LOGIN\""},
      {"a1 NOOP extra", "a1", "expected the end of the command after NOOP"},
      {"a1 LOGIN alice", "a1", "missing the password"},
      {"a1 LOGIN \"al\\ice\" x", "a1", "backslash in a quoted string"},
      {"a1 LOGIN \"alice x", "a1", "unterminated quoted string"},
      {"a1 LOGIN {10}\r\nalice", "a1", "literal of 10 bytes but only 5 follow"},
      {"a1 LOGIN {5}alice x", "a1", "a literal's size must end its line"},
      {"a1 LOGIN {3}\r\na\0b x"s, "a1", "NUL in a literal"},
      {"a1 LOGIN ~{3}\r\nabc x", "a1", "literal8"},
      {"a1 AUTHENTICATE PLAIN abc", "a1", "not valid base64"},
      {"a1 SELECT", "a1", "missing the mailbox name"},
      {"a1 SELECT INBOX (FOO)", "a1", "unknown SELECT parameter \"FOO\""},
      {"a1 SELECT INBOX (QRESYNC (0 5))", "a1", "UIDVALIDITY of QRESYNC must not be 0"},
      {"a1 SELECT INBOX (QRESYNC (1 5 1:*))", "a1", "\"*\" is not allowed in known UIDs"},
      {"a1 SELECT &Jjo", "a1", "malformed modified UTF-7"},
      {"a1 CREATE x (USE (\\Important))", "a1", "not a special-use attribute", "USEATTR"},
      {"a1 CREATE x (USE (\\Sent \\Trash))", "a1", "one special-use attribute", "USEATTR"},
      {"a1 LIST (RECURSIVEMATCH) \"\" *", "a1", "RECURSIVEMATCH needs another selection option"},
      {"a1 LIST (BOGUS) \"\" *", "a1", "unknown LIST selection option"},
      {"a1 LIST \"\" * RETURN (BOGUS)", "a1", "unknown LIST return option"},
      {"a1 LIST \"\" * EXTRA", "a1", "expected RETURN or the end of the command"},
      {"a1 STATUS INBOX ()", "a1", "expected a STATUS item"},
      {"a1 STATUS INBOX (MESSAGES FOO)", "a1", "unknown STATUS item \"FOO\""},
      {"a1 APPEND INBOX \"hello\"", "a1", "date-time"},
      {"a1 APPEND INBOX hello", "a1", "as a literal {N} or literal8 ~{N}"},
      {"a1 APPEND INBOX (\\Seen) \"31-Feb-2024 00:00:00 +0000\" {1}\r\nx", "a1",
       "day 31 does not exist in Feb 2024"},
      {"a1 APPEND INBOX {3}\r\na\0b"s, "a1", "NUL in a literal"},
      {"a1 APPEND INBOX (\\*) {1}\r\nx", "a1", "\"\\*\" is not a flag"},
      {"a1 UID EXPUNGE", "a1", "missing the UIDs to expunge"},
      {"a1 SEARCH", "a1", "missing the search keys"},
      {"a1 SEARCH FOO", "a1", "unknown search key \"FOO\""},
      {"a1 SEARCH SINCE 1-Foo-2024", "a1", "unknown month \"Foo\""},
      {"a1 SEARCH SINCE 2024-01-01", "a1", "after the day of a date such as 1-Feb-1994"},
      {"a1 SEARCH OR SEEN", "a1", "missing the second search key of OR"},
      {"a1 SEARCH (SEEN", "a1", "\")\" closing the parenthesised search keys"},
      {"a1 SEARCH RETURN (BOGUS) ALL", "a1", "unknown SEARCH RETURN option"},
      {"a1 SEARCH 0:4", "a1", "start at 1, not 0"},
      {"a1 SEARCH 1,$", "a1", "expected a sequence number"},
      {"a1 SEARCH MODSEQ \"/x\" all 5", "a1", "/flags/"},
      {"a1 SEARCH YOUNGER 0", "a1", "must not be 0"},
      {"a1 SORT (DATE) ALL", "a1", "missing the search keys"},
      {"a1 SORT (BOGUS) UTF-8 ALL", "a1", "unknown sort key"},
      {"a1 THREAD FOO UTF-8 ALL", "a1", "unknown threading algorithm"},
      {"a1 FETCH 1", "a1", "missing the FETCH items"},
      {"a1 FETCH 1 (FLAGS ALL)", "a1", "the macro ALL cannot be inside a FETCH list"},
      {"a1 FETCH 1 BOGUS", "a1", "unknown FETCH item \"BOGUS\""},
      {"a1 FETCH 1 BODY[1.FOO]", "a1", "unknown body section \"FOO\""},
      {"a1 FETCH 1 BODY[MIME]", "a1", "unknown body section \"MIME\""},
      {"a1 FETCH 1 BODY[]<0.0>", "a1", "the partial's length must not be 0"},
      {"a1 FETCH 1 BODY.PEEK", "a1", "\"[\" starting a body section"},
      {"a1 FETCH 1 BINARY[TEXT]", "a1", "expected a body part number"},
      {"a1 FETCH 1:* FLAGS (CHANGEDSINCE 5 VANISHED)", "a1", "VANISHED is only allowed in UID FETCH"},
      {"a1 UID FETCH 1:* FLAGS (VANISHED)", "a1", "VANISHED needs CHANGEDSINCE"},
      {"a1 UID FETCH 1:* FLAGS (CHANGEDSINCE 0)", "a1", "must not be 0"},
      {"a1 FETCH 99999999999 FLAGS", "a1", "too large"},
      {"a1 STORE 1 FLAGS", "a1", "missing the flags"},
      {"a1 STORE 1 XFLAGS (\\Seen)", "a1", "expected FLAGS, +FLAGS or -FLAGS"},
      {"a1 STORE 1 (UNCHANGEDSINCE) FLAGS (\\Seen)", "a1", "UNCHANGEDSINCE value"},
      {"a1 COPY 1", "a1", "missing the target mailbox"},
      {"a1 ENABLE", "a1", "missing a capability to enable"},
      {"a1 ID (\"name\")", "a1", "a space before the ID field's value"},
  };
  for (const auto& c : cases) {
    const auto error = parse_bad(c.wire);
    EXPECT_EQ(error.tag, c.tag) << c.wire;
    EXPECT_NE(error.text.find(c.text), std::string::npos) << c.wire << " -> " << error.text;
    EXPECT_EQ(error.code, c.code) << c.wire;
  }
}

TEST(ParseCommand, ErrorsNameTheCommand) {
  EXPECT_EQ(parse_bad("a1 uid fetch x FLAGS").command, "UID FETCH");
  EXPECT_EQ(parse_bad("a1 select").command, "SELECT");
  EXPECT_EQ(parse_bad("a1 FROB").command, "");
}

TEST(ParseCommand, EchoedNamesAreCut) {
  const auto error = parse_bad("a1 " + std::string(5000, 'X'));
  EXPECT_EQ(error.text, "unknown command \"" + std::string(32, 'X') + "...\"");
  EXPECT_LT(parse_bad("a1 SEARCH " + std::string(5000, 'Y')).text.size(), 80u);
}

TEST(ParseCommand, ErrorExcerptsArePrintable) {
  const auto error = parse_bad("a1 FETCH 1 (FLAGS \x01\xFF\"x)");
  EXPECT_NE(error.text.find("at \"??"), std::string::npos) << error.text;
}

TEST(ParseCommand, Login) {
  const auto login = parse_ok<Login>("a LOGIN {5}\r\nalice {6+}\r\nsecret");
  EXPECT_EQ(login.user, "alice");
  EXPECT_EQ(login.password, "secret");
  const auto quoted = parse_ok<Login>("a LOGIN \"a\\\"b\" \"c\\\\d\"");
  EXPECT_EQ(quoted.user, "a\"b");
  EXPECT_EQ(quoted.password, "c\\d");
}

TEST(ParseCommand, Authenticate) {
  auto a = parse_ok<Authenticate>("a authenticate plain");
  EXPECT_EQ(a.mechanism, "PLAIN");
  EXPECT_FALSE(a.initial_response);
  a = parse_ok<Authenticate>("a AUTHENTICATE PLAIN =");
  EXPECT_EQ(a.initial_response, "=");
  a = parse_ok<Authenticate>("a AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==");
  EXPECT_EQ(a.initial_response, "AGFsaWNlAHNlY3JldA==");
}

TEST(ParseCommand, EnableIdCompress) {
  EXPECT_EQ(parse_ok<Enable>("a ENABLE qresync utf8=accept").capabilities,
            (std::vector<std::string>{"QRESYNC", "UTF8=ACCEPT"}));
  const auto id = parse_ok<Id>("a ID (\"name\" \"imapflow\" \"vendor\" NIL)");
  ASSERT_EQ(id.fields.size(), 2u);
  EXPECT_EQ(id.fields[0], (std::pair<std::string, std::string>{"name", "imapflow"}));
  EXPECT_EQ(id.fields[1].second, "");
  EXPECT_TRUE(parse_ok<Id>("a ID NIL").fields.empty());
  EXPECT_EQ(parse_ok<Compress>("a COMPRESS deflate").mechanism, "DEFLATE");
}

TEST(ParseCommand, SelectWithQresync) {
  const auto s = parse_ok<Select>(
      "a EXAMINE inbox (CONDSTORE QRESYNC (67890007 90060115194045000 41:211,214:541 (1:10 41:50)))");
  EXPECT_EQ(s.mailbox, "INBOX");
  EXPECT_TRUE(s.read_only);
  EXPECT_TRUE(s.condstore);
  ASSERT_TRUE(s.qresync);
  EXPECT_EQ(s.qresync->uidvalidity, 67890007u);
  EXPECT_EQ(s.qresync->modseq, 90060115194045000u);
  ASSERT_TRUE(s.qresync->known_uids);
  EXPECT_EQ(s.qresync->known_uids->ranges, (std::vector<SeqRange>{{41, 211}, {214, 541}}));
  ASSERT_TRUE(s.qresync->seq_match);
  EXPECT_EQ(s.qresync->seq_match->first.ranges, (std::vector<SeqRange>{{1, 10}}));
  EXPECT_EQ(s.qresync->seq_match->second.ranges, (std::vector<SeqRange>{{41, 50}}));
  const auto bare = parse_ok<Select>("a SELECT INBOX (QRESYNC (1 2 (1,3 5,9)))");
  EXPECT_FALSE(bare.qresync->known_uids);
  EXPECT_TRUE(bare.qresync->seq_match);
}

TEST(ParseCommand, MailboxCommands) {
  EXPECT_EQ(parse_ok<Create>("a CREATE x (USE (\\Archive))").use, store::SpecialUse::archive);
  EXPECT_EQ(parse_ok<Create>("a CREATE x").use, store::SpecialUse::none);
  const auto rename = parse_ok<Rename>("a RENAME \"Old &AOQ-\" New");
  EXPECT_EQ(rename.from, "Old \xC3\xA4");
  EXPECT_EQ(rename.to, "New");
  EXPECT_FALSE(parse_ok<Subscribe>("a UNSUBSCRIBE x").subscribe);
  EXPECT_TRUE(parse_ok<Subscribe>("a SUBSCRIBE x").subscribe);
  EXPECT_EQ(parse_ok<Delete>("a DELETE Inbox/Sub").mailbox, "INBOX/Sub");
  const auto status = parse_ok<StatusRequest>("a STATUS INBOX (MESSAGES SIZE HIGHESTMODSEQ)");
  EXPECT_TRUE(status.items.messages && status.items.size && status.items.highestmodseq);
  EXPECT_FALSE(status.items.unseen);
  EXPECT_EQ(parse_ok<GetQuota>("a GETQUOTA \"\"").root, "");
  EXPECT_EQ(parse_ok<GetQuotaRoot>("a GETQUOTAROOT inbox").mailbox, "INBOX");
  const auto set = parse_ok<SetQuota>("a SETQUOTA \"\" (storage 512 MESSAGE 1000)");
  EXPECT_EQ(set.limits,
            (std::vector<std::pair<std::string, std::uint64_t>>{{"STORAGE", 512}, {"MESSAGE", 1000}}));
}

TEST(ParseCommand, List) {
  auto l = parse_ok<List>("a LIST \"\" *");
  EXPECT_EQ(l.reference, "");
  EXPECT_EQ(l.patterns, std::vector<std::string>{"*"});
  EXPECT_FALSE(l.options.extended);
  l = parse_ok<List>(
      "a LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (\"Foo/*\" \"%\") RETURN (CHILDREN STATUS (MESSAGES UNSEEN))");
  EXPECT_TRUE(l.options.extended && l.options.subscribed && l.options.recursive_match &&
              l.options.return_children);
  EXPECT_EQ(l.patterns, (std::vector<std::string>{"Foo/*", "%"}));
  ASSERT_TRUE(l.options.return_status);
  EXPECT_TRUE(l.options.return_status->messages && l.options.return_status->unseen);
  l = parse_ok<List>("a LSUB \"\" Entw&APw-rfe/%");
  EXPECT_TRUE(l.lsub);
  EXPECT_EQ(l.patterns, std::vector<std::string>{"Entw\xC3\xBCrfe/%"});
  EXPECT_EQ(parse_ok<List>("a LIST \"\" inbox").patterns, std::vector<std::string>{"INBOX"});
}

TEST(ParseCommand, Append) {
  const auto a = parse_ok<Append>(
      "a APPEND Sent (\\Seen $MDNSent \\Recent) \"17-Jul-1996 02:44:25 -0700\" {5}\r\nhello");
  EXPECT_EQ(a.mailbox, "Sent");
  ASSERT_EQ(a.messages.size(), 1u);
  EXPECT_EQ(a.messages[0].bytes, "hello");
  EXPECT_EQ(a.messages[0].flags.flags.system, store::kSeen);
  EXPECT_EQ(a.messages[0].flags.flags.keywords, std::vector<std::string>{"$MDNSent"});
  EXPECT_EQ(a.messages[0].flags.other, std::vector<std::string>{"\\Recent"});
  EXPECT_EQ(a.messages[0].internal_date, 837596665);  // 1996-07-17T09:44:25Z
  EXPECT_FALSE(a.messages[0].binary);
  // RFC 3502 MULTIAPPEND, with a literal8 (RFC 3516) and the RFC 6855 UTF8 form.
  const auto multi =
      parse_ok<Append>("a APPEND INBOX (\\Seen) {2}\r\nab ~{3}\r\nc\0d (\\Flagged) UTF8 (~{1}\r\ne)"s);
  ASSERT_EQ(multi.messages.size(), 3u);
  EXPECT_EQ(multi.messages[1].bytes, std::string("c\0d", 3));
  EXPECT_TRUE(multi.messages[1].binary);
  EXPECT_EQ(multi.messages[1].flags.flags.system, 0);
  EXPECT_EQ(multi.messages[2].flags.flags.system, store::kFlagged);
  EXPECT_EQ(multi.messages[2].bytes, "e");
  EXPECT_EQ(
      parse_ok<Append>("a APPEND INBOX \" 5-Jan-2024 09:00:00 +0000\" {1}\r\nx").messages[0].internal_date,
      1704445200);
}

TEST(ParseCommand, FetchExpandsMacrosAndReadsSections) {
  using K = FetchItem::Kind;
  auto kinds = [](const Fetch& f) {
    std::vector<K> out;
    for (const auto& item : f.items) out.push_back(item.kind);
    return out;
  };
  EXPECT_EQ(kinds(parse_ok<Fetch>("a FETCH 1 ALL")),
            (std::vector<K>{K::flags, K::internaldate, K::rfc822_size, K::envelope}));
  EXPECT_EQ(kinds(parse_ok<Fetch>("a FETCH 1 FAST")),
            (std::vector<K>{K::flags, K::internaldate, K::rfc822_size}));
  EXPECT_EQ(kinds(parse_ok<Fetch>("a FETCH 1 full")),
            (std::vector<K>{K::flags, K::internaldate, K::rfc822_size, K::envelope, K::body}));
  const auto f = parse_ok<Fetch>(
      "a UID FETCH 1:*,7 (BODY.PEEK[1.2.HEADER.FIELDS (From \"To\")]<10.20> BINARY[3] BODY) (CHANGEDSINCE 9 "
      "VANISHED)");
  EXPECT_TRUE(f.uid);
  EXPECT_EQ(f.set.ranges, (std::vector<SeqRange>{{1, kStar}, {7, 7}}));
  ASSERT_EQ(f.items.size(), 3u);
  EXPECT_EQ(f.items[0].kind, K::body_section);
  EXPECT_TRUE(f.items[0].peek);
  EXPECT_EQ(f.items[0].section.part, (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(f.items[0].section.text, Section::Text::header_fields);
  EXPECT_EQ(f.items[0].section.fields, (std::vector<std::string>{"From", "To"}));
  EXPECT_EQ(f.items[0].partial, (Partial{10, 20}));
  EXPECT_EQ(f.items[1].kind, K::binary);
  EXPECT_FALSE(f.items[1].peek);
  EXPECT_EQ(f.items[1].section.part, std::vector<std::uint32_t>{3});
  EXPECT_EQ(f.items[2].kind, K::body);
  EXPECT_EQ(f.changed_since, 9u);
  EXPECT_TRUE(f.vanished);
  const auto mime = parse_ok<Fetch>("a FETCH 1 (BODY[2.MIME] BODY[2] BODY[] BINARY.SIZE[] BODY[1.TEXT])");
  EXPECT_EQ(mime.items[0].section.text, Section::Text::mime);
  EXPECT_EQ(mime.items[1].section.text, Section::Text::none);
  EXPECT_EQ(mime.items[1].section.part, std::vector<std::uint32_t>{2});
  EXPECT_TRUE(mime.items[2].section.part.empty());
  EXPECT_FALSE(mime.items[2].peek);
  EXPECT_EQ(mime.items[3].kind, K::binary_size);
  EXPECT_EQ(mime.items[4].section.text, Section::Text::text);
  EXPECT_TRUE(parse_ok<Fetch>("a FETCH $ FLAGS").set.saved);
}

TEST(ParseCommand, Store) {
  auto s = parse_ok<Store>("a UID STORE 1:3 +FLAGS.SILENT (\\Deleted \\seen foo foo bar)");
  EXPECT_TRUE(s.uid && s.silent);
  EXPECT_EQ(s.mode, store::FlagChange::Mode::add);
  EXPECT_EQ(s.flags.flags.system, store::kDeleted | store::kSeen);
  EXPECT_EQ(s.flags.flags.keywords, (std::vector<std::string>{"bar", "foo"}));
  EXPECT_FALSE(s.unchanged_since);
  s = parse_ok<Store>("a STORE 1 (UNCHANGEDSINCE 0) -FLAGS \\Answered $Label1");
  EXPECT_EQ(s.mode, store::FlagChange::Mode::remove);
  EXPECT_EQ(s.unchanged_since, 0u);
  EXPECT_EQ(s.flags.flags.system, store::kAnswered);
  EXPECT_EQ(parse_ok<Store>("a STORE 1 FLAGS ()").mode, store::FlagChange::Mode::replace);
}

TEST(ParseCommand, CopyMoveExpunge) {
  const auto c = parse_ok<Copy>("a UID MOVE 42,45:* \"Deleted Items\"");
  EXPECT_TRUE(c.uid && c.move);
  EXPECT_EQ(c.mailbox, "Deleted Items");
  EXPECT_FALSE(parse_ok<Copy>("a COPY 1 x").move);
  EXPECT_FALSE(parse_ok<Expunge>("a EXPUNGE").uids);
  EXPECT_EQ(parse_ok<Expunge>("a UID EXPUNGE 3000:3002").uids->ranges, (std::vector<SeqRange>{{3000, 3002}}));
}

TEST(ParseCommand, SimpleCommandsAreTheirTypes) {
  parse_ok<Capability>("a CAPABILITY");
  parse_ok<Noop>("a NOOP");
  parse_ok<Logout>("a LOGOUT");
  parse_ok<StartTls>("a STARTTLS");
  parse_ok<Check>("a CHECK");
  parse_ok<Close>("a CLOSE");
  parse_ok<Unselect>("a UNSELECT");
  parse_ok<Namespace>("a NAMESPACE");
  parse_ok<Idle>("a IDLE");
}

TEST(ParseCommand, Utf8AcceptTakesNamesAsSent) {
  ParseOptions utf8;
  utf8.utf8_accept = true;
  EXPECT_EQ(parse_ok<Select>("a SELECT \"Entw\xC3\xBCrfe\"", utf8).mailbox, "Entw\xC3\xBCrfe");
  EXPECT_EQ(parse_ok<Select>("a SELECT \"Tom &AOQ-\"", utf8).mailbox, "Tom &AOQ-");
  EXPECT_NE(parse_bad("a SELECT \"\xC3\"", utf8).text.find("invalid UTF-8"), std::string::npos);
  // Without UTF8=ACCEPT, raw UTF-8 in a quoted name is tolerated, invalid bytes are not.
  EXPECT_EQ(parse_ok<Select>("a SELECT \"Entw\xC3\xBCrfe\"").mailbox, "Entw\xC3\xBCrfe");
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("a SELECT \"\xFF\"")));
}

TEST(ParseCommand, Bounds) {
  // One line of a command.
  const std::string long_line = "a SEARCH TEXT \"" + std::string(limits::kMaxImapLineBytes, 'x') + "\"";
  EXPECT_EQ(parse_bad(long_line).code, "TOOBIG");
  // A line before a literal.
  const std::string long_head = "a LOGIN \"" + std::string(limits::kMaxImapLineBytes, 'x') + "\" {1}\r\ny";
  EXPECT_EQ(parse_bad(long_head).code, "TOOBIG");
  // A whole command, but APPEND's message data does not count.
  std::string many = "a SEARCH";
  while (many.size() <= limits::kMaxImapCommandBytes) many += " TEXT {60000}\r\n" + std::string(60000, 'x');
  EXPECT_EQ(parse_bad(many).code, "TOOBIG");
  const std::string big_message(limits::kMaxImapCommandBytes + 10, 'x');
  EXPECT_EQ(parse_ok<Append>("a APPEND INBOX {" + std::to_string(big_message.size()) + "}\r\n" + big_message)
                .messages[0]
                .bytes.size(),
            big_message.size());
  // Nesting.
  std::string nested = "a SEARCH ";
  for (std::size_t i = 0; i <= limits::kMaxImapNesting; ++i) nested += "NOT ";
  nested += "SEEN";
  EXPECT_EQ(parse_bad(nested).code, "LIMIT");
  std::string parens = "a SEARCH " + std::string(limits::kMaxImapNesting + 1, '(') + "SEEN" +
                       std::string(limits::kMaxImapNesting + 1, ')');
  EXPECT_EQ(parse_bad(parens).code, "LIMIT");
  std::string ok_parens = "a SEARCH " + std::string(limits::kMaxImapNesting, '(') + "SEEN" +
                          std::string(limits::kMaxImapNesting, ')');
  parse_ok<Search>(ok_parens);
  // Search keys, sequence ranges, fetch items, header names, literals.
  std::string keys = "a SEARCH";
  for (std::size_t i = 0; i <= limits::kMaxImapSearchKeys; ++i) keys += " SEEN";
  EXPECT_EQ(parse_bad(keys).code, "LIMIT");
  std::string ranges = "a FETCH 1";
  for (std::size_t i = 0; i < limits::kMaxImapSequenceRanges; ++i) ranges += ",1";
  EXPECT_EQ(parse_bad(ranges + " FLAGS").code, "LIMIT");
  std::string items = "a FETCH 1 (UID";
  for (std::size_t i = 0; i < limits::kMaxImapFetchItems; ++i) items += " UID";
  EXPECT_EQ(parse_bad(items + ")").code, "LIMIT");
  std::string fields = "a FETCH 1 BODY[HEADER.FIELDS (A";
  for (std::size_t i = 0; i < limits::kMaxImapHeaderFieldNames; ++i) fields += " A";
  EXPECT_EQ(parse_bad(fields + ")]").code, "LIMIT");
  std::string literals = "a SEARCH";
  for (std::size_t i = 0; i <= limits::kMaxImapLiteralsPerCommand; ++i) literals += " TEXT {1}\r\nx";
  EXPECT_EQ(parse_bad(literals).code, "LIMIT");
  EXPECT_NE(parse_bad("a STORE 1 +FLAGS (" + std::string(limits::kMaxKeywordBytes + 1, 'k') + ")")
                .text.find("keyword longer"),
            std::string::npos);
  // A literal announcing more than is there, or more than any number.
  EXPECT_NE(parse_bad("a LOGIN {99999999999999999999}\r\nx y").text.find("too large"), std::string::npos);
}

}  // namespace
}  // namespace kurir::imap
