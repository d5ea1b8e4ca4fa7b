// Hand-written messages shared by the structure, ENVELOPE and BODYSTRUCTURE
// tests. Written with "\n"; tests convert them with crlf() unless a case is
// about bare LF. Each is shaped after real mail (see the comment on each).
#pragma once

namespace kurir::mime::test {

// A plain message with every envelope field, a group, an RFC 2047 subject.
inline constexpr const char* kSimple =
    "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\n"
    "From: \"Doe, Jane\" <jane@example.org>\n"
    "Sender: list@example.org\n"
    "To: bob@example.com, Team: a@b.c, \"Q \\\"x\\\"\" <d@e.f>;\n"
    "Cc: undisclosed-recipients:;\n"
    "Subject: =?UTF-8?B?SMOpbGxv?= world\n"
    "Message-ID: <1234@local.machine.example>\n"
    "In-Reply-To: <parent@x>\n"
    "References: <root@x>\n"
    "  <parent@x>\n"
    "\n"
    "Hello\n";

// multipart/alternative with a preamble and epilogue, quoted-printable Latin-1.
inline constexpr const char* kAlternative =
    "From: a@b\n"
    "Subject: Re: [list] Fwd: hi (fwd)\n"
    "Content-Type: multipart/alternative; boundary=\"b1\"\n"
    "\n"
    "preamble\n"
    "--b1\n"
    "Content-Type: text/plain; charset=iso-8859-1\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "caf=E9\n"
    "--b1\n"
    "Content-Type: text/html; charset=utf-8\n"
    "\n"
    "<p>caf&amp; <b>bold</b></p>\n"
    "--b1--\n"
    "epilogue\n";

// multipart/mixed: text, a base64 attachment with every extension field and
// an RFC 2231 filename, and a forwarded message/rfc822 holding a multipart.
inline constexpr const char* kMixed =
    "From: Alice <alice@example.org>\n"
    "To: Bob <bob@example.com>\n"
    "Subject: report\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=outer\n"
    "\n"
    "--outer\n"
    "Content-Type: text/plain\n"
    "\n"
    "See attached.\n"
    "--outer\n"
    "Content-Type: application/pdf; name=\"r.pdf\"\n"
    "Content-Disposition: attachment;\n"
    " filename*0*=UTF-8'en'R%C3%A9sum;\n"
    " filename*1=\".pdf\"\n"
    "Content-Transfer-Encoding: base64\n"
    "Content-ID: <pdf@x>\n"
    "Content-Description: the report\n"
    "Content-Language: en, de\n"
    "Content-Location: http://x/\n"
    " r.pdf\n"
    "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\n"
    "\n"
    "JVBERi0xLjQK\n"
    "--outer\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "From: Carol <carol@example.net>\n"
    "Subject: inner\n"
    "Content-Type: multipart/alternative; boundary=inner\n"
    "\n"
    "--inner\n"
    "\n"
    "plain\n"
    "--inner\n"
    "Content-Type: text/html\n"
    "\n"
    "<b>x</b>\n"
    "--inner--\n"
    "--outer--\n";

// A multipart/digest: its parts default to message/rfc822 (RFC 2046 5.1.5).
inline constexpr const char* kDigest =
    "Subject: digest\n"
    "Content-Type: multipart/digest; boundary=d\n"
    "\n"
    "--d\n"
    "\n"
    "Subject: one\n"
    "\n"
    "first\n"
    "--d\n"
    "Content-Type: text/plain\n"
    "\n"
    "second\n"
    "--d--\n";

// Boundaries broken every way mailers break them.
inline constexpr const char* kMissingFinalBoundary =
    "Content-Type: multipart/mixed; boundary=zz\n"
    "\n"
    "--zz\n"
    "\n"
    "one\n"
    "--zz\n"
    "Content-Type: text/html\n"
    "\n"
    "two, cut off";

inline constexpr const char* kNoBoundaryFound =
    "Subject: wrong boundary\n"
    "Content-Type: multipart/mixed; boundary=expected\n"
    "\n"
    "--actual\n"
    "\n"
    "text\n"
    "--actual--\n";

inline constexpr const char* kNoBoundaryParam =
    "Content-Type: multipart/mixed\n"
    "\n"
    "just text\n";

// Inner boundary is the outer one plus a suffix; the outer wins only on an
// exact delimiter line (RFC 2046 5.1.1).
inline constexpr const char* kPrefixBoundaries =
    "Content-Type: multipart/mixed; boundary=\"=_a\"\n"
    "\n"
    "--=_a\n"
    "Content-Type: multipart/alternative; boundary=\"=_a_1\"\n"
    "\n"
    "--=_a_1\n"
    "\n"
    "x\n"
    "--=_a_1--\n"
    "--=_a  \n"
    "\n"
    "y\n"
    "--=_a--\n";

// An unclosed inner multipart is ended by its parent's delimiter.
inline constexpr const char* kUnclosedInner =
    "Content-Type: multipart/mixed; boundary=out\n"
    "\n"
    "--out\n"
    "Content-Type: multipart/alternative; boundary=in\n"
    "\n"
    "--in\n"
    "\n"
    "a\n"
    "--out\n"
    "\n"
    "b\n"
    "--out--\n";

// 8-bit header bytes (Latin-1 and UTF-8 without encoded words).
inline constexpr const char* kEightBitHeader =
    "From: J\xC3\xBCrgen <j@x.de>\n"
    "Subject: Gr\xFC\xDF" "e\n"
    "\n"
    "body\n";

}  // namespace kurir::mime::test
