/// @file The HTTP server: routes, static files, errors as JSON, metrics, request log.
#pragma once

#include "auth.h"
#include "cors.h"
#include "document_writer.h"
#include "guarded_server.h"
#include "index_pool.h"
#include "metrics.h"
#include "query_stats.h"
#include "ranking.h"
#include "synonyms.h"

#include <httplib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace article_search::server {

struct ServerOptions {
  std::filesystem::path db;
  std::vector<std::filesystem::path> more_dbs;  ///< further --db options, searched with db
  double remote_timeout_seconds = 5;           ///< connect and read timeout of remote shards
  std::filesystem::path web;  ///< empty: no static files
  std::string host = "127.0.0.1";
  int port = 8080;
  /// Worker threads that run handlers. Connections do not hold one (the event loop owns
  /// them): a worker is busy only while a request is handled, and searches beyond
  /// `searches` wait for a slot on theirs, so a few more workers than slots suffice.
  int threads = 16;
  /// Searches run at once, the others queued in arrival order (SearchGate); 0: two per
  /// core, or no limit when a shard is remote (its searches wait on the network).
  int searches = 0;
  bool log_requests = true;
  /// Whether a request's line in the log shows its `q` (--log-queries); privacy. The
  /// analytics of /api/admin/queries count queries either way, in memory only.
  bool log_queries = true;
  /// Origins whose pages may call the API (cors.h); empty: no cross-origin access.
  std::vector<std::string> cors_origins;
  /// The admin key (writes) and the search key (reads); empty: writes off, reads open.
  AccessKeys keys;
  /// How long a write waits for another writer's lock (an indexer run) before index_locked.
  double write_lock_wait_seconds = 10;
  search::RankingConfig ranking = search::default_ranking;
  /// `--synonyms FILE`: the file, read by run_command into `synonyms` before the server
  /// starts. The server points `ranking.synonyms` at them; null: no synonyms.
  std::filesystem::path synonyms_file;
  std::shared_ptr<const search::Synonyms> synonyms;
};

/// What the handlers share: the index pool (thread-safe), metrics, options, and the
/// writer when writes are on (an admin key).
struct Service {
  IndexPool pool;
  Metrics metrics;
  ServerOptions options;
  CorsPolicy cors;
  QueryStats queries;  ///< the searches' queries, for /api/admin/queries
  std::unique_ptr<DocumentWriter> writer = nullptr;
};

/// Why the server cannot take writes into what it searches (several databases, shards, a
/// remote one), or "" when it can. Writes go to one local, unsharded database.
std::string writes_problem(const ServerOptions& options);

/// Every route of the API, in one table (handlers in routes.cpp).
void register_routes(httplib::Server& http, Service& service);

/// A server bound to a loopback (or given) address, serving until stop().
class SearchServer {
 public:
  /// Opens the index (throws Xapian::Error when it cannot) and sets up the routes.
  explicit SearchServer(ServerOptions options);

  /// Binds options.host:options.port (port 0: any free port). Returns the port, or -1.
  int bind();
  /// Serves until stop() (blocking). Requests in flight are finished before it returns.
  bool listen();
  void stop() { http_.shut_down(); }
  bool is_running() const { return http_.serving(); }

 private:
  void set_up_static_files();
  void set_up_errors_and_log();

  Service service_;
  GuardedServer http_;  // httplib::Server with a whole-request deadline and 431s
};

}  // namespace article_search::server
