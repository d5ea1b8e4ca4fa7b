#include "core/config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

#include "core/domain_name.hpp"
#include "core/limits.hpp"

namespace kurir {

const char* protocol_name(Protocol protocol) {
  switch (protocol) {
    case Protocol::smtp: return "SMTP";
    case Protocol::submission: return "submission";
    case Protocol::imap: return "IMAP";
    case Protocol::pop3: return "POP3";
    case Protocol::http: return "HTTP";
  }
  return "?";
}

const char* tls_mode_name(TlsMode mode) {
  switch (mode) {
    case TlsMode::none: return "none";
    case TlsMode::starttls: return "starttls";
    case TlsMode::implicit: return "implicit";
  }
  return "?";
}

std::vector<ListenerConfig> default_listeners(PortSet ports) {
  const bool high = ports == PortSet::high;
  auto make = [](std::string name, Protocol protocol, TlsMode tls, std::uint16_t port) {
    return ListenerConfig{std::move(name), protocol, tls, true, "*", port};
  };
  return {
      make("smtp", Protocol::smtp, TlsMode::starttls, high ? 2525 : 25),
      make("submission", Protocol::submission, TlsMode::starttls, high ? 2587 : 587),
      make("submissions", Protocol::submission, TlsMode::implicit, high ? 2465 : 465),
      make("imap", Protocol::imap, TlsMode::starttls, high ? 2143 : 143),
      make("imaps", Protocol::imap, TlsMode::implicit, high ? 2993 : 993),
      make("pop3", Protocol::pop3, TlsMode::starttls, high ? 2110 : 110),
      make("pop3s", Protocol::pop3, TlsMode::implicit, high ? 2995 : 995),
      make("http", Protocol::http, TlsMode::none, high ? 8080 : 80),
      make("https", Protocol::http, TlsMode::implicit, high ? 8443 : 443),
  };
}

namespace {

// A value failed its check; the message says what was expected.
struct BadValue {
  std::string expected;
};

std::string read_string(const toml::node& node) {
  if (auto v = node.value<std::string>(); v && node.is_string()) return *v;
  throw BadValue{"expected a string in double quotes"};
}

bool read_bool(const toml::node& node) {
  if (node.is_boolean()) return *node.value<bool>();
  throw BadValue{"expected true or false"};
}

// A domain name as an operator writes it in a list (core/domain_name.hpp:
// the store's rules), lower-cased.
std::string read_domain(const toml::node& node) {
  const std::string expected = "expected a list of domain names, e.g. [\"bank.example\"]";
  if (!node.is_string()) throw BadValue{expected};
  auto domain = normalize_domain(*node.value<std::string>());
  if (!domain) throw BadValue{expected};
  return *domain;
}

std::vector<std::string> read_domain_list(const toml::node& node) {
  const auto* array = node.as_array();
  if (!array) throw BadValue{"expected a list of domain names, e.g. [\"bank.example\"]"};
  std::vector<std::string> out;
  for (const auto& element : *array) out.push_back(read_domain(element));
  return out;
}

std::int64_t read_integer(const toml::node& node, std::int64_t min, std::int64_t max) {
  if (node.is_integer()) {
    const auto v = *node.value<std::int64_t>();
    if (v >= min && v <= max) return v;
  }
  throw BadValue{fmt::format("expected a whole number from {} to {}", min, max)};
}

template <class Enum, std::size_t N>
Enum read_choice(const toml::node& node, const std::array<std::pair<std::string_view, Enum>, N>& choices) {
  std::string names;
  for (const auto& [name, value] : choices) {
    if (node.is_string() && *node.value<std::string>() == name) return value;
    names += names.empty() ? fmt::format("\"{}\"", name) : fmt::format(", \"{}\"", name);
  }
  throw BadValue{"expected one of " + names};
}

constexpr std::array<std::pair<std::string_view, TlsMode>, 3> kTlsModes{
    {{"none", TlsMode::none}, {"starttls", TlsMode::starttls}, {"implicit", TlsMode::implicit}}};
constexpr std::array<std::pair<std::string_view, PlaintextAuth>, 3> kPlaintextAuth{
    {{"never", PlaintextAuth::never}, {"loopback", PlaintextAuth::loopback}, {"always", PlaintextAuth::always}}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kLogLevels{
    {{"trace", "trace"}, {"debug", "debug"}, {"info", "info"}, {"warn", "warn"}, {"error", "error"}, {"off", "off"}}};

// A TOML basic string ("..."), escaping what TOML requires.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// What render_config fills in.
struct RenderContext {
  std::string_view hostname;
  PortSet ports;
};

// One setting outside [listeners]: where it lives, what the written file
// says of it, its default, and how a value is read into Config.
struct Setting {
  std::string_view section;
  std::string_view key;
  std::string_view comment;
  std::function<std::string(const RenderContext&)> default_text;
  std::function<void(const toml::node&, Config&)> read;
  std::function<void(Config&)> set_default;
};

std::string literal(std::string_view text) { return std::string(text); }

const std::vector<Setting>& settings() {
  static const std::vector<Setting> table = {
      {"server", "hostname", "The name this server gives itself in SMTP greetings and Received headers,\n"
                             "and the name its certificate is made for.",
       [](const RenderContext& c) { return quoted(c.hostname); },
       [](const toml::node& n, Config& c) {
         c.hostname = read_string(n);
         if (c.hostname.empty() || c.hostname.size() > limits::kMaxDomainBytes) throw BadValue{"expected a host name"};
       },
       [](Config&) {}},
      {"server", "log_level", "How much to log: \"trace\", \"debug\", \"info\", \"warn\", \"error\" or \"off\".",
       [](const RenderContext&) { return literal("\"info\""); },
       [](const toml::node& n, Config& c) { c.log_level = std::string(read_choice(n, kLogLevels)); },
       [](Config& c) { c.log_level = "info"; }},
      {"server", "user", "When started as root, Kurir binds its ports and then runs as this user.",
       [](const RenderContext&) { return literal("\"kurir\""); },
       [](const toml::node& n, Config& c) { c.run_as_user = read_string(n); },
       [](Config& c) { c.run_as_user = "kurir"; }},
      {"storage", "database", "The SQLite database, relative to the data directory.",
       [](const RenderContext&) { return literal("\"kurir.db\""); },
       [](const toml::node& n, Config& c) { c.database = c.data_dir / read_string(n); },
       [](Config& c) { c.database = c.data_dir / "kurir.db"; }},
      {"tls", "certificate", "PEM certificate chain and private key, relative to the data directory.\n"
                             "`kurir init` makes a self-signed pair; replace them with real ones.",
       [](const RenderContext&) { return literal("\"tls/cert.pem\""); },
       [](const toml::node& n, Config& c) { c.certificate = c.data_dir / read_string(n); },
       [](Config& c) { c.certificate = c.data_dir / "tls/cert.pem"; }},
      {"tls", "key", "",
       [](const RenderContext&) { return literal("\"tls/key.pem\""); },
       [](const toml::node& n, Config& c) { c.private_key = c.data_dir / read_string(n); },
       [](Config& c) { c.private_key = c.data_dir / "tls/key.pem"; }},
      {"auth", "plaintext", "When a password may be sent without TLS: \"never\", \"loopback\" (only from\n"
                            "this machine, for tests and local tools) or \"always\".",
       [](const RenderContext&) { return literal("\"loopback\""); },
       [](const toml::node& n, Config& c) { c.plaintext_auth = read_choice(n, kPlaintextAuth); },
       [](Config& c) { c.plaintext_auth = PlaintextAuth::loopback; }},
      {"limits", "message_size", "Largest message accepted, in bytes (SMTP SIZE, IMAP APPEND).",
       [](const RenderContext&) { return std::to_string(limits::kMaxMessageBytes); },
       [](const toml::node& n, Config& c) { c.message_size = read_integer(n, 1024, 1LL << 31); },
       [](Config& c) { c.message_size = limits::kMaxMessageBytes; }},
      {"limits", "recipients_per_message", "Most recipients one SMTP transaction may name.",
       [](const RenderContext&) { return literal("100"); },
       [](const toml::node& n, Config& c) { c.recipients_per_message = read_integer(n, 1, 100000); },
       [](Config& c) { c.recipients_per_message = 100; }},
      {"limits", "connections_per_ip", "Most connections open at once from one IP address, all protocols together.",
       [](const RenderContext&) { return literal("50"); },
       [](const toml::node& n, Config& c) { c.connections_per_ip = read_integer(n, 1, 1000000); },
       [](Config& c) { c.connections_per_ip = 50; }},
      {"queue", "resolver", "The DNS resolver for MX lookups: \"\" uses the system's (/etc/resolv.conf),\n"
                            "else \"IP\" or \"IP@PORT\" of a recursive resolver.",
       [](const RenderContext&) { return literal("\"\""); },
       [](const toml::node& n, Config& c) {
         c.queue.resolver = read_string(n);
         if (c.queue.resolver.size() > limits::kMaxDomainBytes) throw BadValue{"expected \"IP\" or \"IP@PORT\""};
       },
       [](Config& c) { c.queue.resolver.clear(); }},
      {"queue", "port", "The port remote mail exchangers are contacted on (25; tests change it).",
       [](const RenderContext&) { return literal("25"); },
       [](const toml::node& n, Config& c) { c.queue.port = static_cast<std::uint16_t>(read_integer(n, 1, 65535)); },
       [](Config& c) { c.queue.port = 25; }},
      {"queue", "retry_first", "Seconds before a temporarily failed delivery is tried again; each later\n"
                               "wait doubles, up to retry_max.",
       [](const RenderContext&) { return literal("300"); },
       [](const toml::node& n, Config& c) { c.queue.retry_first = static_cast<std::uint32_t>(read_integer(n, 1, 86400)); },
       [](Config& c) { c.queue.retry_first = 300; }},
      {"queue", "retry_max", "Longest wait between two tries, in seconds.",
       [](const RenderContext&) { return literal("14400"); },
       [](const toml::node& n, Config& c) { c.queue.retry_max = static_cast<std::uint32_t>(read_integer(n, 1, 604800)); },
       [](Config& c) { c.queue.retry_max = 14400; }},
      {"queue", "lifetime", "Seconds a message is tried before it bounces to its sender (5 days).",
       [](const RenderContext&) { return literal("432000"); },
       [](const toml::node& n, Config& c) { c.queue.lifetime = static_cast<std::uint32_t>(read_integer(n, 1, 2592000)); },
       [](Config& c) { c.queue.lifetime = 432000; }},
      {"queue", "delay_warning", "Seconds after which the sender of a message some recipients still wait for\n"
                                 "is told so, once (an RFC 3464 \"delayed\" notice); 0: never.",
       [](const RenderContext&) { return literal("0"); },
       [](const toml::node& n, Config& c) { c.queue.delay_warning = static_cast<std::uint32_t>(read_integer(n, 0, 2592000)); },
       [](Config& c) { c.queue.delay_warning = 0; }},
      {"queue", "connections_total", "Most outgoing SMTP connections at once.",
       [](const RenderContext&) { return literal("50"); },
       [](const toml::node& n, Config& c) { c.queue.connections_total = static_cast<std::uint32_t>(read_integer(n, 1, 10000)); },
       [](Config& c) { c.queue.connections_total = 50; }},
      {"queue", "connections_per_domain", "Most outgoing SMTP connections at once to one destination domain.",
       [](const RenderContext&) { return literal("5"); },
       [](const toml::node& n, Config& c) {
         c.queue.connections_per_domain = static_cast<std::uint32_t>(read_integer(n, 1, 1000));
       },
       [](Config& c) { c.queue.connections_per_domain = 5; }},
      {"queue", "poll_ms", "How often, in milliseconds, the queue looks for messages that are due.",
       [](const RenderContext&) { return literal("500"); },
       [](const toml::node& n, Config& c) { c.queue.poll_ms = static_cast<std::uint32_t>(read_integer(n, 10, 60000)); },
       [](Config& c) { c.queue.poll_ms = 500; }},
      {"queue", "require_tls", "Deliver only over TLS (STARTTLS); without it a message waits and bounces.",
       [](const RenderContext&) { return literal("false"); },
       [](const toml::node& n, Config& c) { c.queue.require_tls = read_bool(n); },
       [](Config& c) { c.queue.require_tls = false; }},
      {"queue", "require_tls_domains", "Recipient domains whose mail goes only over TLS (STARTTLS), each with its\n"
                                       "subdomains (\"bank.example\" also covers \"eu.bank.example\"): when their MX\n"
                                       "offers no STARTTLS or the handshake fails, the message waits and finally\n"
                                       "bounces; the certificate is not checked. Other domains stay opportunistic:\n"
                                       "when the handshake fails, their MX is tried again without STARTTLS.\n"
                                       "With a smarthost, their mail waits while the smarthost gives no TLS.",
       [](const RenderContext&) { return literal("[]"); },
       [](const toml::node& n, Config& c) { c.queue.require_tls_domains = read_domain_list(n); },
       [](Config& c) { c.queue.require_tls_domains.clear(); }},
      {"queue", "smarthost", "Relay every outgoing message through this host (\"HOST:PORT\"), e.g. when\n"
                             "the provider blocks port 25; \"\" delivers to each domain's MX.",
       [](const RenderContext&) { return literal("\"\""); },
       [](const toml::node& n, Config& c) { c.queue.smarthost = read_string(n); },
       [](Config& c) { c.queue.smarthost.clear(); }},
      {"queue", "smarthost_tls", "TLS to the smarthost: \"starttls\", \"implicit\" or \"none\".",
       [](const RenderContext&) { return literal("\"starttls\""); },
       [](const toml::node& n, Config& c) { c.queue.smarthost_tls = read_choice(n, kTlsModes); },
       [](Config& c) { c.queue.smarthost_tls = TlsMode::starttls; }},
      {"queue", "smarthost_user", "Login at the smarthost (AUTH PLAIN, only over TLS); \"\" for none.",
       [](const RenderContext&) { return literal("\"\""); },
       [](const toml::node& n, Config& c) { c.queue.smarthost_user = read_string(n); },
       [](Config& c) { c.queue.smarthost_user.clear(); }},
      {"queue", "smarthost_password", "",
       [](const RenderContext&) { return literal("\"\""); },
       [](const toml::node& n, Config& c) { c.queue.smarthost_password = read_string(n); },
       [](Config& c) { c.queue.smarthost_password.clear(); }},
      {"queue", "smarthost_verify", "Check the smarthost's TLS certificate and host name before sending the\n"
                                    "login (false only for a smarthost you reach over a network you trust).",
       [](const RenderContext&) { return literal("true"); },
       [](const toml::node& n, Config& c) { c.queue.smarthost_verify = read_bool(n); },
       [](Config& c) { c.queue.smarthost_verify = true; }},
      {"queue", "smarthost_ca", "A PEM file of the certificates to trust for the smarthost (e.g. its own\n"
                                "self-signed one); \"\" trusts the system's CAs.",
       [](const RenderContext&) { return literal("\"\""); },
       [](const toml::node& n, Config& c) { c.queue.smarthost_ca = read_string(n); },
       [](Config& c) { c.queue.smarthost_ca.clear(); }},
  };
  return table;
}

constexpr std::string_view kListenerComment =
    "Listeners: each can be turned off (enabled = false) or moved. address \"*\" listens on\n"
    "every address, IPv6 and IPv4; \"127.0.0.1\" or \"::1\" only on this machine.\n"
    "tls: \"none\", \"starttls\" (plain, upgraded by the client) or \"implicit\" (TLS from the first byte).";

std::string location(const Config& config, const toml::source_region& where) {
  return fmt::format("{}:{}", config.file.string(), where.begin.line);
}

}  // namespace

std::string render_config(std::string_view hostname, PortSet ports) {
  const RenderContext context{hostname, ports};
  std::string out =
      "# Kurir configuration. Every setting is here with its default value.\n"
      "# After a change, restart `kurir serve`.\n";
  std::string_view section;
  for (const auto& s : settings()) {
    if (s.section != section) {
      section = s.section;
      out += fmt::format("\n[{}]\n", section);
    }
    if (!s.comment.empty()) {
      std::istringstream lines{std::string(s.comment)};
      for (std::string line; std::getline(lines, line);) out += "# " + line + "\n";
    }
    out += fmt::format("{} = {}\n", s.key, s.default_text(context));
  }
  out += "\n";
  std::istringstream lines{std::string(kListenerComment)};
  for (std::string line; std::getline(lines, line);) out += "# " + line + "\n";
  for (const auto& l : default_listeners(ports)) {
    out += fmt::format("\n[listeners.{}]  # {}\nenabled = true\naddress = \"*\"\nport = {}\ntls = \"{}\"\n", l.name,
                       protocol_name(l.protocol), l.port, tls_mode_name(l.tls));
  }
  return out;
}

Result<Config> load_config(const std::filesystem::path& data_dir) {
  Config config;
  config.data_dir = std::filesystem::absolute(data_dir).lexically_normal();
  config.file = config.data_dir / kConfigFileName;
  std::error_code ec;
  if (!std::filesystem::is_directory(config.data_dir, ec))
    return make_error(Errc::not_found, fmt::format("no data directory at {}; create one with: kurir init --data {}",
                                                   config.data_dir.string(), data_dir.string()));
  if (!std::filesystem::exists(config.file, ec))
    return make_error(Errc::not_found, fmt::format("{} is missing; create it with: kurir init --data {}",
                                                   config.file.string(), data_dir.string()));
  if (std::filesystem::file_size(config.file, ec) > limits::kMaxConfigBytes)
    return make_error(Errc::invalid_argument, fmt::format("{}: larger than 1 MiB", config.file.string()));

  toml::table root;
  try {
    root = toml::parse_file(config.file.string());
  } catch (const toml::parse_error& e) {
    return make_error(Errc::invalid_argument,
                      fmt::format("{}: {}", location(config, e.source()), std::string(e.description())));
  }

  for (const auto& s : settings()) s.set_default(config);
  config.hostname = "localhost";
  config.listeners = default_listeners(PortSet::high);
  for (auto& l : config.listeners) l.enabled = false;

  std::set<std::string, std::less<>> known;
  for (const auto& s : settings()) known.insert(fmt::format("{}.{}", s.section, s.key));

  try {
    for (const auto& [section_key, section_node] : root) {
      const std::string section(section_key.str());
      const auto* table = section_node.as_table();
      if (!table) throw std::pair{section, section_node.source()};
      if (section == "listeners") continue;
      for (const auto& [key, node] : *table) {
        const std::string path = fmt::format("{}.{}", section, key.str());
        if (!known.contains(path)) throw std::pair{path, node.source()};
      }
    }
  } catch (const std::pair<std::string, toml::source_region>& unknown) {
    return make_error(Errc::invalid_argument,
                      fmt::format("{}: {}: unknown setting", location(config, unknown.second), unknown.first));
  }

  for (const auto& s : settings()) {
    const std::string path = fmt::format("{}.{}", s.section, s.key);
    const toml::node* node = root.at_path(path).node();
    if (!node) continue;
    try {
      s.read(*node, config);
    } catch (const BadValue& bad) {
      return make_error(Errc::invalid_argument,
                        fmt::format("{}: {}: {}", location(config, node->source()), path, bad.expected));
    }
  }

  // [listeners.NAME]: the names are fixed (they decide the protocol). A
  // listener is on when its section is present, unless it says enabled = false.
  if (const auto* listeners = root["listeners"].as_table()) {
    for (const auto& [name_key, node] : *listeners) {
      const std::string name(name_key.str());
      auto it = std::find_if(config.listeners.begin(), config.listeners.end(),
                             [&](const ListenerConfig& l) { return l.name == name; });
      const std::string path = "listeners." + name;
      if (it == config.listeners.end() || !node.is_table())
        return make_error(Errc::invalid_argument,
                          fmt::format("{}: {}: unknown listener (known: smtp, submission, submissions, imap, "
                                      "imaps, pop3, pop3s, http, https)",
                                      location(config, node.source()), path));
      it->enabled = true;
      it->port = 0;
      for (const auto& [key, value] : *node.as_table()) {
        const std::string key_path = path + "." + std::string(key.str());
        try {
          if (key == "enabled") it->enabled = read_bool(value);
          else if (key == "address") it->address = read_string(value);
          else if (key == "port") it->port = static_cast<std::uint16_t>(read_integer(value, 1, 65535));
          else if (key == "tls") it->tls = read_choice(value, kTlsModes);
          else throw BadValue{"unknown setting (known: enabled, address, port, tls)"};
        } catch (const BadValue& bad) {
          return make_error(Errc::invalid_argument,
                            fmt::format("{}: {}: {}", location(config, value.source()), key_path, bad.expected));
        }
      }
      if (it->enabled && it->port == 0)
        return make_error(Errc::invalid_argument,
                          fmt::format("{}: {}.port: missing", location(config, node.source()), path));
      if (it->protocol == Protocol::http && it->tls == TlsMode::starttls)
        return make_error(Errc::invalid_argument, fmt::format("{}: {}.tls: HTTP has no STARTTLS; use \"none\" or "
                                                              "\"implicit\"", location(config, node.source()), path));
    }
  }
  std::erase_if(config.listeners, [](const ListenerConfig& l) { return !l.enabled; });
  return config;
}

}  // namespace kurir
