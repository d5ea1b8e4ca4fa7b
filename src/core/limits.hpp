// Every bound Kurir enforces, named in one place (STYLE.md habit 5). Values
// here are the defaults; those an operator may change are also in kurir.toml
// (core/config.hpp) and the config value wins. Enforced where the bytes are read.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kurir::limits {

// Messages
inline constexpr std::size_t kMaxMessageBytes = 50 * 1024 * 1024;  // SMTP SIZE, APPEND literal
inline constexpr std::size_t kMaxHeaderFields = 5000;              // per part; the rest is kept as body-less header bytes
inline constexpr std::size_t kMaxMimeDepth = 32;                   // deeper nesting is treated as an opaque leaf
inline constexpr std::size_t kMaxMimeParts = 10000;                // more parts: the rest is kept as text of the last one
inline constexpr std::size_t kMaxSearchTextBytes = 1024 * 1024;    // decoded text fed to the full-text index
inline constexpr std::size_t kMaxReferences = 100;                 // Message-IDs kept from References for threading

// Names
inline constexpr std::size_t kMaxAddressBytes = 254;        // RFC 5321 4.5.3.1.3 path, less the brackets
inline constexpr std::size_t kMaxLocalPartBytes = 64;       // RFC 5321 4.5.3.1.1
inline constexpr std::size_t kMaxDomainBytes = 253;         // RFC 1035 2.3.4, less the final dot
inline constexpr std::size_t kMaxMailboxNameBytes = 1000;   // whole hierarchical name, UTF-8
inline constexpr std::size_t kMaxMailboxDepth = 32;         // hierarchy levels in one name
inline constexpr std::size_t kMaxKeywordBytes = 128;        // one IMAP keyword
inline constexpr std::size_t kMaxKeywordsPerMailbox = 256;  // distinct keywords (PERMANENTFLAGS \*)
inline constexpr std::size_t kMaxPasswordBytes = 1024;
inline constexpr std::size_t kMaxSaslResponseBytes = 4096;  // one base64 SASL response

// POP3
inline constexpr std::size_t kMaxPop3CommandBytes = 255 - 2;  // RFC 2449 4: 255 octets with CRLF
inline constexpr std::size_t kMaxPop3CredentialLineBytes = kMaxSaslResponseBytes + 64;  // PASS, AUTH and SASL replies
inline constexpr std::size_t kMaxPop3ErrorsPerSession = 10;   // bad commands and failed logins, then close
inline constexpr std::size_t kPop3IdleSeconds = 10 * 60;      // RFC 1939 3: the autologout timer, at least 10 minutes
inline constexpr std::size_t kPop3RetrChunkBytes = 64 * 1024;  // RETR/TOP bytes per write
inline constexpr std::size_t kPop3ReadAheadBytes = 256 * 1024;  // messages read with the one RETR asked for
inline constexpr std::size_t kPop3ReadAheadMessages = 32;

// SMTP (RFC 5321 4.5.3.1 sizes; 4.5.3.2 timeouts are in smtp/session.cpp)
inline constexpr std::size_t kMaxSmtpCommandLineBytes = 510;   // RFC 5321 4.5.3.1.4: 512 with CRLF
inline constexpr std::size_t kMaxSmtpMailLineBytes = 1024;     // MAIL/RCPT with SIZE, AUTH=, DSN params (RFC 1870, 4954, 3461)
inline constexpr std::size_t kMaxSmtpLineBytes = 4200;         // any line read: AUTH with an initial response (RFC 4954 4)
inline constexpr std::size_t kMaxSmtpDataLineBytes = 64 * 1024; // one line of DATA (RFC 5321 4.5.3.1.6 says 1000; be lenient)
inline constexpr std::size_t kMaxSmtpErrors = 10;               // bad commands per session, then 421 and close

// Outbound queue (src/queue/; RFC 5321 4.5.3.2 client timeouts are in queue/smtp_client.cpp)
inline constexpr std::size_t kMaxSmtpReplyLines = 100;          // lines of one reply from a remote server (EHLO's list)
inline constexpr std::size_t kMaxMxHosts = 16;                  // mail exchangers tried per domain, in preference order
inline constexpr std::size_t kMaxAddressesPerHost = 8;          // A/AAAA addresses tried per exchanger
inline constexpr std::size_t kMaxMessagesPerConnection = 100;   // messages sent over one connection before QUIT
inline constexpr std::size_t kQueueMessagesPerExtraConnection = 10; // a backlog this large per connection opens another
inline constexpr std::size_t kMaxQueueDueBatch = 1000;          // due messages taken per look at the queue
inline constexpr std::size_t kMaxDsnReturnedBytes = 256 * 1024; // RET=FULL beyond this returns the headers only

// IMAP (RFC 9051; RFC 7888 LITERAL-; RFC 2683 3.2.1.5 line lengths)
inline constexpr std::size_t kMaxImapLineBytes = 64 * 1024;        // one line of a command, between literals
inline constexpr std::size_t kMaxImapCommandBytes = 1024 * 1024;   // a whole command but APPEND's message literals
inline constexpr std::size_t kMaxImapNonSyncLiteralBytes = 4096;   // RFC 7888 LITERAL-: larger {N+} are refused
inline constexpr std::size_t kMaxImapLiteralsPerCommand = 1000;    // APPEND of many messages (RFC 3502) included
inline constexpr std::size_t kMaxImapNesting = 32;                 // parenthesised lists, SEARCH NOT/OR depth
inline constexpr std::size_t kMaxImapSequenceRanges = 10000;       // ranges in one sequence set
inline constexpr std::size_t kMaxImapSearchKeys = 1000;            // keys in one SEARCH program
inline constexpr std::size_t kMaxImapFetchItems = 100;             // items in one FETCH
inline constexpr std::size_t kMaxImapHeaderFieldNames = 100;       // HEADER.FIELDS (...) names
inline constexpr std::size_t kMaxImapBadCommands = 20;             // BAD answers in a row, then BYE and close
inline constexpr std::size_t kImapIdleSeconds = 30 * 60;           // RFC 9051 5.4: autologout at least 30 minutes
inline constexpr std::size_t kImapPreAuthIdleSeconds = 60;         // before login, a silent client is dropped sooner
inline constexpr std::size_t kMaxImapResponseChunkBytes = 64 * 1024;  // FETCH body bytes per write
inline constexpr std::size_t kMaxImapThreadDepth = 1000;         // THREAD=REFERENCES nesting; deeper replies start a thread of their own

// Store
inline constexpr std::size_t kMaxCommitBatch = 512;  // transactions folded into one group commit

// Configuration
inline constexpr std::size_t kMaxConfigBytes = 1024 * 1024;

// Import: a line or a file in an mbox/Maildir being imported
inline constexpr std::size_t kMaxImportFiles = 10'000'000;

}  // namespace kurir::limits
