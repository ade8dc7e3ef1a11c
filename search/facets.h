/// @file Facet counts: how many of the matching articles have each value of a field.
#pragma once

#include "schema.h"

#include <xapian.h>

#include <map>
#include <set>
#include <utility>
#include <string>
#include <vector>

namespace article_search::search {

struct FacetValue {
  std::string value;
  Xapian::doccount count = 0;
};

/// Each slot value seen (as stored: for a list field, the values joined by
/// schema::list_separator) and how many of the documents looked at hold it.
using SlotCounts = std::map<std::string, Xapian::doccount>;

/// The `most` most frequent of `values`, most frequent first, equal counts by value.
std::vector<FacetValue> most_frequent(std::vector<FacetValue> values, std::size_t most);

/// The facet values of `field` from the counts of its slot values: a list field's slot
/// split into its values, each counted once per document; a folded field's case variants
/// counted together, shown in their most frequent spelling (of equal ones, the first in
/// byte order, so every database layout shows the same). Exact, as each slot value's
/// count is a count of documents. Pure.
std::vector<FacetValue> field_facet(const schema::FilterField& field, const SlotCounts& counts,
                                    std::size_t most);

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

  /// From now on counts stories, not documents: a value's count is the number of distinct
  /// stories (schema::Slot::story) among the documents holding it, and total() the
  /// number of distinct stories looked at. Xapian 1.4 calls match spies before it
  /// collapses (matcher/multimatch.cc), so with a collapse key the spy still sees every
  /// member of a story.
  void count_stories() { stories_ = true; }

  void operator()(const Xapian::Document& doc, double weight) override;

  /// Documents looked at, with a value or without.
  Xapian::doccount total() const { return total_; }

  /// The `most` most frequent values, most frequent first, equal counts by value.
  std::vector<FacetValue> top_values(std::size_t most) const;

  /// Every value seen, with its count.
  const SlotCounts& counts() const { return counts_; }

 private:
  std::string value_of(const Xapian::Document& doc);

  Xapian::valueno slot_;
  bool stream_ = false;  ///< ids in `doc` are the stream's (a single database)
  Xapian::ValueIterator position_, end_;
  Xapian::docid last_ = 0;
  SlotCounts counts_;
  Xapian::doccount total_ = 0;
  bool stories_ = false;
  std::set<std::string> stories_seen_;
  std::set<std::pair<std::string, std::string>> value_stories_seen_;
};

/// One facet of a search: a ValueCounter where the databases run custom match spies,
/// Xapian's ValueCountMatchSpy elsewhere (remote shards run only Xapian's own spies).
class SlotFacet {
 public:
  /// `field` must outlive the facet (schema::filter_fields' rows do).
  SlotFacet(const Xapian::Database& db, const schema::FilterField& field, bool custom_spies);

  /// Counts stories rather than articles, where the databases run custom spies (else the
  /// counts stay counts of articles).
  void count_stories() { local_.count_stories(); }

  /// The spy to add to the Enquire that counts.
  Xapian::MatchSpy& spy();
  Xapian::doccount total() const;
  std::vector<FacetValue> top_values(std::size_t most) const;

 private:
  /// Every slot value either spy saw, with its count.
  SlotCounts all_counts() const;

  const schema::FilterField& field_;
  bool remote_;
  ValueCounter local_;
  Xapian::ValueCountMatchSpy xapian_;
};

}  // namespace article_search::search
