/// @file Spelling data ("did you mean") counted in bulk instead of word by word.
#include "spelling_counter.h"

#include "schema.h"

namespace article_search {

SpellingCounter::SpellingCounter() {
  // The same tokenizer as make_term_generator's, without stemming: its terms are the
  // words FLAG_SPELLING would have added, and their wdf the number of occurrences.
  tokenizer_.set_stemmer(Xapian::Stem(schema::stem_language));
  tokenizer_.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
}

void SpellingCounter::count(const Article& article) {
  Xapian::Document scratch;
  tokenizer_.set_document(scratch);
  tokenizer_.index_text_without_positions(article.title);
  tokenizer_.index_text_without_positions(article.body);
  for (auto term = scratch.termlist_begin(); term != scratch.termlist_end(); ++term) {
    auto [slot, inserted] = counts_.try_emplace(*term, 0);
    slot->second += term.get_wdf();
    // A node of the map: the key, the count and about 48 bytes of bookkeeping.
    if (inserted) memory_bytes_ += slot->first.size() + 64;
  }
}

void SpellingCounter::flush_to(Xapian::WritableDatabase& db) {
  for (const auto& [word, count] : counts_) db.add_spelling(word, count);
  counts_.clear();
  memory_bytes_ = 0;
}

}  // namespace article_search
