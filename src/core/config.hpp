// kurir.toml: what it holds, its defaults, how it is read and how `kurir init`
// writes it. Every setting is listed once, in config.cpp's table, which gives
// its default, its comment in the written file and its check when read.
//
// SECURITY: the file is operator-written, but still read with a size bound;
// a bad value is an error naming file, line and key, never a silent default.
//
// Thread-safety: Config is a plain value; load once at start, then share const.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace kurir {

enum class Protocol : std::uint8_t { smtp, submission, imap, pop3, http };
enum class TlsMode : std::uint8_t { none, starttls, implicit };

const char* protocol_name(Protocol protocol);
const char* tls_mode_name(TlsMode mode);

struct ListenerConfig {
  std::string name;  // the section: smtp, submission, submissions, imap, imaps, pop3, pop3s, http, https
  Protocol protocol = Protocol::smtp;
  TlsMode tls = TlsMode::none;
  bool enabled = true;
  std::string address;  // "*" = every address, IPv6 and IPv4
  std::uint16_t port = 0;
};

enum class PortSet : std::uint8_t { standard, high };

// When a password may cross the network unencrypted (AUTH PLAIN before
// STARTTLS, IMAP LOGIN on port 143, POP3 USER/PASS on 110).
enum class PlaintextAuth : std::uint8_t { never, loopback, always };

struct Config {
  std::filesystem::path data_dir;
  std::filesystem::path file;  // data_dir / "kurir.toml"

  // [server]
  std::string hostname;
  std::string log_level = "info";
  std::string run_as_user = "kurir";  // used only when started as root

  // [storage]
  std::filesystem::path database;  // absolute, resolved against data_dir

  // [tls]
  std::filesystem::path certificate;  // absolute
  std::filesystem::path private_key;  // absolute

  // [auth]
  PlaintextAuth plaintext_auth = PlaintextAuth::loopback;

  // [limits]
  std::uint64_t message_size = 0;
  std::uint32_t recipients_per_message = 0;
  std::uint32_t connections_per_ip = 0;

  // [queue]: outbound delivery (src/queue/)
  struct Queue {
    std::string resolver;  // "" = the system's (resolv.conf); else "IP" or "IP@PORT"
    std::uint16_t port = 25;  // the port remote mail exchangers are contacted on
    std::uint32_t retry_first = 300;     // seconds before the first retry
    std::uint32_t retry_max = 14400;     // longest wait between retries (the waits double)
    std::uint32_t lifetime = 432000;     // seconds a message is tried before it bounces (5 days)
    // Seconds after queueing when the sender of a message still waiting for
    // some recipients gets one "delayed" DSN; 0: never (as Postfix's
    // delay_warning_time, off by default).
    std::uint32_t delay_warning = 0;
    std::uint32_t connections_total = 50;
    std::uint32_t connections_per_domain = 5;
    std::uint32_t poll_ms = 500;         // how often the queue looks for due entries
    bool require_tls = false;            // refuse to deliver without STARTTLS
    // Recipient domains (lower case) whose mail goes only over TLS, each with
    // its subdomains; the others stay opportunistic (queue/tls_policy.hpp).
    std::vector<std::string> require_tls_domains;
    std::string smarthost;               // "" = deliver directly; else "HOST:PORT" relaying everything
    TlsMode smarthost_tls = TlsMode::starttls;
    std::string smarthost_user;          // AUTH PLAIN when not empty
    std::string smarthost_password;
    bool smarthost_verify = true;        // check the smarthost's certificate and name
    std::string smarthost_ca;            // "" = the system's CAs; else a PEM file to trust instead
  } queue;

  // [listeners.*], in the order of the written file
  std::vector<ListenerConfig> listeners;
};

inline constexpr std::string_view kConfigFileName = "kurir.toml";

// The default listeners for a port set (DESIGN.md "Defaults").
std::vector<ListenerConfig> default_listeners(PortSet ports);

// Reads DATA_DIR/kurir.toml. Errors (invalid_argument) read
// "DATA/kurir.toml:12: listeners.imap.port: expected a port number (1-65535)".
// not_found when the data dir or its kurir.toml does not exist.
Result<Config> load_config(const std::filesystem::path& data_dir);

// The text of a new kurir.toml: every setting present, commented, with its
// default, and these values filled in.
std::string render_config(std::string_view hostname, PortSet ports);

}  // namespace kurir
