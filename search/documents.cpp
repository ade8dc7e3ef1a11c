/// @file Whole articles, "more like this", and completions for search-as-you-type.
#include "documents.h"

#include "deadline.h"
#include "language.h"
#include "query.h"
#include "schema.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>

namespace article_search::search {
namespace sc = schema;
namespace {

/// Terms taken from the article for "more like this".
constexpr Xapian::termcount similar_terms = 30;
/// Spelling entries looked at for one completion, at most.
constexpr int max_completion_scan = 2000;

/// Free-text terms without a prefix describe what an article is about; those no other
/// article has cannot find a related one.
/// Looks at max_similar_candidates terms at most (a huge article has millions).
class SharedTerms : public Xapian::ExpandDecider {
 public:
  explicit SharedTerms(const Xapian::Database& db) : db_(db) {}
  bool operator()(const std::string& term) const override {
    if (term.empty() || (term.front() >= 'A' && term.front() <= 'Z')) return false;
    if (looked_at_ >= max_similar_candidates) return false;
    ++looked_at_;
    return db_.get_termfreq(term) >= 2;
  }

 private:
  const Xapian::Database& db_;
  mutable Xapian::termcount looked_at_ = 0;
};

}  // namespace

std::optional<DocumentView> load_document(const Xapian::Database& db, Xapian::QueryParser& parser,
                                          const std::string& id, const std::string& q,
                                          const RankingConfig& config) {
  const auto doc = find_document(db, id);
  if (!doc) return std::nullopt;
  auto stored = read_stored(*doc);
  if (!stored) return std::nullopt;
  DocumentView view{*std::move(stored), std::nullopt, describe_story(db, story_id_of(*doc)),
                    copy_of(*doc)};
  if (!q.empty()) {
    // The words as this article's language stems them.
    const std::string analysis = doc->get_value(schema::slot(schema::Slot::analysis));
    parser.set_stemmer(language::folding_stemmer(analysis.empty() ? schema::stem_language : analysis));
    const ParsedQuery parsed = parse_user_query(parser, q, config, Typing::complete, {&db, {}});
    const Highlighting highlighting = make_highlighting(parsed.query, parsed.wildcard_prefixes, true);
    view.body_html = mark_matches(view.article.body,
                                  find_matches(view.article.body, highlighting.body,
                                               highlighting.stemmer_of(*doc), max_marked_matches));
  }
  return view;
}

std::optional<std::vector<Hit>> similar_documents(const Xapian::Database& db,
                                                  const std::string& id, int limit,
                                                  const RankingConfig& config) {
  const auto doc = find_document(db, id);
  if (!doc) return std::nullopt;
  Xapian::Enquire enquire(db);
  Xapian::RSet rset;
  rset.add_document(doc->get_docid());
  const SharedTerms decider(db);
  const Xapian::ESet eset = enquire.get_eset(similar_terms, rset, &decider);
  const Xapian::Query about(Xapian::Query::OP_OR, eset.begin(), eset.end());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, about,
                                  Xapian::Query(sc::id_term(id))));
  enquire.set_weighting_scheme(*make_weight(config));
  enquire.set_time_limit(match_time_limit_seconds);
  const Deadline deadline(Deadline::Clock::now() +
                          std::chrono::duration_cast<Deadline::Clock::duration>(
                              std::chrono::duration<double>(match_deadline_seconds)));
  Xapian::MSet mset;
  try {
    mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit), 0, nullptr, &deadline);
  } catch (const Xapian::UnimplementedError&) {
    // Remote shards (Xapian 1.4) take no MatchDecider: their servers' own limits apply.
    mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
  }
  const Highlighting none = make_highlighting(Xapian::Query(), {}, false);
  std::vector<Hit> hits;
  long rank = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit = make_hit(it.get_document(), none);
    hit.story = describe_story(db, hit.story.id);
    hit.score = it.get_weight();
    hit.percent = it.get_percent();
    hit.rank = ++rank;
    hits.push_back(std::move(hit));
  }
  return hits;
}

LastWord split_last_word(const std::string& q) {
  std::size_t start = q.size();
  while (start > 0 && !std::isspace(static_cast<unsigned char>(q[start - 1]))) --start;
  LastWord split{q.substr(0, start), q.substr(start)};
  split.word = Xapian::Unicode::tolower(split.word);
  return split;
}

std::vector<std::string> rank_completions(
    std::vector<std::pair<Xapian::doccount, std::string>> found, const std::string& before,
    int limit) {
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> completions;
  for (const auto& [count, word] : found) {
    if (static_cast<int>(completions.size()) >= limit) break;
    completions.push_back(before + word);
  }
  return completions;
}

/// Accented letters a word may hold where its typed start has the plain one (lower case).
constexpr std::array<std::pair<char, std::string_view>, 15> accented_letters = {{
    {'a', "à á â ã ä å ā ă ą"}, {'c', "ç ć č"},  {'d', "đ ď"},           {'e', "è é ê ë ē ė ę ě"},
    {'g', "ğ"},                 {'i', "ì í î ï ī į ı"}, {'l', "ł ľ"},   {'n', "ñ ń ň"},
    {'o', "ò ó ô õ ö ø ō ő"},   {'r', "ř"},      {'s', "ś š ş ș"},      {'t', "ť ţ ț"},
    {'u', "ù ú û ü ū ů ű ų"},   {'y', "ý ÿ"},    {'z', "ź ż ž"},
}};
/// Most spelling prefixes one completion seeks.
constexpr std::size_t max_completion_prefixes = 64;

/// The starts to look up for the typed start `typed`: itself, its folded form, and each
/// form with one plain letter accented (`zur` -> `zür`...), so "Zürich" completes `zur`.
std::vector<std::string> completion_prefixes(const std::string& typed) {
  std::vector<std::string> prefixes{typed};
  const std::string folded = language::fold_accents(typed);
  if (folded != typed) prefixes.push_back(folded);
  for (std::size_t i = 0; i < typed.size() && prefixes.size() < max_completion_prefixes; ++i) {
    for (const auto& [plain, accented] : accented_letters) {
      if (typed[i] != plain) continue;
      for (std::size_t at = 0; at < accented.size() && prefixes.size() < max_completion_prefixes;) {
        const std::size_t end = std::min(accented.find(' ', at), accented.size());
        prefixes.push_back(typed.substr(0, i) + std::string(accented.substr(at, end - at)) + typed.substr(i + 1));
        at = end + 1;
      }
    }
  }
  return prefixes;
}

std::vector<std::string> suggest_completions(const Xapian::Database& db, const std::string& q,
                                             int limit) {
  const auto [before, last] = split_last_word(q);
  if (last.empty()) return {};

  std::vector<std::pair<Xapian::doccount, std::string>> found;
  int scanned = 0;
  for (const std::string& prefix : completion_prefixes(last)) {
    auto it = db.spellings_begin();
    it.skip_to(prefix);
    for (; it != db.spellings_end() && scanned < max_completion_scan; ++it, ++scanned) {
      const std::string word = *it;
      if (word.compare(0, prefix.size(), prefix) != 0) break;
      found.emplace_back(it.get_termfreq(), word);
    }
  }
  return rank_completions(std::move(found), before, limit);
}

std::vector<std::string> complete_from_terms(const Xapian::Database& db, const std::string& q,
                                             int limit) {
  const auto [before, last] = split_last_word(q);
  // Prefixed terms start with a capital letter; an empty or capitalised word has no completions.
  if (last.empty() || !schema::is_free_text_term(last)) return {};

  std::vector<std::pair<Xapian::doccount, std::string>> found;
  int scanned = 0;
  for (auto it = db.allterms_begin(last); it != db.allterms_end(last) && scanned < max_completion_scan;
       ++it, ++scanned) {
    found.emplace_back(it.get_termfreq(), *it);
  }
  return rank_completions(std::move(found), before, limit);
}

Suggestions suggest(const Xapian::Database& db, const std::string& q, int limit,
                    const topology::Capabilities& can) {
  if (can.spelling) return {suggest_completions(db, q, limit), {}};
  return {complete_from_terms(db, q, limit), {warning::suggest_from_terms}};
}

}  // namespace article_search::search
