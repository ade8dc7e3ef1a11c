/// @file Xapian databases for the worker threads, kept fresh.
#include "index_pool.h"

#include "query.h"

namespace article_search::server {

IndexPool::IndexPool(std::filesystem::path db_path, const search::RankingConfig& config,
                     std::size_t max_searches)
    : IndexPool(topology::DatabaseSource({std::move(db_path)}, topology::RemoteTimeouts{}), config,
                max_searches) {}

IndexPool::IndexPool(topology::DatabaseSource source, const search::RankingConfig& config,
                     std::size_t max_searches)
    : source_(std::move(source)), config_(config), gate_(max_searches) {
  idle_.push_back(open());
}

std::unique_ptr<Searcher> IndexPool::open() const {
  topology::OpenDatabase open = source_.open();
  auto searcher = std::make_unique<Searcher>();
  searcher->db = std::move(open.db);
  searcher->can = open.can;
  searcher->watched = std::move(open.watched);
  searcher->signature = std::move(open.signature);
  searcher->parser = search::make_parser(searcher->db, config_);
  searcher->typos = typos_.get();
  return searcher;
}

void IndexPool::reopen(Searcher& searcher) const {
  auto fresh = open();
  searcher = std::move(*fresh);
}

void IndexPool::refresh(Searcher& searcher) const {
  if (topology::DatabaseSource::signature(searcher.watched) != searcher.signature) {
    reopen(searcher);
    return;
  }
  try {
    searcher.db.reopen();  // the parser shares the database handle, so it follows
  } catch (const Xapian::DatabaseError&) {
    reopen(searcher);
  } catch (const Xapian::NetworkError&) {
    reopen(searcher);  // a remote shard that failed may be back: connect again
  }
}

std::unique_ptr<Searcher> IndexPool::acquire() {
  std::unique_ptr<Searcher> searcher;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      searcher = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!searcher) return open();
  refresh(*searcher);
  return searcher;
}

void IndexPool::release(std::unique_ptr<Searcher> searcher) {
  const std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(searcher));
}

}  // namespace article_search::server
