// kurir import / kurir export: placeholder registration until the importer lands.
#include "cli/command.hpp"

namespace kurir::cli {
void add_import_command(CLI::App&, GlobalOptions&) {}
void add_export_command(CLI::App&, GlobalOptions&) {}
}  // namespace kurir::cli
