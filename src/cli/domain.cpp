// kurir domain add|list|remove: the domains this server receives mail for.
#include <boost/json.hpp>
#include <iostream>

#include "cli/command.hpp"

namespace kurir::cli {

void add_domain_command(CLI::App& app, GlobalOptions& options) {
  auto* domain = app.add_subcommand("domain", "Manage the domains Kurir receives mail for");
  domain->require_subcommand(1);

  static std::string name;
  auto* add = domain->add_subcommand("add", "Add a local domain");
  add->add_option("name", name, "Domain name, e.g. example.org")->required();
  add->callback([&options] {
    auto store = open_store_or_fail(options);
    auto added = take(store->add_domain(lower(name)));
    print_result(options, {{"domain", added.name}}, "added domain " + added.name);
  });

  auto* list = domain->add_subcommand("list", "List the local domains");
  list->callback([&options] {
    auto store = open_store_or_fail(options);
    auto domains = take(store->list_domains());
    if (options.json) {
      boost::json::array out;
      for (const auto& d : domains) out.push_back(boost::json::object{{"domain", d.name}});
      print_json(out);
    } else {
      for (const auto& d : domains) std::cout << d.name << "\n";
    }
  });

  auto* remove = domain->add_subcommand("remove", "Remove a domain that has no accounts or aliases left");
  remove->add_option("name", name, "Domain name")->required();
  remove->callback([&options] {
    auto store = open_store_or_fail(options);
    take(store->remove_domain(lower(name)));
    print_result(options, {{"removed", lower(name)}}, "removed domain " + lower(name));
  });
}

}  // namespace kurir::cli
