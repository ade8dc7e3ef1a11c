/// @file Typo tolerance: close words from the spelling table, at a lower weight.
#include "typos.h"

#include "language.h"

#include <algorithm>
#include <array>
#include <bit>

namespace article_search::search {
namespace {

bool is_number(unsigned ch) {
  using Xapian::Unicode::get_category;
  const auto category = get_category(ch);
  return category == Xapian::Unicode::DECIMAL_DIGIT_NUMBER ||
         category == Xapian::Unicode::LETTER_NUMBER || category == Xapian::Unicode::OTHER_NUMBER;
}

/// The code points of a word fit for the lexicon: no digit, at most `max_letters`;
/// nothing otherwise.
std::optional<std::u32string> letters_of(std::string_view word, std::size_t max_letters) {
  std::u32string letters;
  for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (is_number(ch) || letters.size() == max_letters) return std::nullopt;
    letters.push_back(static_cast<char32_t>(ch));
  }
  return letters;
}

/// Which letters a word holds: a-z one bit each, anything else one of six bits. An edit
/// changes at most two bits (a substitution: one gone, one new), so words `d` edits apart
/// differ in at most 2d bits: most words are rejected without computing a distance.
std::uint32_t letter_mask(std::u32string_view letters) {
  std::uint32_t mask = 0;
  for (const char32_t ch : letters) {
    const unsigned bit = ch >= U'a' && ch <= U'z' ? static_cast<unsigned>(ch - U'a') : 26 + ch % 6;
    mask |= std::uint32_t{1} << bit;
  }
  return mask;
}

/// The distance rows of osa_distance, on the stack for words of up to 63 code points.
template <class Row>
unsigned osa_rows(std::u32string_view a, std::u32string_view b, unsigned max, Row& before,
                  Row& previous, Row& current) {
  const std::size_t m = b.size();
  for (std::size_t j = 0; j <= m; ++j) previous[j] = static_cast<unsigned>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<unsigned>(i);
    unsigned row_min = current[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
      unsigned value = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        value = std::min(value, before[j - 2] + 1);
      }
      current[j] = value;
      row_min = std::min(row_min, value);
    }
    // A row all above `max` stays above it (a swap reaches back two rows, but the row
    // between is then at most one more than the row it reaches).
    if (row_min > max) return max + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], max + 1);
}

}  // namespace

unsigned typo_edits(std::string_view word) {
  const auto letters = letters_of(word, max_typo_word_letters);
  if (!letters || letters->size() < 5) return 0;
  return letters->size() < 9 ? 1 : 2;
}

std::u32string code_points(std::string_view word) {
  std::u32string letters;
  for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) {
    letters.push_back(static_cast<char32_t>(*it));
  }
  return letters;
}

unsigned osa_distance(std::u32string_view a, std::u32string_view b, unsigned max) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > max) return max + 1;
  // The common prefix and suffix cost nothing.
  while (!a.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty()) return std::min(static_cast<unsigned>(b.size()), max + 1);
  constexpr std::size_t small = 64;
  if (b.size() < small) {
    std::array<unsigned, small> before{}, previous{}, current{};
    return osa_rows(a, b, max, before, previous, current);
  }
  std::vector<unsigned> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  return osa_rows(a, b, max, before, previous, current);
}

TypoLexicon::TypoLexicon(const Xapian::Database& db)
    : TypoLexicon([&db] {
        std::vector<Word> words;
        for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
          words.emplace_back(*it, it.get_termfreq());
        }
        return words;
      }()) {}

TypoLexicon::TypoLexicon(std::vector<Word> words) {
  // A candidate is at most two letters shorter or longer than a word that may be widened.
  constexpr std::size_t longest = max_typo_word_letters + 2;
  if (words.size() > max_lexicon_words) {
    std::nth_element(words.begin(), words.begin() + max_lexicon_words, words.end(),
                     [](const Word& x, const Word& y) { return x.second > y.second; });
    words.resize(max_lexicon_words);
  }
  std::vector<std::pair<std::size_t, Entry>> sized;
  for (const auto& [word, frequency] : words) {
    const std::string folded = language::fold_accents(word);
    const auto letters = letters_of(folded, longest);
    if (!letters || letters->size() < 3 || word.size() > 255 || folded.size() > 255) continue;
    Entry entry;
    entry.offset = static_cast<std::uint32_t>(text_.size());
    entry.mask = letter_mask(*letters);
    entry.frequency = frequency;
    entry.bytes = static_cast<std::uint8_t>(word.size());
    entry.letters = static_cast<std::uint8_t>(letters->size());
    text_ += word;
    if (folded != word) {  // most words have no accent: their folded form is themselves
      entry.folded_bytes = static_cast<std::uint8_t>(folded.size());
      text_ += folded;
    }
    sized.emplace_back(letters->size(), entry);
    if (text_.size() > 0xF0000000u) break;  // offsets are 32-bit
  }
  std::stable_sort(sized.begin(), sized.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  first_of_length_.assign(longest + 2, sized.size());
  entries_.reserve(sized.size());
  for (std::size_t i = sized.size(); i-- > 0;) first_of_length_[sized[i].first] = i;
  for (std::size_t n = longest + 1; n-- > 0;) {
    first_of_length_[n] = std::min(first_of_length_[n], first_of_length_[n + 1]);
  }
  for (auto& [letters, entry] : sized) entries_.push_back(entry);
}

std::vector<TypoCandidate> TypoLexicon::near(std::string_view word, unsigned max_edits,
                                             std::size_t limit) const {
  std::vector<TypoCandidate> found;
  const std::u32string letters = code_points(language::fold_accents(word));
  const std::size_t longest = first_of_length_.size() - 2;
  if (max_edits == 0 || letters.size() > longest || entries_.empty()) return found;
  const std::uint32_t mask = letter_mask(letters);
  const std::size_t shortest = letters.size() > max_edits ? letters.size() - max_edits : 0;
  const std::size_t from = first_of_length_[shortest];
  const std::size_t to = first_of_length_[std::min(letters.size() + max_edits + 1, longest + 1)];
  std::u32string other_letters;  // reused: no allocation per word compared
  for (std::size_t i = from; i < to; ++i) {
    const Entry& entry = entries_[i];
    if (static_cast<unsigned>(std::popcount(entry.mask ^ mask)) > 2 * max_edits) continue;
    const std::string_view other(text_.data() + entry.offset, entry.bytes);
    const std::string_view folded =
        entry.folded_bytes == 0 ? other
                                : std::string_view(text_.data() + entry.offset + entry.bytes, entry.folded_bytes);
    other_letters.clear();
    for (Xapian::Utf8Iterator it(folded.data(), folded.size()); it != Xapian::Utf8Iterator(); ++it) {
      other_letters.push_back(static_cast<char32_t>(*it));
    }
    const unsigned edits = osa_distance(letters, other_letters, max_edits);
    if (edits == 0 || edits > max_edits) continue;
    found.push_back({std::string(other), edits, entry.frequency});
  }
  const auto better = [](const TypoCandidate& x, const TypoCandidate& y) {
    if (x.edits != y.edits) return x.edits < y.edits;
    if (x.frequency != y.frequency) return x.frequency > y.frequency;
    return x.word < y.word;
  };
  const std::size_t kept = std::min(limit, found.size());
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(kept), found.end(), better);
  found.resize(kept);
  return found;
}

std::size_t TypoLexicon::memory_bytes() const {
  return text_.capacity() + entries_.capacity() * sizeof(Entry) +
         first_of_length_.capacity() * sizeof(std::size_t);
}

namespace {

/// The database's identity: its uuid (several for shards; none over remote ones).
std::string uuid_of(const Xapian::Database& db) {
  try {
    return db.get_uuid();
  } catch (const Xapian::Error&) {
    return {};
  }
}

/// Its state: the revision of a single database, else what several show of theirs.
std::string version_of(const Xapian::Database& db) {
  try {
    return std::to_string(db.get_revision());
  } catch (const Xapian::InvalidOperationError&) {
    // Xapian 1.4 gives no revision for several databases at once.
    return std::to_string(db.get_doccount()) + "/" + std::to_string(db.get_lastdocid()) + "/" +
           std::to_string(db.get_total_length());
  }
}

}  // namespace

std::shared_ptr<const TypoLexicon> TypoLexicons::lexicon_for(const Xapian::Database& db) {
  const std::string uuid = uuid_of(db), version = version_of(db);
  const auto now = std::chrono::steady_clock::now();
  bool first = false;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (cached_.lexicon) {
      const bool fresh = cached_.uuid == uuid &&
                         (cached_.version == version || now - cached_.built < lexicon_refresh_interval);
      if (fresh || cached_.building) return cached_.lexicon;
      cached_.building = true;
    } else {
      first = true;
    }
  }
  // The first lexicon is waited for by every thread that needs it; later ones are built
  // by one thread while the others use the one before.
  std::unique_lock<std::mutex> first_lock(first_build_, std::defer_lock);
  if (first) {
    first_lock.lock();
    const std::lock_guard<std::mutex> lock(mutex_);
    if (cached_.lexicon) return cached_.lexicon;
  }
  std::shared_ptr<const TypoLexicon> built;
  try {
    built = std::make_shared<const TypoLexicon>(db);
  } catch (...) {
    const std::lock_guard<std::mutex> lock(mutex_);
    cached_.building = false;
    throw;
  }
  const std::lock_guard<std::mutex> lock(mutex_);
  cached_ = Cached{uuid, version, std::chrono::steady_clock::now(), built, false};
  return built;
}

TypoWidener::TypoWidener(const Xapian::Database& db, const Xapian::QueryParser& parser,
                         const RankingConfig& config, LexiconSource lexicon, Xapian::Stem stemmer)
    : db_(db), parser_(parser), config_(config), source_(std::move(lexicon)),
      stemmer_(std::move(stemmer)) {}

TermWidener TypoWidener::hook() {
  return [this](const std::string& term, const Xapian::Query& leaf) { return widen(term, leaf); };
}

std::optional<Xapian::Query> TypoWidener::widen(const std::string& term, const Xapian::Query& leaf) {
  auto found = memo_.find(term);
  if (found == memo_.end()) found = memo_.emplace(term, close_terms(term)).first;
  const std::vector<Close>& close = found->second;
  if (close.empty()) return std::nullopt;
  std::vector<Xapian::Query> alternatives;
  for (const Close& other : close) alternatives.emplace_back(other.term);
  const Xapian::Query any(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
  const Xapian::Query either[] = {leaf, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, any, config_.typo_weight)};
  return Xapian::Query(Xapian::Query::OP_OR, std::begin(either), std::end(either));
}

std::vector<TypoWidener::Close> TypoWidener::close_terms(const std::string& term) {
  std::vector<Close> close;
  const auto parts = text_term(term);
  const auto unstemmed = parser_.unstem_begin(term);
  if (!parts || unstemmed == parser_.unstem_end(term)) return close;
  const std::string word = Xapian::Unicode::tolower(*unstemmed);
  const unsigned edits = typo_edits(word);
  if (edits == 0 || word == unfinished_) return close;
  const Xapian::doccount docs = db_.get_termfreq(term);
  if (docs > config_.typo_rare_docs || lookups_ >= max_typo_words) return close;
  ++lookups_;
  looked_up_ = true;
  if (!lexicon_ && source_) lexicon_ = source_();
  if (!lexicon_) return close;
  for (const TypoCandidate& candidate : lexicon_->near(word, edits)) {
    std::string other = std::string(parts->prefix) + stemmer_(candidate.word);
    if (other == term) continue;
    // The first spelling of a term is its closest, then most frequent.
    const auto same = [&other](const Close& c) { return c.term == other; };
    if (std::any_of(close.begin(), close.end(), same)) continue;
    const Xapian::doccount other_docs = db_.get_termfreq(other);
    // Never widened to a word as rare, nor to one not far more common.
    if (other_docs <= docs || other_docs < docs * config_.typo_rare_ratio) continue;
    close.push_back({std::move(other), candidate.word, candidate.edits, other_docs});
  }
  std::stable_sort(close.begin(), close.end(), [](const Close& x, const Close& y) {
    return x.edits != y.edits ? x.edits < y.edits : x.docs > y.docs;
  });
  if (close.size() > max_typo_candidates) close.resize(max_typo_candidates);
  report(word, close);
  return close;
}

void TypoWidener::report(const std::string& word, const std::vector<Close>& close) {
  if (close.empty()) return;
  auto entry = std::find_if(widened_.begin(), widened_.end(),
                            [&word](const TypoWidening& w) { return w.word == word; });
  if (entry == widened_.end()) entry = widened_.insert(widened_.end(), TypoWidening{word, {}});
  for (const Close& other : close) {
    if (std::find(entry->matches.begin(), entry->matches.end(), other.word) == entry->matches.end()) {
      entry->matches.push_back(other.word);
    }
  }
}

}  // namespace article_search::search
