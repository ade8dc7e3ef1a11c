/// @file A fixed list of documents as a Xapian query (see docid_list.h).
#include "docid_list.h"

#include "schema.h"

#include <algorithm>

namespace article_search::indexer {
namespace sc = schema;

DocidListSource::DocidListSource(std::shared_ptr<const std::vector<Xapian::docid>> docids)
    : docids_(std::move(docids)) {}

void DocidListSource::init(const Xapian::Database&) {
  at_ = 0;
  started_ = false;
}

void DocidListSource::next(double) {
  if (started_) ++at_;
  started_ = true;
}

void DocidListSource::skip_to(Xapian::docid did, double) {
  started_ = true;
  const auto from = docids_->begin() + static_cast<std::ptrdiff_t>(std::min(at_, docids_->size()));
  at_ = static_cast<std::size_t>(std::lower_bound(from, docids_->end(), did) - docids_->begin());
}

std::vector<Xapian::docid> undated_docids(const Xapian::Database& db) {
  std::vector<Xapian::docid> undated;
  const Xapian::valueno date = sc::slot(sc::Slot::date);
  if (db.get_value_freq(date) == db.get_doccount()) return undated;
  auto dated = db.valuestream_begin(date);
  const auto dated_end = db.valuestream_end(date);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    if (dated != dated_end && dated.get_docid() < *it) dated.skip_to(*it);
    if (dated == dated_end || dated.get_docid() != *it) undated.push_back(*it);
  }
  return undated;
}

}  // namespace article_search::indexer
