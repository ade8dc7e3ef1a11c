/// @file article-indexer: builds the Xapian database from a corpus of articles.
#include "cli.h"

#include <string>
#include <vector>

int main(int argc, char** argv) {
  using namespace article_search::indexer;
  return run_command(parse_command_line(std::vector<std::string>(argv + 1, argv + argc)));
}
