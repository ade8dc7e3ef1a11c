/// @file The article-indexer command line: parsing arguments and printing progress.
#pragma once

#include "indexer.h"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace article_search::indexer {

/// What the command line asked for: a run, the database's status, help or version text,
/// or a usage error.
struct Command {
  enum class Kind { run, status, help, version, usage_error } kind = Kind::run;
  Options options;
  std::string error;  ///< for usage_error
};

/// Parses argv (without the program name). Pure.
Command parse_command_line(const std::vector<std::string>& args);

std::string usage_text();

/// Prints warnings to stderr and, on a terminal, a progress bar with articles/s and ETA.
class ConsoleReporter : public Reporter {
 public:
  explicit ConsoleReporter(bool interactive, std::FILE* out = stderr);
  void warning(const std::string& message) override;
  void progress(std::uintmax_t done_bytes, std::uintmax_t total_bytes,
                std::size_t articles) override;
  void finish();

 private:
  bool interactive_;
  std::FILE* out_;
  double started_;
  double last_drawn_ = -1;
  bool bar_visible_ = false;
};

/// Runs the command: exit code 0 on success, 1 on a runtime error, 2 on a usage error.
int run_command(const Command& command);

}  // namespace article_search::indexer
