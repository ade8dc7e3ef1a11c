/// @file Facet counts: how many of the matching articles have each value of a slot.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace article_search::search {

struct FacetValue {
  std::string value;
  Xapian::doccount count = 0;
};

/// Counts the non-empty values of one slot over the documents the matcher looks at, as
/// Xapian::ValueCountMatchSpy does, with the same top values. The spy reads each value
/// with Document::get_value, a B-tree lookup per document (14% of a search's
/// instructions on bbc-news, two slots); the matcher hands documents over in increasing
/// id order, so this one walks the slot's value stream forward instead. It falls back to
/// get_value for a document out of order, and over several databases at once (whose
/// documents carry their own database's ids). Local databases only: remote shards run
/// only Xapian's own spies.
class ValueCounter : public Xapian::MatchSpy {
 public:
  /// `db` must outlive the counter; it is the database the Enquire searches. With
  /// `walk_stream` false, every value is read with get_value.
  ValueCounter(const Xapian::Database& db, Xapian::valueno slot, bool walk_stream = true);

  void operator()(const Xapian::Document& doc, double weight) override;

  /// Documents looked at, with a value or without.
  Xapian::doccount total() const { return total_; }

  /// The `most` most frequent values, most frequent first, equal counts by value.
  std::vector<FacetValue> top_values(std::size_t most) const;

 private:
  std::string value_of(const Xapian::Document& doc);

  Xapian::valueno slot_;
  bool stream_ = false;  ///< ids in `doc` are the stream's (a single database)
  Xapian::ValueIterator position_, end_;
  Xapian::docid last_ = 0;
  std::map<std::string, Xapian::doccount> counts_;
  Xapian::doccount total_ = 0;
};

/// One facet of a search: a ValueCounter where the databases run custom match spies,
/// Xapian's ValueCountMatchSpy elsewhere (remote shards run only Xapian's own spies).
class SlotFacet {
 public:
  SlotFacet(const Xapian::Database& db, Xapian::valueno slot, bool custom_spies);

  /// The spy to add to the Enquire that counts.
  Xapian::MatchSpy& spy();
  Xapian::doccount total() const;
  std::vector<FacetValue> top_values(std::size_t most) const;

 private:
  bool remote_;
  ValueCounter local_;
  Xapian::ValueCountMatchSpy xapian_;
};

}  // namespace article_search::search
