/// @file Shard servers for the tests: xapian-tcpsrv processes on free loopback ports, and
/// article-servers in-process over any set of databases.
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

#include <sys/types.h>

namespace article_search::testing {

class QuietReporter : public indexer::Reporter {
 public:
  void warning(const std::string&) override {}
  void progress(std::uintmax_t, std::uintmax_t, std::size_t) override {}
};

/// Indexes `inputs` into `db` (`shards` 0: one database).
indexer::Summary index_shards(const std::filesystem::path& db,
                              const std::vector<std::filesystem::path>& inputs, unsigned shards,
                              bool rebuild = false);

/// A free TCP port on 127.0.0.1 (bound, read, released).
int free_loopback_port();

/// `xapian-tcpsrv --port P --interface 127.0.0.1 DB` in its own process group (it signals
/// its whole group when stopped), killed with its children when this goes away.
class TcpShardServer {
 public:
  explicit TcpShardServer(const std::filesystem::path& db);
  ~TcpShardServer();
  TcpShardServer(const TcpShardServer&) = delete;
  TcpShardServer& operator=(const TcpShardServer&) = delete;

  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  void stop();    ///< kills it (and its connection handlers) and waits
  void pause();   ///< SIGSTOP: accepts connections (the kernel does) but never answers
  void resume();  ///< SIGCONT

 private:
  bool start(const std::filesystem::path& db);
  pid_t pid_ = -1;
  int port_ = 0;
};

/// An article-server in this process on a free loopback port.
class ShardedServer {
 public:
  explicit ShardedServer(server::ServerOptions options);
  ~ShardedServer();
  ShardedServer(const ShardedServer&) = delete;
  ShardedServer& operator=(const ShardedServer&) = delete;

  /// GETs `target`; the status and the parsed body.
  std::pair<int, nlohmann::json> get(const std::string& target) const;
  /// GETs `target`, checks the status is 200, returns the body.
  nlohmann::json get_json(const std::string& target) const;

 private:
  std::unique_ptr<server::SearchServer> server_;
  std::thread thread_;
  int port_ = 0;
};

/// Options for a server over `dbs` (the first is --db, the others more --db).
server::ServerOptions server_options(const std::vector<std::filesystem::path>& dbs,
                                     double remote_timeout_seconds = 5);

}  // namespace article_search::testing
