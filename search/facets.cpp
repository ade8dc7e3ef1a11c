/// @file Facet counts from a forward walk of a slot's value stream.
#include "facets.h"

#include <algorithm>

namespace article_search::search {

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
  ++total_;
  std::string value = value_of(doc);
  if (!value.empty()) ++counts_[std::move(value)];
}

std::vector<FacetValue> ValueCounter::top_values(std::size_t most) const {
  std::vector<FacetValue> values;
  values.reserve(counts_.size());
  for (const auto& [value, count] : counts_) values.push_back({value, count});
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

SlotFacet::SlotFacet(const Xapian::Database& db, Xapian::valueno slot, bool custom_spies)
    : remote_(!custom_spies), local_(db, slot, custom_spies), xapian_(slot) {}

Xapian::MatchSpy& SlotFacet::spy() {
  if (remote_) return xapian_;
  return local_;
}

Xapian::doccount SlotFacet::total() const {
  return remote_ ? xapian_.get_total() : local_.total();
}

std::vector<FacetValue> SlotFacet::top_values(std::size_t most) const {
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
