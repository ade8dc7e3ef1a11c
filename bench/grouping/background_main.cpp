/// @file bench-grouping-background: writes group/background_df.txt, the document
/// frequencies of the words grouping chooses keywords from (group::keyword_counts), over a
/// plain-text news collection (headline line, blank line, body). Words seen in fewer than
/// three articles are left out: the table gives them a rare word's weight anyway.
///   bench-grouping-background ../shared/corpora/bbc-news > group/background_df.txt
#include "fingerprint.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: bench-grouping-background CORPUS_DIR > background_df.txt\n";
    return 2;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(argv[1])) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt" &&
        entry.path().parent_path() != fs::path(argv[1])) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::map<std::string, unsigned long> df;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    article_search::Article article;
    std::getline(in, article.title);
    std::stringstream body;
    body << in.rdbuf();
    article.body = body.str();
    for (const auto& [term, count] : article_search::group::keyword_counts(article)) ++df[term];
  }
  std::cout << "articles " << files.size() << "\n";
  for (const auto& [term, count] : df) {
    if (count >= 3) std::cout << term << " " << count << "\n";
  }
  return 0;
}
