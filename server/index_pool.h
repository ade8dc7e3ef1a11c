/// @file Xapian databases for the worker threads: one per request at a time, never
/// shared, kept fresh when the indexer commits or swaps in a rebuilt generation.
#pragma once

#include "ranking.h"
#include "search_gate.h"
#include "topology.h"
#include "typos.h"

#include <xapian.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace article_search::server {

/// A database and its query parser, used by one thread at a time.
struct Searcher {
  Xapian::Database db;
  Xapian::QueryParser parser;
  topology::Capabilities can;  ///< what the search may ask of `db` (less over remote shards)
  std::vector<std::filesystem::path> watched;  ///< stub files, to notice a --rebuild swap
  std::string signature;  ///< of the watched files when opened
  search::TypoLexicons* typos = nullptr;  ///< the pool's, shared by every searcher
};

class IndexPool {
 public:
  /// Opens one database now, so a missing or unreadable index fails at start
  /// (Xapian::DatabaseOpeningError and friends propagate).
  /// At most `max_searches` leases at once, the rest queued in order (0: no limit).
  IndexPool(std::filesystem::path db_path, const search::RankingConfig& config,
            std::size_t max_searches = 0);
  /// The same over several databases or shards (see topology.h).
  IndexPool(topology::DatabaseSource source, const search::RankingConfig& config,
            std::size_t max_searches = 0);

  std::size_t max_searches() const { return gate_.slots(); }
  /// Requests queued for a search slot now.
  std::size_t searches_waiting() { return gate_.waiting(); }

  const std::filesystem::path& path() const { return source_.dbs().front(); }
  const topology::DatabaseSource& source() const { return source_; }

  /// Runs `work` with a fresh searcher of this thread's own. On a Xapian::DatabaseError
  /// (the revision it read was replaced, a rebuilt generation removed...) the searcher is
  /// reopened and `work` runs once more; a second failure propagates.
  template <class Work>
  auto with_searcher(Work&& work) -> decltype(work(std::declval<Searcher&>())) {
    Lease lease(*this, true);
    return run(lease, std::forward<Work>(work));
  }

  /// The same without waiting for a search slot: for /health and /metrics only, which
  /// read a count or two and must answer at once however many searches are queued (a
  /// container's health check gives up after a few seconds). The searcher comes from the
  /// same pool, or is opened when every one is in use.
  template <class Work>
  auto with_searcher_ungated(Work&& work) -> decltype(work(std::declval<Searcher&>())) {
    Lease lease(*this, false);
    return run(lease, std::forward<Work>(work));
  }

 private:
  class Lease {
   public:
    Lease(IndexPool& pool, bool gated) : pool_(pool) {
      if (gated) pass_.emplace(pool.gate_);
      searcher_ = pool.acquire();
    }
    ~Lease() {
      if (searcher_) pool_.release(std::move(searcher_));
    }
    void discard() { searcher_.reset(); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Searcher& searcher() { return *searcher_; }
    IndexPool& pool() { return pool_; }

   private:
    IndexPool& pool_;
    std::optional<SearchGate::Pass> pass_;  // held until the searcher is back in the pool
    std::unique_ptr<Searcher> searcher_;
  };

  /// On a Xapian::DatabaseError (the revision it read was replaced, a rebuilt generation
  /// removed...) the searcher is reopened and `work` runs once more.
  template <class Work>
  static auto run(Lease& lease, Work&& work) -> decltype(work(std::declval<Searcher&>())) {
    try {
      return work(lease.searcher());
    } catch (const Xapian::DatabaseError&) {
      lease.pool().reopen(lease.searcher());
      return work(lease.searcher());
    } catch (const Xapian::NetworkError&) {
      lease.discard();  // a remote shard failed: its connection is not reused
      throw;
    }
  }

  std::unique_ptr<Searcher> open() const;
  void reopen(Searcher& searcher) const;
  void refresh(Searcher& searcher) const;
  std::unique_ptr<Searcher> acquire();
  void release(std::unique_ptr<Searcher> searcher);

  topology::DatabaseSource source_;
  search::RankingConfig config_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Searcher>> idle_;
  SearchGate gate_;
  /// One lexicon for typo tolerance, however many searchers (each a worker's database).
  std::unique_ptr<search::TypoLexicons> typos_ = std::make_unique<search::TypoLexicons>();
};

}  // namespace article_search::server
