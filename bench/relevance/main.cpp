/// @file article-eval: relevance of article-search and SQLite FTS5 on judged collections.
#include "cli.h"

#include <string>
#include <vector>

int main(int argc, char** argv) {
  using namespace article_search::relevance;
  return run_eval_command(parse_eval_command_line(std::vector<std::string>(argv + 1, argv + argc)));
}
