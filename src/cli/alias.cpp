// kurir alias add|list|remove: addresses that deliver to other addresses,
// local or external (forwarding), and catch-alls ("@domain").
#include <boost/json.hpp>
#include <iostream>

#include "cli/command.hpp"

namespace kurir::cli {

void add_alias_command(CLI::App& app, GlobalOptions& options) {
  auto* alias = app.add_subcommand("alias", "Manage aliases, forwards and catch-alls");
  alias->require_subcommand(1);

  static std::string source;
  static std::string target;
  static std::string domain;

  auto* add = alias->add_subcommand("add", "Deliver mail for SOURCE to TARGET (repeat for several targets)");
  add->add_option("source", source, "Address, or @domain for a catch-all")->required();
  add->add_option("target", target, "A local account or an external address")->required();
  add->callback([&options] {
    auto store = open_store_or_fail(options);
    take(store->add_alias(lower(source), lower(target)));
    print_result(options, {{"source", lower(source)}, {"target", lower(target)}},
                 "added alias " + lower(source) + " -> " + lower(target));
  });

  auto* list = alias->add_subcommand("list", "List aliases");
  list->add_option("domain", domain, "Only this domain's aliases");
  list->callback([&options] {
    auto store = open_store_or_fail(options);
    auto aliases = take(store->list_aliases(lower(domain)));
    if (options.json) {
      boost::json::array out;
      for (const auto& a : aliases) out.push_back(boost::json::object{{"source", a.source}, {"target", a.target}});
      print_json(out);
    } else {
      for (const auto& a : aliases) std::cout << a.source << " -> " << a.target << "\n";
    }
  });

  auto* remove = alias->add_subcommand("remove", "Remove an alias (every target of SOURCE unless TARGET is given)");
  remove->add_option("source", source, "Address, or @domain")->required();
  remove->add_option("target", target, "Only this target");
  remove->callback([&options] {
    auto store = open_store_or_fail(options);
    take(store->remove_alias(lower(source), lower(target)));
    print_result(options, {{"removed", lower(source)}},
                 "removed alias " + lower(source) + (target.empty() ? "" : " -> " + lower(target)));
  });
}

}  // namespace kurir::cli
