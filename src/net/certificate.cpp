#include "net/certificate.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <string>

namespace kurir::net {

namespace {

struct Deleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
  void operator()(std::FILE* p) const { std::fclose(p); }
};
template <class T>
using Owned = std::unique_ptr<T, Deleter>;

Error openssl_error(const char* what) { return make_error(Errc::internal, fmt::format("OpenSSL: {} failed", what)); }

bool add_extension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  Owned<X509_EXTENSION> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

}  // namespace

Status write_self_signed_certificate(std::string_view hostname, const std::filesystem::path& certificate,
                                     const std::filesystem::path& private_key) {
  Owned<EVP_PKEY> key(EVP_EC_gen("P-256"));
  if (!key) return openssl_error("EC key generation");

  Owned<X509> cert(X509_new());
  if (!cert) return openssl_error("X509_new");
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  std::FILE* urandom = std::fopen("/dev/urandom", "rb");
  if (!urandom || std::fread(serial, 1, sizeof serial, urandom) != sizeof serial) {
    if (urandom) std::fclose(urandom);
    return make_error(Errc::io, "cannot read /dev/urandom");
  }
  std::fclose(urandom);
  serial[0] &= 0x7F;  // a positive serial number
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  const std::string cn(hostname);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1,
                             0);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Kurir self-signed"),
                             -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  if (!add_extension(cert.get(), NID_subject_alt_name, "DNS:" + cn) ||
      !add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
      !add_extension(cert.get(), NID_ext_key_usage, "serverAuth"))
    return openssl_error("adding certificate extensions");
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return openssl_error("X509_sign");

  std::error_code ec;
  std::filesystem::create_directories(certificate.parent_path(), ec);
  std::filesystem::create_directories(private_key.parent_path(), ec);
  {
    const mode_t old = umask(077);
    Owned<std::FILE> out(std::fopen(private_key.c_str(), "wx"));
    umask(old);
    if (!out) return make_error(Errc::io, fmt::format("cannot create {}", private_key.string()));
    if (PEM_write_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
      return openssl_error("writing the private key");
  }
  Owned<std::FILE> out(std::fopen(certificate.c_str(), "wx"));
  if (!out) return make_error(Errc::io, fmt::format("cannot create {}", certificate.string()));
  if (PEM_write_X509(out.get(), cert.get()) != 1) return openssl_error("writing the certificate");
  return {};
}

}  // namespace kurir::net
