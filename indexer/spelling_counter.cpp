/// @file Spelling data ("did you mean") counted in bulk instead of word by word.
#include "spelling_counter.h"

namespace article_search {

bool SpellingCounter::Watcher::operator()(const std::string& word) const {
  counter_.count(word);
  return false;  // never a stopword: indexing is unchanged
}

void SpellingCounter::attach(Xapian::TermGenerator& generator) const {
  generator.set_stopper(&watcher_);
  // STOP_ALL consults the stopper for every word, before stemming, which is the word
  // FLAG_SPELLING would have added.
  generator.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
}

void SpellingCounter::count(const std::string& word) {
  if (!counting_) return;
  auto [slot, inserted] = counts_.try_emplace(word, 0);
  ++slot->second;
  // A node of the map: the key, the count and about 48 bytes of bookkeeping.
  if (inserted) memory_bytes_ += word.size() + 64;
}

void SpellingCounter::add_to(Xapian::WritableDatabase& db, const Counts& counts,
                             std::size_t commit_every) {
  std::size_t added = 0;
  for (const auto& [word, count] : counts) {
    db.add_spelling(word, count);
    if (commit_every > 0 && ++added % commit_every == 0) db.commit();
  }
}

void SpellingCounter::flush_to(Xapian::WritableDatabase& db, std::size_t commit_every) {
  add_to(db, counts_, commit_every);
  counts_.clear();
  memory_bytes_ = 0;
}

void SpellingCounter::move_into(Counts& into) {
  if (into.empty()) {
    into.swap(counts_);
  } else {
    for (const auto& [word, count] : counts_) into[word] += count;
  }
  counts_.clear();
  memory_bytes_ = 0;
}

}  // namespace article_search
