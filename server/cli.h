/// @file The article-server command line: options, environment, and the run.
#pragma once

#include "http_server.h"

#include <map>
#include <string>
#include <vector>

namespace article_search::server {

struct Command {
  enum class Kind { run, help, version, health_check, usage_error } kind = Kind::run;
  ServerOptions options;
  std::string health_target;  ///< for health_check: a port or a loopback URL
  std::string error;          ///< for usage_error
  /// "admin-key-file"/"search-key-file" → the file, read by run_command (keys stay out
  /// of the command line; see auth.h).
  std::map<std::string, std::string> key_files;
};

using Environment = std::map<std::string, std::string>;

/// Reads ARTICLE_SEARCH_DB/HOST/PORT/WEB/THREADS from `env`, then argv (without the program
/// name), which wins. Pure.
Command parse_command_line(const std::vector<std::string>& args, const Environment& env);

std::string usage_text();

/// Runs the command: 0 on success, 1 on a runtime error, 2 on a usage error.
int run_command(const Command& command);

}  // namespace article_search::server
