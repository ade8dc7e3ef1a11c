/// @file The per-search budget (issue 15): every hostile query shape, over a synthetic index
/// big enough for them to be costly, is cut to the budget's structural limits, says so in
/// its answer, and answers in well under the time a normal request may take.
#include "deadline.h"
#include "document.h"
#include "documents.h"
#include "hits.h"
#include "query.h"
#include "render.h"
#include "search.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace {
using namespace article_search;
using namespace article_search::search;
using std::chrono::milliseconds;

/// Loose, for a loaded two-core machine under ASan+UBSan: before the budget, the first
/// two shapes took 10-30 s of CPU on bbc-news (2,225 articles) in a release build.
constexpr milliseconds time_bound(1500);

/// Word `n` of the synthetic vocabulary: its first letter cycles through the alphabet,
/// so every letter begins about vocabulary / 26 distinct words.
std::string word(std::size_t n) {
  std::string w(1, static_cast<char>('a' + n % 26));
  for (std::size_t rest = n / 26, i = 0; i < 3; ++i, rest /= 26) w += static_cast<char>('a' + rest % 26);
  return w + "x";  // never a stopword, never changed by the stemmer
}

constexpr std::size_t vocabulary = 10400;  ///< 400 words for each first letter
constexpr std::size_t articles = 2500;
constexpr std::size_t words_per_article = 120;
constexpr std::size_t huge_distinct_words = 30000;  ///< more than max_similar_candidates
constexpr std::size_t huge_repeats = 200000;        ///< "alphax " times: 1.4 MB of matches

/// 2,500 articles of words drawn from the vocabulary (a fixed linear congruential
/// sequence), and one huge article; indexed once by the indexer's own document builder.
struct Fixture {
  testing::TempDir dir;
  Xapian::Database db;
  Fixture() : db(build(dir / "db")) {}

  static Xapian::Database build(const std::filesystem::path& path) {
    Xapian::WritableDatabase out(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator = make_term_generator(nullptr);
    std::uint64_t state = 12345;
    for (std::size_t a = 0; a < articles; ++a) {
      Article article;
      article.id = "a" + std::to_string(a);
      article.date = "2024-01-01";
      article.source = "synthetic";
      for (std::size_t i = 0; i < words_per_article; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        article.body += word(static_cast<std::size_t>(state >> 33) % vocabulary) + ' ';
      }
      article.title = article.body.substr(0, 20);
      out.add_document(make_document(article, generator));
    }
    Article huge;
    huge.id = "huge";
    huge.title = "the huge one";
    huge.date = "2024-01-01";
    huge.source = "synthetic";
    for (std::size_t i = 0; i < huge_distinct_words; ++i) huge.body += word(i) + "q ";
    for (std::size_t i = 0; i < huge_repeats; ++i) huge.body += "alphax ";
    out.add_document(make_document(huge, generator));
    out.commit();
    return Xapian::Database(path.string());
  }
};

Fixture& fixture() {
  static Fixture instance;
  return instance;
}

std::string repeat(std::string_view unit, std::size_t bytes) {
  std::string text;
  while (text.size() + unit.size() <= bytes) text += unit;
  return text;
}

/// About 1 KB of distinct vocabulary words (170 of them).
std::string many_words() {
  std::string text;
  for (std::size_t i = 0; text.size() + 6 <= max_query_bytes; ++i) text += word(i * 7) + ' ';
  return text;
}

bool has(const std::vector<std::string_view>& limits, std::string_view limit) {
  return std::find(limits.begin(), limits.end(), limit) != limits.end();
}

struct Shape {
  const char* name;
  std::string q;
  Typing typing = Typing::complete;
  std::string_view expected_limit;  ///< a limit the answer must name
  bool matches = true;              ///< whether what fitted still finds articles
};

std::vector<Shape> hostile_shapes() {
  return {
      {"a* x341", repeat("a* ", 1024), Typing::complete, budget::wildcards},
      {"a* b* c* s* t* x60", repeat("a* b* c* s* t* ", 900), Typing::complete, budget::wildcards},
      {"wildcards, the last word being typed", repeat("b* ", 1000) + "c", Typing::partial,
       budget::wildcards},
      // All of a NEAR must stand together: the wildcards cut to plain words find nothing.
      {"wildcards in NEAR", repeat("s* NEAR t* ", 1000), Typing::complete, budget::wildcards, false},
      {"five wildcards share the expansion", "a* b* c* d* e*", Typing::complete, budget::expansion},
      {"a long OR of distinct words", many_words(), Typing::complete, budget::words},
      // Plain text over the word limit is searched for its words: quotes are dropped.
      {"a phrase of many words", "\"" + many_words() + "\"", Typing::complete, budget::words},
      {"a long OR of words, in the query language", repeat("aaaax OR ", 2000), Typing::complete,
       budget::words},
      {"words joined by NEAR", repeat("aaaax NEAR baaax ", 1000), Typing::complete, budget::words},
      {"wildcards OR-ed", repeat("e* OR ", 1000) + "e*", Typing::complete, budget::wildcards},
  };
}

}  // namespace

TEST_SUITE("query budget") {
  TEST_CASE("each hostile query is cut to the budget's limits, says which, and answers fast") {
    Fixture& f = fixture();
    Xapian::QueryParser parser = make_parser(f.db, default_ranking);
    for (const Shape& shape : hostile_shapes()) {
      const std::string name = shape.name;
      CAPTURE(name);
      const ParsedQuery parsed = parse_user_query(parser, shape.q, default_ranking, shape.typing);
      const QueryShape built = query_shape(parsed.query);
      CHECK(parsed.wildcards <= max_query_wildcards);
      CHECK(parsed.wildcards * parsed.expansion_per_wildcard <= max_query_expansion);
      // Each wildcard of q at most twice in the built query: the OR and the all-words copy.
      CHECK(built.wildcards <= 2 * max_query_wildcards);
      CHECK(built.terms <= max_query_terms);
      CHECK(parsed.wildcard_prefixes.size() <= max_query_wildcards);

      SearchRequest request;
      request.q = shape.q;
      request.typing = shape.typing;
      const auto started = std::chrono::steady_clock::now();
      const SearchResult result = run_search(f.db, parser, request, default_ranking);
      const auto took = std::chrono::steady_clock::now() - started;
      CHECK_MESSAGE(took < time_bound,
                    std::chrono::duration_cast<milliseconds>(took).count() << " ms");
      CHECK_MESSAGE(has(result.budget_exceeded, shape.expected_limit),
                    "budget_exceeded lacks " << shape.expected_limit);
      CHECK(result.hits.empty() != shape.matches);  // an answer with what fitted, not an error
      CHECK(search_json(result).find("\"budget_exceeded\":[") != std::string::npos);
    }
  }

  TEST_CASE("normal queries keep their full expansion and say nothing about the budget") {
    Fixture& f = fixture();
    Xapian::QueryParser parser = make_parser(f.db, default_ranking);
    for (const std::string q : {"aaaax baaax", "a*", "a* b* c* d*", "\"aaaax baaax\" NEAR caaax",
                                "title:aaaax OR body:b*"}) {
      CAPTURE(q);
      const ParsedQuery parsed = parse_user_query(parser, q, default_ranking);
      CHECK(parsed.expansion_per_wildcard == default_ranking.wildcard_expansion_limit);
      SearchRequest request;
      request.q = q;
      const SearchResult result = run_search(f.db, parser, request, default_ranking);
      CHECK(result.budget_exceeded.empty());
      CHECK(search_json(result).find("budget_exceeded") == std::string::npos);
    }
  }

  TEST_CASE("a plain text over the word limit keeps its rarest words, in their order") {
    Fixture& f = fixture();
    Xapian::QueryParser parser = make_parser(f.db, default_ranking);
    // 150 words of the vocabulary, each in about 1% of the articles, then "alphax" (one
    // article) and a word no article has: the first 100 words would miss the rare one.
    std::string text;
    for (std::size_t i = 0; i < 150; ++i) text += word(i) + ", ";
    text += "The alphax. zzzzq";
    REQUIRE(f.db.get_termfreq("alphax") == 1);
    const ParsedQuery parsed = parse_user_query(parser, text, default_ranking, Typing::complete, {&f.db, {}});
    CHECK(has(parsed.budget_exceeded, budget::words));
    CHECK(parsed.searched.find("alphax") != std::string::npos);
    CHECK(parsed.searched.find("zzzzq") == std::string::npos);  // matches nothing: dropped first
    CHECK(parsed.searched.find("the") == std::string::npos);    // a stopword
    CHECK(parsed.searched.find(',') == std::string::npos);
    CHECK(query_shape(parsed.query).terms <= max_query_terms);
    // Without the database, the first words are kept.
    const ParsedQuery blind = parse_user_query(parser, text, default_ranking);
    CHECK(blind.searched.find("alphax") == std::string::npos);
    CHECK(blind.searched.substr(0, word(0).size()) == word(0));
  }

  TEST_CASE("keep_rarest_words: distinct words, rarest first, absent ones last") {
    const std::map<std::string, Xapian::doccount> df = {{"rare", 1}, {"mid", 50}, {"common", 900}};
    const auto frequency = [&](const std::string& w) -> Xapian::doccount {
      const auto it = df.find(w);
      return it == df.end() ? 0 : it->second;
    };
    const RarestWords two = keep_rarest_words("Common mid, the common RARE nothing", 2, frequency, default_ranking);
    CHECK(two.text == "mid rare");
    CHECK(two.cut);
    const RarestWords all = keep_rarest_words("common, mid; mid", 5, frequency, default_ranking);
    CHECK(all.text == "common mid");
    CHECK_FALSE(all.cut);
  }

  TEST_CASE("uses_query_syntax: operators, fields and wildcards, not prose") {
    CHECK(uses_query_syntax("storm AND rail"));
    CHECK(uses_query_syntax("(storm OR rail) NEAR/3 coast"));
    CHECK(uses_query_syntax("title:storm"));
    CHECK(uses_query_syntax("date:2024-07-01.."));
    CHECK(uses_query_syntax("stor* warning"));
    CHECK_FALSE(uses_query_syntax("The storm, \"the worst in years\" (officials said), hit: ANDREW"));
    CHECK_FALSE(uses_query_syntax("note: the ratio was 3:1, ORANGE"));
  }

  TEST_CASE("fit_query_budget keeps the first wildcards and words, and only cuts past them") {
    const BudgetedText three = fit_query_budget("kasp* ban* storm*", 2);
    CHECK(three.text == "kasp* ban* storm ");
    CHECK(three.wildcards == 2);
    CHECK(three.cut_wildcards);
    CHECK_FALSE(three.cut_words);
    const BudgetedText words = fit_query_budget(repeat("ab ", 3 * (max_query_words + 5)), 8);
    CHECK(words.cut_words);
    CHECK(words.text == repeat("ab ", 3 * max_query_words - 1) + "ab");
    // A cut leaves no operator dangling.
    const BudgetedText ors = fit_query_budget(repeat("storm OR ", 9 * (max_query_words + 5)), 8);
    CHECK(ors.text.substr(ors.text.size() - 6) == " storm");
    const BudgetedText fine = fit_query_budget("\"storm warning\" date:2024-07-01..2024-07-31", 8);
    CHECK(fine.text == "\"storm warning\" date:2024-07-01..2024-07-31");
    CHECK_FALSE(fine.cut_words);
    CHECK_FALSE(fine.cut_wildcards);
    CHECK(expansion_share(0, 100) == 100);
    CHECK(expansion_share(4, 100) == 100);
    CHECK(expansion_share(8, 100) == max_query_expansion / 8);
    CHECK(expansion_share(100000, 100) == 1);  // never 0, which Xapian reads as unlimited
  }

  TEST_CASE("the deadline rejects every document once it has passed, and none before") {
    const Xapian::Document doc;
    const Deadline later(Deadline::Clock::now() + std::chrono::hours(1));
    bool all = true;
    for (int i = 0; i < 1000; ++i) all = all && later(doc);
    CHECK(all);
    CHECK_FALSE(later.passed());
    const Deadline gone(Deadline::Clock::now() - milliseconds(1));
    int accepted = 0;
    for (int i = 0; i < 1000; ++i) accepted += gone(doc) ? 1 : 0;
    CHECK(accepted < 256);  // the clock is read every 256 documents
    CHECK(gone.passed());
  }

  TEST_CASE("a huge article is highlighted, snippeted and compared within the bound") {
    Fixture& f = fixture();
    Xapian::QueryParser parser = make_parser(f.db, default_ranking);
    const auto doc = find_document(f.db, "huge");
    REQUIRE(doc);
    const std::string hostile = repeat("alphax a* b* c* s* t* ", 1000);
    auto started = std::chrono::steady_clock::now();
    const ParsedQuery parsed = parse_user_query(parser, hostile, default_ranking);
    const Hit hit = make_hit(*doc, make_highlighting(parsed.query, parsed.wildcard_prefixes, true));
    CHECK(std::chrono::steady_clock::now() - started < time_bound);
    CHECK(hit.snippet.html.find("<mark>alphax</mark>") != std::string::npos);

    started = std::chrono::steady_clock::now();
    const auto view = load_document(f.db, parser, "huge", hostile, default_ranking);
    CHECK(std::chrono::steady_clock::now() - started < time_bound);
    REQUIRE(view);
    REQUIRE(view->body_html);
    std::size_t marks = 0;
    for (std::size_t at = view->body_html->find("<mark>"); at != std::string::npos && marks <= max_marked_matches;
         at = view->body_html->find("<mark>", at + 1)) {
      ++marks;
    }
    CHECK(marks == max_marked_matches);

    started = std::chrono::steady_clock::now();
    const auto similar = similar_documents(f.db, "huge", 5, default_ranking);
    CHECK(std::chrono::steady_clock::now() - started < time_bound);
    REQUIRE(similar);
  }
}
