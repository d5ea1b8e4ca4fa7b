#include "core/config.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace kurir {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kurir-config-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& text) { std::ofstream(dir_ / "kurir.toml") << text; }

  std::filesystem::path dir_;
};

TEST_F(ConfigTest, RenderedDefaultsLoadBack) {
  write(render_config("mail.example.test", PortSet::high));
  auto config = load_config(dir_);
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->hostname, "mail.example.test");
  EXPECT_EQ(config->database, dir_ / "kurir.db");
  EXPECT_EQ(config->certificate, dir_ / "tls/cert.pem");
  EXPECT_EQ(config->plaintext_auth, PlaintextAuth::loopback);
  ASSERT_EQ(config->listeners.size(), 9u);
  EXPECT_EQ(config->listeners[0].name, "smtp");
  EXPECT_EQ(config->listeners[0].port, 2525);
  EXPECT_EQ(config->listeners[3].name, "imap");
  EXPECT_EQ(config->listeners[3].port, 2143);
  EXPECT_EQ(config->listeners[4].tls, TlsMode::implicit);
  EXPECT_EQ(config->listeners[8].port, 8443);
}

TEST_F(ConfigTest, StandardPortSet) {
  write(render_config("h.test", PortSet::standard));
  auto config = load_config(dir_);
  ASSERT_TRUE(config.ok()) << config.error().message;
  std::vector<int> ports;
  for (const auto& l : config->listeners) ports.push_back(l.port);
  EXPECT_EQ(ports, (std::vector<int>{25, 587, 465, 143, 993, 110, 995, 80, 443}));
}

TEST_F(ConfigTest, ListenerCanBeTurnedOffOrMoved) {
  write("[listeners.imap]\nport = 10143\ntls = \"starttls\"\n[listeners.pop3]\nenabled = false\nport = 1\n");
  auto config = load_config(dir_);
  ASSERT_TRUE(config.ok()) << config.error().message;
  ASSERT_EQ(config->listeners.size(), 1u);
  EXPECT_EQ(config->listeners[0].port, 10143);
  EXPECT_EQ(config->listeners[0].protocol, Protocol::imap);
}

struct BadCase {
  const char* text;
  const char* expected;  // a substring of the error, after "kurir.toml:"
};

TEST_F(ConfigTest, BadValuesNameFileLineAndKey) {
  const BadCase cases[] = {
      {"[server]\nhostname = 12\n", "kurir.toml:2: server.hostname: expected a string"},
      {"[server]\n\nlog_level = \"loud\"\n", "kurir.toml:3: server.log_level: expected one of"},
      {"[limits]\nmessage_size = -5\n", "kurir.toml:2: limits.message_size: expected a whole number"},
      {"[server]\nhostnme = \"x\"\n", "kurir.toml:2: server.hostnme: unknown setting"},
      {"[listeners.imap]\nport = 70000\n", "kurir.toml:2: listeners.imap.port: expected a whole number from 1 to 65535"},
      {"[listeners.imap]\nport = 143\ntls = \"yes\"\n", "kurir.toml:3: listeners.imap.tls: expected one of"},
      {"[listeners.gopher]\nport = 70\n", "kurir.toml:1: listeners.gopher: unknown listener"},
      {"[listeners.https]\nport = 443\ntls = \"starttls\"\n", "listeners.https.tls: HTTP has no STARTTLS"},
      {"[server\nhostname = \"x\"\n", "kurir.toml:1: "},
      {"[queue]\nrequire_tls_domains = \"bank.example\"\n", "kurir.toml:2: queue.require_tls_domains: expected a list"},
      {"[queue]\nrequire_tls_domains = [\"a@bank.example\"]\n", "queue.require_tls_domains: expected a list of domain"},
      {"[queue]\nrequire_tls_domains = [\".bank.example\"]\n", "queue.require_tls_domains: expected a list of domain"},
      {"[queue]\nrequire_tls_domains = [\"\"]\n", "queue.require_tls_domains: expected a list of domain"},
      {"[queue]\nrequire_tls_domains = [1]\n", "queue.require_tls_domains: expected a list of domain"},
      {"[queue]\nrequire_tls_domains = [\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example\"]\n",  // a label past 63
       "queue.require_tls_domains: expected a list of domain"},
      {"[queue]\ndelay_warning = -1\n", "kurir.toml:2: queue.delay_warning: expected a whole number from 0"},
      {"[queue]\ndelay_warning = 2592001\n", "queue.delay_warning: expected a whole number from 0"},
  };
  for (const auto& c : cases) {
    write(c.text);
    auto config = load_config(dir_);
    ASSERT_FALSE(config.ok()) << c.text;
    EXPECT_EQ(config.error().code, Errc::invalid_argument);
    EXPECT_NE(config.error().message.find(c.expected), std::string::npos)
        << "input:\n" << c.text << "error: " << config.error().message;
  }
}

TEST_F(ConfigTest, RequireTlsDomainsAreReadLowerCase) {
  write("[queue]\nrequire_tls_domains = [\"Bank.Example\", \"mail.gov.example\"]\n");
  auto config = load_config(dir_);
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->queue.require_tls_domains, (std::vector<std::string>{"bank.example", "mail.gov.example"}));
  EXPECT_FALSE(config->queue.require_tls);

  write(render_config("h.test", PortSet::high));
  config = load_config(dir_);
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_TRUE(config->queue.require_tls_domains.empty());
}

TEST_F(ConfigTest, MissingDataDirSaysHowToCreateOne) {
  auto config = load_config(dir_ / "nope");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code, Errc::not_found);
  EXPECT_NE(config.error().message.find("kurir init --data"), std::string::npos) << config.error().message;
}

}  // namespace
}  // namespace kurir
