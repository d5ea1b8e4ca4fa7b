// kurir: one program for the whole mail service. `kurir serve` runs every
// listener; the other subcommands administer the data directory.
#include <cstdlib>

#include "cli/command.hpp"

int main(int argc, char** argv) {
  using namespace kurir::cli;
  CLI::App app{"Kurir: a mail server (SMTP, IMAP, POP3, webmail) in one program", "kurir"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "kurir 0.1.0");
  GlobalOptions options;
  if (const char* env = std::getenv("KURIR_DATA")) options.data_dir = env;
  app.add_option("--data,-d", options.data_dir, "Data directory (default: $KURIR_DATA)");
  app.add_flag("--json", options.json, "Print results as JSON, for scripts");

  add_init_command(app, options);
  add_serve_command(app, options);
  add_domain_command(app, options);
  add_user_command(app, options);
  add_alias_command(app, options);
  add_import_command(app, options);
  add_export_command(app, options);
  add_queue_command(app, options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? 0 : kExitUsage;
  }
  return 0;
}
