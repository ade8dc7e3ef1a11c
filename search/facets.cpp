/// @file Facet counts from a forward walk of a slot's value stream, split and merged by
/// field.
#include "facets.h"

#include "utf8.h"

#include <algorithm>
#include <set>

namespace article_search::search {
namespace sc = schema;
namespace {

/// The documents counted under one folded key, and how often each spelling was seen.
struct Variants {
  Xapian::doccount documents = 0;
  std::map<std::string, Xapian::doccount> spellings;

  /// The most frequent spelling; of equal ones the first in byte order (the map's).
  const std::string& shown() const {
    auto best = spellings.begin();
    for (auto it = spellings.begin(); it != spellings.end(); ++it) {
      if (it->second > best->second) best = it;
    }
    return best->first;
  }
};

}  // namespace

std::vector<FacetValue> most_frequent(std::vector<FacetValue> values, std::size_t most) {
  const auto before = [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  };
  if (values.size() > most) {
    std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(most),
                      values.end(), before);
    values.resize(most);
  } else {
    std::sort(values.begin(), values.end(), before);
  }
  return values;
}

std::vector<FacetValue> field_facet(const sc::FilterField& field, const SlotCounts& counts,
                                    std::size_t most) {
  std::map<std::string, Variants> by_key;
  for (const auto& [slot_value, count] : counts) {
    // A document counts once for each key, even if its list repeats one in another case.
    std::set<std::string> keys_of_document;
    for (std::string& value : sc::slot_values(field, slot_value)) {
      std::string key = field.folded ? text::fold_case(value) : value;
      if (!keys_of_document.insert(key).second) continue;
      Variants& variants = by_key[std::move(key)];
      variants.documents += count;
      variants.spellings[std::move(value)] += count;
    }
  }
  std::vector<FacetValue> values;
  values.reserve(by_key.size());
  for (const auto& [key, variants] : by_key) values.push_back({variants.shown(), variants.documents});
  return most_frequent(std::move(values), most);
}

ValueCounter::ValueCounter(const Xapian::Database& db, Xapian::valueno slot, bool walk_stream)
    : slot_(slot), stream_(walk_stream && db.size() == 1) {
  if (stream_) {
    position_ = db.valuestream_begin(slot);
    end_ = db.valuestream_end(slot);
  }
}

std::string ValueCounter::value_of(const Xapian::Document& doc) {
  const Xapian::docid id = doc.get_docid();
  if (!stream_ || id <= last_) return doc.get_value(slot_);
  last_ = id;
  if (position_ == end_) return {};
  if (position_.get_docid() < id) position_.skip_to(id);
  if (position_ == end_ || position_.get_docid() != id) return {};
  return *position_;
}

void ValueCounter::operator()(const Xapian::Document& doc, double) {
  std::string value = value_of(doc);
  if (!stories_) {
    ++total_;
    if (!value.empty()) ++counts_[std::move(value)];
    return;
  }
  // Only a document's story, never its slot read with the stream: that stream is this
  // counter's slot's.
  std::string story = doc.get_value(schema::slot(schema::Slot::story));
  if (stories_seen_.insert(story).second) ++total_;
  if (value.empty()) return;
  if (value_stories_seen_.emplace(value, std::move(story)).second) ++counts_[std::move(value)];
}

std::vector<FacetValue> ValueCounter::top_values(std::size_t most) const {
  std::vector<FacetValue> values;
  values.reserve(counts_.size());
  for (const auto& [value, count] : counts_) values.push_back({value, count});
  return most_frequent(std::move(values), most);
}

SlotFacet::SlotFacet(const Xapian::Database& db, const sc::FilterField& field, bool custom_spies)
    : field_(field),
      remote_(!custom_spies),
      local_(db, sc::slot(field.slot), custom_spies),
      xapian_(sc::slot(field.slot)) {}

Xapian::MatchSpy& SlotFacet::spy() {
  if (remote_) return xapian_;
  return local_;
}

Xapian::doccount SlotFacet::total() const {
  return remote_ ? xapian_.get_total() : local_.total();
}

SlotCounts SlotFacet::all_counts() const {
  if (!remote_) return local_.counts();
  SlotCounts counts;
  for (auto it = xapian_.values_begin(); it != xapian_.values_end(); ++it) {
    if (!(*it).empty()) counts[*it] = it.get_termfreq();
  }
  return counts;
}

std::vector<FacetValue> SlotFacet::top_values(std::size_t most) const {
  // A list or folded field's top values are known only once its slot values are split
  // and merged: every one of them is read.
  if (field_.multi || field_.folded) return field_facet(field_, all_counts(), most);
  if (!remote_) return local_.top_values(most);
  std::vector<FacetValue> values;
  const auto limit = static_cast<Xapian::doccount>(most);
  for (auto it = xapian_.top_values_begin(limit); it != xapian_.top_values_end(limit); ++it) {
    if ((*it).empty()) continue;
    values.push_back({*it, it.get_termfreq()});
  }
  return values;
}

}  // namespace article_search::search
