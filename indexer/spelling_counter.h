/// @file Spelling data ("did you mean") counted in bulk instead of word by word.
///
/// TermGenerator's FLAG_SPELLING calls WritableDatabase::add_spelling once per word
/// occurrence, which cost ~40% of indexing time. This counts the same words (the
/// unstemmed, lowercased words of the unprefixed text: title and body) in a hash map and
/// hands each distinct word to the database once per flush, with its count.
#pragma once

#include "article.h"

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace article_search {

class SpellingCounter {
 public:
  SpellingCounter();

  /// Counts every word occurrence of the article's title and body.
  void count(const Article& article);

  /// Adds the counted words to `db`'s spelling table and forgets them.
  void flush_to(Xapian::WritableDatabase& db);

  /// Approximate memory held by the counts, in bytes.
  std::size_t memory_bytes() const { return memory_bytes_; }

 private:
  Xapian::TermGenerator tokenizer_;
  std::unordered_map<std::string, Xapian::termcount> counts_;
  std::size_t memory_bytes_ = 0;
};

}  // namespace article_search
