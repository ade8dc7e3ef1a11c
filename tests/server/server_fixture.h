/// @file A real article-server on a free loopback port, over a database indexed in a TempDir.
#pragma once

#include "in_process_server.h"
#include "temp_dir.h"

#include <filesystem>
#include <string>
#include <vector>

namespace article_search::testing {

inline indexer::Summary index_into(const std::filesystem::path& db,
                                   const std::vector<std::filesystem::path>& inputs,
                                   bool rebuild = false) {
  indexer::Options options;
  options.db = db;
  options.inputs = inputs;
  options.rebuild = rebuild;
  return run_indexer(std::move(options));
}

/// The bundled corpus and the escaping fixture.
inline std::vector<std::filesystem::path> standard_inputs() {
  return {source_dir() / "corpus", source_dir() / "tests" / "data" / "escaping"};
}

/// A database (folder or stub file) the test built itself.
struct ExistingDatabase {
  std::filesystem::path path;
};

/// A server over a database indexed in its own TempDir (or one the test built).
class RunningServer {
 public:
  explicit RunningServer(const std::vector<std::filesystem::path>& inputs = standard_inputs(),
                         std::filesystem::path web = {})
      : db_(indexed(dir_ / "db", inputs)), server_(options(db_, std::move(web))) {}
  explicit RunningServer(ExistingDatabase db)
      : db_(std::move(db.path)), server_(options(db_, {})) {}

  int port() const { return server_.port(); }
  const std::filesystem::path& db() const { return db_; }
  const TempDir& dir() const { return dir_; }
  httplib::Client client() const { return server_.client(); }

  /// GETs `target`, checks the status, and returns the parsed JSON body.
  nlohmann::json get_json(const std::string& target, int expected_status = 200) const {
    return server_.get_json(target, expected_status);
  }

 private:
  static std::filesystem::path indexed(std::filesystem::path db,
                                       const std::vector<std::filesystem::path>& inputs) {
    index_into(db, inputs);
    return db;
  }
  static server::ServerOptions options(const std::filesystem::path& db, std::filesystem::path web) {
    auto options = test_server_options(db);
    options.web = std::move(web);
    return options;
  }

  TempDir dir_;
  std::filesystem::path db_;
  InProcessServer server_;
};

/// One server over the standard inputs for the tests of a process.
inline RunningServer& shared_server() {
  static RunningServer server;
  return server;
}

/// The ids of the hits of a search answer, in order.
inline std::vector<std::string> hit_ids(const nlohmann::json& answer) {
  std::vector<std::string> ids;
  for (const auto& hit : answer.at("hits")) ids.push_back(hit.at("id"));
  return ids;
}

}  // namespace article_search::testing
