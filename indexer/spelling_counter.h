/// @file Spelling data ("did you mean") counted in bulk instead of word by word.
///
/// TermGenerator's FLAG_SPELLING calls WritableDatabase::add_spelling once per word
/// occurrence, which cost ~40% of indexing time. Attached to a TermGenerator, this counts
/// the same words (the unstemmed, lowercased words of the unprefixed text: title and body)
/// in a hash map as the generator indexes them, and hands each distinct word to the
/// database once, with its count.
#pragma once

#include "document.h"

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace article_search {

class SpellingCounter : public SpellingSwitch {
 public:
  using Counts = std::unordered_map<std::string, Xapian::termcount>;

  SpellingCounter() : watcher_(*this) {}
  SpellingCounter(const SpellingCounter&) = delete;
  SpellingCounter& operator=(const SpellingCounter&) = delete;

  /// Makes `generator` report every word it indexes while counting is on. It sees the
  /// words through a stopper that never stops one, so the terms indexed do not change.
  void attach(Xapian::TermGenerator& generator) const;

  /// Counting is on for the unprefixed text only, as FLAG_SPELLING does.
  void set_counting(bool on) override { counting_ = on; }

  /// Adds the counted words to `db`'s spelling table and forgets them. Xapian buffers
  /// each word's fragments (~10 times the counts' memory) until a commit: with
  /// `commit_every` > 0 (only outside a transaction), it commits after that many words.
  void flush_to(Xapian::WritableDatabase& db, std::size_t commit_every = 0);

  /// Adds `counts` to `db` in the same way.
  static void add_to(Xapian::WritableDatabase& db, const Counts& counts, std::size_t commit_every);

  /// Adds these counts to `into`, and forgets them.
  void move_into(Counts& into);

  /// Approximate memory held by the counts, in bytes.
  std::size_t memory_bytes() const { return memory_bytes_; }

 private:
  class Watcher : public Xapian::Stopper {
   public:
    explicit Watcher(SpellingCounter& counter) : counter_(counter) {}
    bool operator()(const std::string& word) const override;

   private:
    SpellingCounter& counter_;
  };

  void count(const std::string& word);

  Watcher watcher_;
  Counts counts_;
  bool counting_ = false;
  std::size_t memory_bytes_ = 0;
};

}  // namespace article_search
