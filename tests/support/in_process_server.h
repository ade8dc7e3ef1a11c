/// @file The real article-server, started in the test's own process on a free loopback
/// port: what the server, reindex and shard tests build on.
#pragma once

#include "http_server.h"
#include "quiet_indexer.h"

#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

namespace article_search::testing {

/// Server options for a test: --db `db`, a free port, four workers, no request log.
inline server::ServerOptions test_server_options(std::filesystem::path db) {
  server::ServerOptions options;
  options.db = std::move(db);
  options.port = 0;
  options.threads = 4;
  options.log_requests = false;
  return options;
}

/// An article-server listening on 127.0.0.1 in a thread of this process until destroyed.
class InProcessServer {
 public:
  explicit InProcessServer(server::ServerOptions options)
      : server_(std::make_unique<server::SearchServer>(std::move(options))) {
    port_ = server_->bind();
    if (port_ <= 0) throw std::runtime_error("cannot bind a loopback port");
    thread_ = std::thread([this] { server_->listen(); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!server_->is_running() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!server_->is_running()) {
      server_->stop();
      thread_.join();
      throw std::runtime_error("server did not start");
    }
  }
  ~InProcessServer() {
    server_->stop();
    thread_.join();
  }
  InProcessServer(const InProcessServer&) = delete;
  InProcessServer& operator=(const InProcessServer&) = delete;

  int port() const { return port_; }

  /// A client with bounded waits (a remote shard's timeout is tested under 20 s).
  httplib::Client client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(20, 0);
    return client;
  }

  /// GETs `target`: the status and the parsed JSON body.
  std::pair<int, nlohmann::json> get(const std::string& target) const {
    auto http = client();
    const auto response = http.Get(target.c_str());
    if (!response) throw std::runtime_error("no answer for " + target);
    CHECK(response->get_header_value("X-Content-Type-Options") == "nosniff");
    return {response->status, nlohmann::json::parse(response->body)};
  }

  /// GETs `target`, checks the status, and returns the parsed JSON body.
  nlohmann::json get_json(const std::string& target, int expected_status = 200) const {
    auto [status, body] = get(target);
    CHECK_MESSAGE(status == expected_status, target << ": " << body.dump());
    return body;
  }

 private:
  std::unique_ptr<server::SearchServer> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace article_search::testing
