/// @file WorkDir: a fresh temporary folder, removed with everything in it afterwards.
#pragma once

#include <filesystem>

namespace article_search::relevance {

class WorkDir {
 public:
  /// Creates `<system temp>/article-eval-XXXXXX`; throws std::runtime_error on failure.
  WorkDir();
  ~WorkDir();
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace article_search::relevance
