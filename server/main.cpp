/// @file article-server: the search API over HTTP.
#include "cli.h"

#include <string>
#include <vector>

extern char** environ;

int main(int argc, char** argv) {
  using namespace article_search::server;
  Environment env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    if (text.rfind("ARTICLE_SEARCH_", 0) != 0) continue;
    const auto equals = text.find('=');
    if (equals != std::string::npos) env[text.substr(0, equals)] = text.substr(equals + 1);
  }
  return run_command(parse_command_line(std::vector<std::string>(argv + 1, argv + argc), env));
}
