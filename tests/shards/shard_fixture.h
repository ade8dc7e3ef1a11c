/// @file Shard servers for the tests: xapian-tcpsrv processes on free loopback ports, and
/// options for in-process article-servers over any set of databases.
#pragma once

#include "in_process_server.h"
#include "temp_dir.h"

#include <filesystem>
#include <string>
#include <vector>

#include <sys/types.h>

namespace article_search::testing {

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

/// Options for a server over `dbs` (the first is --db, the others more --db).
server::ServerOptions server_options(const std::vector<std::filesystem::path>& dbs,
                                     double remote_timeout_seconds = 5);

}  // namespace article_search::testing
