/// @file A fixed list of documents as a Xapian query, and the list of undated ones.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace article_search::indexer {

/// The documents in a fixed, ascending list of docids, as a posting source (weight 0):
/// for a set no term marks, such as the undated articles, read once and queried often.
/// Not serialisable, so for local databases only.
class DocidListSource : public Xapian::PostingSource {
 public:
  explicit DocidListSource(std::shared_ptr<const std::vector<Xapian::docid>> docids);
  Xapian::doccount get_termfreq_min() const override { return size(); }
  Xapian::doccount get_termfreq_est() const override { return size(); }
  Xapian::doccount get_termfreq_max() const override { return size(); }
  void init(const Xapian::Database&) override;
  void next(double) override;
  void skip_to(Xapian::docid did, double) override;
  bool at_end() const override { return at_ >= docids_->size(); }
  Xapian::docid get_docid() const override { return (*docids_)[at_]; }
  DocidListSource* clone() const override { return new DocidListSource(docids_); }
  std::string name() const override { return {}; }

 private:
  Xapian::doccount size() const { return static_cast<Xapian::doccount>(docids_->size()); }
  std::shared_ptr<const std::vector<Xapian::docid>> docids_;
  std::size_t at_ = 0;
  bool started_ = false;
};

/// The docids of the documents without a date slot, ascending: one walk of the slot,
/// none when every document has a date.
std::vector<Xapian::docid> undated_docids(const Xapian::Database& db);

}  // namespace article_search::indexer
