# Every third-party library Kurir links, as an imported target. All come from
# Debian packages that scripts/install-deps installs.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS json)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(tomlplusplus REQUIRED)
pkg_check_modules(GMIME REQUIRED IMPORTED_TARGET gmime-3.0)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
if(KURIR_TESTS)
  find_package(GTest REQUIRED)
endif()
# CLI11 is header-only and ships no CMake package on Debian 12.
find_path(CLI11_INCLUDE_DIR CLI/CLI.hpp REQUIRED)
