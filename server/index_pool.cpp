/// @file Xapian databases for the worker threads, kept fresh.
#include "index_pool.h"

#include "database_layout.h"
#include "query.h"

#include <sys/stat.h>

namespace article_search::server {

std::string index_signature(const std::filesystem::path& db_path) {
  std::filesystem::path stub = db_path;
  struct stat info {};
  if (::stat(db_path.c_str(), &info) != 0) return {};
  if (S_ISDIR(info.st_mode)) {
    stub = db_path / layout::stub_name;
    if (::stat(stub.c_str(), &info) != 0) return {};
  }
  return std::to_string(info.st_ino) + ':' + std::to_string(info.st_size) + ':' +
         std::to_string(info.st_mtim.tv_sec) + '.' + std::to_string(info.st_mtim.tv_nsec);
}

IndexPool::IndexPool(std::filesystem::path db_path, const search::RankingConfig& config,
                     std::size_t max_searches)
    : IndexPool(DatabaseSource({std::move(db_path)}, RemoteTimeouts{}), config, max_searches) {}

IndexPool::IndexPool(DatabaseSource source, const search::RankingConfig& config,
                     std::size_t max_searches)
    : source_(std::move(source)), config_(config), gate_(max_searches) {
  idle_.push_back(open());
}

std::unique_ptr<Searcher> IndexPool::open() const {
  auto searcher = std::make_unique<Searcher>();
  // Read the signature first: if a swap happens in between, the next request reopens.
  searcher->watched = source_.watched_files();
  searcher->signature = DatabaseSource::signature(searcher->watched);
  searcher->db = source_.open();
  searcher->remote = source_.has_remote();
  searcher->parser = search::make_parser(searcher->db, config_);
  return searcher;
}

void IndexPool::reopen(Searcher& searcher) const {
  auto fresh = open();
  searcher = std::move(*fresh);
}

void IndexPool::refresh(Searcher& searcher) const {
  if (DatabaseSource::signature(searcher.watched) != searcher.signature) {
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
