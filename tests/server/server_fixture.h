/// @file A real article-server on a free loopback port, over a database indexed in a TempDir.
#pragma once

#include "http_server.h"
#include "indexer.h"
#include "temp_dir.h"

#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace article_search::testing {

/// Collects nothing: tests look at the database, not at the indexer's messages.
class QuietReporter : public indexer::Reporter {
 public:
  void warning(const std::string&) override {}
  void progress(std::uintmax_t, std::uintmax_t, std::size_t) override {}
};

inline indexer::Summary index_into(const std::filesystem::path& db,
                                   const std::vector<std::filesystem::path>& inputs,
                                   bool rebuild = false) {
  indexer::Options options;
  options.db = db;
  options.inputs = inputs;
  options.rebuild = rebuild;
  options.lock_wait_seconds = 10;
  QuietReporter reporter;
  return indexer::run(options, reporter);
}

/// The bundled corpus and the escaping fixture.
inline std::vector<std::filesystem::path> standard_inputs() {
  return {source_dir() / "corpus", source_dir() / "tests" / "data" / "escaping"};
}

/// A database (folder or stub file) the test built itself.
struct ExistingDatabase {
  std::filesystem::path path;
};

class RunningServer {
 public:
  explicit RunningServer(const std::vector<std::filesystem::path>& inputs = standard_inputs(),
                         std::filesystem::path web = {})
      : db_(dir_ / "db") {
    index_into(db_, inputs);
    start(std::move(web));
  }
  explicit RunningServer(ExistingDatabase db) : db_(std::move(db.path)) { start({}); }
  ~RunningServer() {
    server_->stop();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  int port() const { return port_; }
  const std::filesystem::path& db() const { return db_; }
  const TempDir& dir() const { return dir_; }

  httplib::Client client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(10, 0);
    return client;
  }

  /// GETs `target`, checks the status, and returns the parsed JSON body.
  nlohmann::json get_json(const std::string& target, int expected_status = 200) const {
    auto http = client();
    const auto response = http.Get(target.c_str());
    REQUIRE_MESSAGE(response, "no answer for " << target);
    CHECK_MESSAGE(response->status == expected_status, target << ": " << response->body);
    CHECK(response->get_header_value("X-Content-Type-Options") == "nosniff");
    return nlohmann::json::parse(response->body);
  }

 private:
  void start(std::filesystem::path web) {
    server::ServerOptions options;
    options.db = db_;
    options.web = std::move(web);
    options.port = 0;
    options.threads = 4;
    options.log_requests = false;
    server_ = std::make_unique<server::SearchServer>(options);
    port_ = server_->bind();
    if (port_ <= 0) throw std::runtime_error("cannot bind a loopback port");
    thread_ = std::thread([this] { server_->listen(); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!server_->is_running() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!server_->is_running()) throw std::runtime_error("server did not start");
  }

  TempDir dir_;
  std::filesystem::path db_;
  std::unique_ptr<server::SearchServer> server_;
  std::thread thread_;
  int port_ = 0;
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
