/// @file WorkDir: a fresh temporary folder, removed with everything in it afterwards.
#include "work_dir.h"

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace article_search::relevance {

WorkDir::WorkDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "article-eval-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
  path_ = pattern;
}

WorkDir::~WorkDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace article_search::relevance
