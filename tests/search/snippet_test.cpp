/// @file Escaping, highlighting and snippets: table-driven, no database.
#include "snippet.h"

#include "language.h"

#include "schema.h"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <random>
#include <sstream>

namespace {
using namespace article_search::search;

MatchTerms stems(std::set<std::string> words) { return MatchTerms{std::move(words), {}}; }

std::string highlight(std::string_view text, const MatchTerms& terms) {
  return mark_matches(text, find_matches(text, terms, article_search::language::folding_stemmer("en")));
}

}  // namespace

TEST_SUITE("html_escape") {
  TEST_CASE("escapes the five special characters and nothing else") {
    struct Row {
      const char* in;
      const char* out;
    };
    const Row rows[] = {
        // markup
        {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
        // quotes and ampersands
        {"\"a\" & 'b'", "&quot;a&quot; &amp; &#39;b&#39;"},
        {"&amp;", "&amp;amp;"},
        // untouched
        {"", ""},
        {"plain “curly” text", "plain “curly” text"},
    };
    for (const Row& row : rows) CHECK(html_escape(row.in) == row.out);
  }
}

TEST_SUITE("highlighting") {
  TEST_CASE("marks words whose stem is a query term") {
    struct Row {
      const char* text;
      std::set<std::string> terms;
      const char* html;
    };
    const Row rows[] = {
        // stemmed forms
        {"The ban: banned, bans, Ban.", {"ban"}, "The <mark>ban</mark>: <mark>banned</mark>, <mark>bans</mark>, <mark>Ban</mark>."},
        // possessives with straight and curly apostrophes
        {"Kaspersky's and Kaspersky’s", {"kasperski"}, "<mark>Kaspersky&#39;s</mark> and <mark>Kaspersky’s</mark>"},
        // a word that merely contains a term is not marked
        {"banner bandit", {"ban"}, "banner bandit"},
        // markup around a match stays escaped
        {"<b>ban</b>", {"ban"}, "&lt;b&gt;<mark>ban</mark>&lt;/b&gt;"},
        // no terms, nothing marked
        {"ban", {}, "ban"},
    };
    for (const Row& row : rows) {
      INFO(row.text);
      CHECK(highlight(row.text, stems(row.terms)) == row.html);
    }
  }

  TEST_CASE("wildcard words mark every word they start") {
    const MatchTerms terms{{}, {"kasp"}};
    CHECK(highlight("Kaspersky, kasbah", terms) == "<mark>Kaspersky</mark>, kasbah");
  }

  TEST_CASE("field terms: the title gets S terms, the body XB terms, both unprefixed ones") {
    const Xapian::Query query(Xapian::Query::OP_OR,
                              Xapian::Query("Skaspersky"), Xapian::Query(Xapian::Query::OP_OR,
                                                                         Xapian::Query("XBban"),
                                                                         Xapian::Query("russia")));
    const auto title = terms_for_field(query, article_search::schema::prefix::title, {});
    const auto body = terms_for_field(query, article_search::schema::prefix::body, {});
    CHECK(title.stems == std::set<std::string>{"kaspersky", "russia"});  // terms as given
    CHECK(body.stems == std::set<std::string>{"ban", "russia"});
  }

  TEST_CASE("match offsets are byte offsets of whole words") {
    const auto matches = find_matches("Café ban", stems({"ban"}), article_search::language::folding_stemmer("en"));
    REQUIRE(matches.size() == 1);
    CHECK(matches[0].begin == 6);
    CHECK(matches[0].end == 9);
  }
}

TEST_SUITE("make_snippet") {
  const Xapian::Stem stemmer = article_search::language::folding_stemmer("en");

  TEST_CASE("a short text is kept whole") {
    const std::string text = "A ban on Kaspersky.";
    const auto snippet = make_snippet(text, find_matches(text, stems({"ban"}), stemmer));
    CHECK(snippet.text == text);
    CHECK(snippet.html == "A <mark>ban</mark> on Kaspersky.");
  }

  TEST_CASE("a long text is cut around the window with most distinct terms") {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "filler words here. ";
    text += "Kaspersky alone. ";
    for (int i = 0; i < 40; ++i) text += "more filler text. ";
    text += "Here the ban hit Kaspersky hard. ";
    for (int i = 0; i < 40; ++i) text += "trailing filler. ";
    const auto matches = find_matches(text, stems({"ban", "kasperski"}), stemmer);
    const auto snippet = make_snippet(text, matches, 120);
    CHECK(snippet.text.find("the ban hit Kaspersky hard") != std::string::npos);
    CHECK(snippet.text.rfind("\xE2\x80\xA6 ", 0) == 0);
    CHECK(snippet.text.size() <= 120 + 8);
    REQUIRE(snippet.matches.size() == 2);
    for (const auto& match : snippet.matches) {
      const std::string word = snippet.text.substr(match.begin, match.end - match.begin);
      CHECK((word == "ban" || word == "Kaspersky"));
    }
  }

  TEST_CASE("without matches the snippet is the start of the text") {
    std::string text(1000, 'x');
    for (std::size_t i = 10; i < text.size(); i += 11) text[i] = ' ';
    const auto snippet = make_snippet(text, {}, 100);
    CHECK(snippet.text.rfind("xxxxxxxxxx xxx", 0) == 0);
    CHECK(snippet.text.size() <= 104);
    CHECK(snippet.matches.empty());
  }

  TEST_CASE("a text without spaces is never cut inside a UTF-8 sequence") {
    std::string text;
    for (int i = 0; i < 200; ++i) text += "é";
    const auto snippet = make_snippet(text, {}, 101);
    const std::string body = snippet.text.substr(0, snippet.text.size() - 4);
    CHECK(body.size() % 2 == 0);
  }
}

namespace {

/// `words` copies of "na", space-separated: filler without a term in it.
std::string filler(int words) {
  std::string out;
  for (int i = 0; i < words; ++i) out += i == 0 ? "na" : " na";
  return out;
}

/// Whether `text` is well-formed UTF-8 (no sequence cut at either end).
bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const std::size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

/// The words, "|"-separated (doctest prints strings, not vectors).
std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : "|") + word;
  return out;
}

/// The words of `snippet.text` at its match offsets, in order, "|"-separated.
std::string marked_words(const Snippet& snippet) {
  std::vector<std::string> words;
  for (const Match& match : snippet.matches) {
    REQUIRE(match.begin < match.end);
    REQUIRE(match.end <= snippet.text.size());
    words.push_back(snippet.text.substr(match.begin, match.end - match.begin));
  }
  return joined(words);
}

struct Score {
  std::size_t distinct = 0, count = 0;
};

/// The matches wholly inside `span`, counted by brute force.
Score score(const std::vector<Match>& matches, SnippetSpan span) {
  std::set<std::string> stems;
  Score result;
  for (const Match& match : matches) {
    if (match.begin >= span.start && match.end <= span.stop) {
      stems.insert(match.stem);
      ++result.count;
    }
  }
  result.distinct = stems.size();
  return result;
}

/// The span the rule of make_snippet picks, by brute force over every anchor.
SnippetSpan expected_span(std::string_view text, const std::vector<Match>& matches,
                          std::size_t max_bytes) {
  if (matches.empty()) return snippet_span(text, 0, max_bytes);
  SnippetSpan best = snippet_span(text, matches.front().begin, max_bytes);
  Score best_score = score(matches, best);
  for (const Match& match : matches) {
    const SnippetSpan span = snippet_span(text, match.begin, max_bytes);
    const Score s = score(matches, span);
    if (s.distinct > best_score.distinct ||
        (s.distinct == best_score.distinct && s.count > best_score.count)) {
      best = span;
      best_score = s;
    }
  }
  return best;
}

/// What every snippet must be, whatever the text: the bytes of the span the rule picks
/// (spaces as ' '), an ellipsis exactly where words are left out, at most max_bytes plus
/// the ellipses, well-formed UTF-8, and every match of the span at its offset and marked.
void check_invariants(std::string_view text, const std::vector<Match>& matches,
                      std::size_t max_bytes, const Snippet& snippet) {
  const SnippetSpan span = expected_span(text, matches, max_bytes);
  std::string shown(text.substr(span.start, span.stop - span.start));
  for (char& c : shown) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  const auto words_in = [](std::string_view part) {
    return part.find_first_not_of(" \n\r\t") != std::string_view::npos;
  };
  const std::string before = words_in(text.substr(0, span.start)) ? "\xE2\x80\xA6 " : "";
  const std::string after = words_in(text.substr(span.stop)) ? " \xE2\x80\xA6" : "";
  CHECK(snippet.text == before + shown + after);
  CHECK(snippet.text.size() <= max_bytes + before.size() + after.size());
  CHECK(valid_utf8(snippet.text));
  std::vector<std::string> expected_words;
  for (const Match& match : matches) {
    if (match.begin >= span.start && match.end <= span.stop) {
      expected_words.emplace_back(text.substr(match.begin, match.end - match.begin));
    }
  }
  CHECK(marked_words(snippet) == joined(expected_words));
  CHECK(snippet.html == mark_matches(snippet.text, snippet.matches));
  // No other anchor's window shows more distinct terms, or as many and more matches.
  const Score shown_score = score(matches, span);
  for (const Match& match : matches) {
    const Score other = score(matches, snippet_span(text, match.begin, max_bytes));
    CHECK(other.distinct <= shown_score.distinct);
    if (other.distinct == shown_score.distinct) CHECK(other.count <= shown_score.count);
  }
}

/// The first sentence of corpus/002_50ed439707b20fb7.txt, the article of issue 16.
constexpr std::string_view kaspersky_first_sentence =
    "Kaspersky Lab, the Russian cybersecurity giant, is set to close its US division and lay "
    "off all US-based employees following a ban by the US Commerce Department.";

}  // namespace

TEST_SUITE("snippet window") {
  TEST_CASE("the window scored is the window shown: table") {
    const Xapian::Stem stemmer = article_search::language::folding_stemmer(article_search::schema::stem_language);
    struct Row {
      const char* what;
      std::string text;
      std::set<std::string> terms;  ///< words as typed: stemmed here
      std::size_t max_bytes;
      std::string snippet;          ///< the expected Snippet::text
      std::vector<std::string> marked;  ///< the words marked in it, in order
    };
    const std::string first(kaspersky_first_sentence);
    const Row rows[] = {
        // Issue 16, as the old code got it wrong: the 240 bytes from the first of two later
        // "Kaspersky" also held a "ban" (3 matches beat the opening's 2), but the snippet
        // shown starts 60 bytes before them and showed two "Kaspersky" and no "ban". The
        // later windows as shown have one term, or two terms in two matches like the
        // opening, which is earlier: the first sentence wins.
        {"kaspersky/ban: the first sentence of 002_50ed439707b20fb7",
         first + " " + filler(110) + " Kaspersky " + filler(30) + " Kaspersky " + filler(37) +
             " ban. " + filler(100),
         {"kaspersky", "ban"}, 240, first + " " + filler(26) + " \xE2\x80\xA6",
         {"Kaspersky", "ban"}},
        // The old code scored [alpha, alpha + 60) (all three) and showed from 13 bytes
        // before alpha, so gamma fell off the end. The window shown for beta has alpha in
        // its context and gamma as its very last word: all three, marked.
        {"matches near the end of a window are shown and marked",
         "Words of context here, then a gap of some length. alpha beta and then some more of "
         "the words, gamma last. After it the text goes on for a good while.",
         {"alpha", "beta", "gamma"}, 60,
         "\xE2\x80\xA6 length. alpha beta and then some more of the words, gamma \xE2\x80\xA6",
         {"alpha", "beta", "gamma"}},
        // The same at 60 bytes: [alpha, alpha + 60) holds alpha, alpha, gamma, but no window
        // as shown holds gamma and two matches more.
        {"a match near the end of bytes scored but not shown no longer wins",
         "gamma and alpha open it. " + filler(20) + " alpha " + filler(5) + " alpha " +
             filler(9) + " gamma " + filler(20),
         {"alpha", "gamma"}, 60, "gamma and alpha open it. " + filler(12) + " \xE2\x80\xA6",
         {"gamma", "alpha"}},
        {"a match at the very start of the body",
         "Ban words follow the match at the start, and the text goes on past the window.",
         {"ban"}, 60, "Ban words follow the match at the start, and the text goes \xE2\x80\xA6",
         {"Ban"}},
        {"a body shorter than the window is kept whole, spaces at its ends dropped",
         "\n  A ban\non Kaspersky, banned.\n", {"ban", "kaspersky"}, 240,
         "A ban on Kaspersky, banned.", {"ban", "Kaspersky", "banned"}},
        {"a body exactly as long as the window is kept whole", "ban " + filler(19), {"ban"}, 60,
         "ban " + filler(19), {"ban"}},
        {"multibyte: the context starts inside a 2-byte character, moved to the next word",
         "Des mots écrits à côté, déjà vus: ban ici, et après le texte continue un peu plus "
         "loin encore.",
         {"ban"}, 60, "\xE2\x80\xA6 déjà vus: ban ici, et après le texte continue un peu plus \xE2\x80\xA6",
         {"ban"}},
        {"multibyte: the cut at the window's end falls inside a word of 2-byte characters",
         "Le ban est là, et la fin de la fenêtre tombe au milieu de ce mot: déjàààààà vu.",
         {"ban"}, 60, "Le ban est là, et la fin de la fenêtre tombe au milieu de \xE2\x80\xA6",
         {"ban"}},
        {"multibyte: a match of 2-byte characters as the window's last word",
         "Plus tôt un mot, puis ban et encore des mots, École à la fin ici, et puis la suite.",
         {"ban", "école"}, 60,
         "\xE2\x80\xA6 un mot, puis ban et encore des mots, École à la fin ici, \xE2\x80\xA6",
         {"ban", "École"}},
        {"multibyte: 3-byte characters at both edges",
         "日本語の文章 です ban 東京 大阪 京都 名古屋 札幌 福岡 神戸 横浜 川崎 千葉 埼玉",
         {"ban"}, 60, "\xE2\x80\xA6 です ban 東京 大阪 京都 名古屋 札幌 福岡 \xE2\x80\xA6", {"ban"}},
        {"multibyte: no space at all, cut at a character boundary", [] {
           std::string text;
           for (int i = 0; i < 100; ++i) text += "é";
           return text;
         }(),
         {"ban"}, 61, [] {
           std::string text;
           for (int i = 0; i < 30; ++i) text += "é";
           return text + " \xE2\x80\xA6";
         }(),
         {}},
        {"no match at all: the snippet is the opening",
         "Nothing in this text matches any of the terms, so the snippet is its opening words.",
         {"ban"}, 60, "Nothing in this text matches any of the terms, so the \xE2\x80\xA6", {}},
        {"no match in a long body: the opening, cut at a space",
         first + " " + filler(200), {"absent"}, 240, first + " " + filler(26) + " \xE2\x80\xA6",
         {}},
    };
    for (const Row& row : rows) {
      INFO(row.what);
      MatchTerms terms;
      for (const std::string& word : row.terms) terms.stems.insert(stemmer(word));
      const auto matches = find_matches(row.text, terms, stemmer);
      const Snippet snippet = make_snippet(row.text, matches, row.max_bytes);
      CHECK(snippet.text == row.snippet);
      CHECK(marked_words(snippet) == joined(row.marked));
      check_invariants(row.text, matches, row.max_bytes, snippet);
    }
  }

  TEST_CASE("issue 16: the real article shows both kaspersky and ban") {
    std::ifstream in(std::string(ARTICLE_SEARCH_SOURCE_DIR) + "/corpus/002_50ed439707b20fb7.txt");
    REQUIRE(in);
    const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string body = file.substr(file.find('\n') + 1);  // the first line is the title
    REQUIRE(body.rfind(kaspersky_first_sentence, 0) == 0);
    const Xapian::Stem stemmer = article_search::language::folding_stemmer(article_search::schema::stem_language);
    const auto matches =
        find_matches(body, MatchTerms{{stemmer("kaspersky"), stemmer("ban")}, {}}, stemmer);
    const Snippet snippet = make_snippet(body, matches);
    std::set<std::string> stems_shown;
    for (const Match& match : snippet.matches) stems_shown.insert(match.stem);
    CHECK(stems_shown.size() == 2);
    check_invariants(body, matches, 240, snippet);
  }

  TEST_CASE("random texts: the sliding window picks what brute force picks") {
    const Xapian::Stem stemmer = article_search::language::folding_stemmer(article_search::schema::stem_language);
    const MatchTerms terms{{"ban", stemmer("kaspersky"), "russia"}, {}};
    const char* words[] = {"ban", "bans", "Kaspersky", "Russia", "na", "word", "longerword",
                           "é", "déjà", "日本語", "x", "ban’s"};
    const char* gaps[] = {" ", " ", " ", "  ", "\n", ", ", ". "};
    std::mt19937 random(16);
    for (int round = 0; round < 2000; ++round) {
      std::string text;
      const int n = static_cast<int>(random() % 120);
      for (int i = 0; i < n; ++i) {
        text += words[random() % std::size(words)];
        text += gaps[random() % std::size(gaps)];
      }
      const std::size_t max_bytes = 4 + random() % 120;
      const auto matches = find_matches(text, terms, stemmer);
      INFO(text);
      INFO(max_bytes);
      check_invariants(text, matches, max_bytes, make_snippet(text, matches, max_bytes));
    }
  }

  TEST_CASE("snippet_span never moves back as the anchor moves on") {
    const std::string text = "Ça a été écrit,   à côté: " + filler(40) + " déjà\nvu日本語 " + filler(10);
    SnippetSpan previous;
    for (std::size_t anchor = 0; anchor <= text.size(); ++anchor) {
      const SnippetSpan span = snippet_span(text, anchor, 40);
      INFO(anchor);
      CHECK(span.start >= previous.start);
      CHECK(span.stop >= previous.stop);
      CHECK(span.start <= span.stop);
      previous = span;
    }
  }
}

TEST_SUITE("find_matches shortcuts") {
  TEST_CASE("is_word_char agrees with Xapian's is_wordchar") {
    for (unsigned ch = 0; ch < 0x3000; ++ch) {
      INFO(ch);
      CHECK(is_word_char(ch) == Xapian::Unicode::is_wordchar(ch));
    }
  }

  TEST_CASE("possible_first_bytes: the first bytes of stems and wildcard words") {
    const auto first = possible_first_bytes(MatchTerms{{"ban", "école"}, {"kasp"}});
    CHECK(first.count() == 3);
    CHECK(first['b']);
    CHECK(first['k']);
    CHECK(first[0xC3]);  // é
    CHECK(possible_first_bytes(MatchTerms{{""}, {}}).all());
    CHECK(possible_first_bytes(MatchTerms{{}, {""}}).all());
    CHECK(possible_first_bytes(MatchTerms{}).none());
  }

  TEST_CASE("the stemmer keeps a word's first byte, once folded, which find_matches relies on") {
    const Xapian::Stem stemmer = article_search::language::folding_stemmer(article_search::schema::stem_language);
    // The stemmer's irregular forms and suffix rules that rewrite the most of a word.
    for (const char* word : {"dying", "lying", "tying", "skies", "ies", "ied", "ing", "ed", "s",
                             "generously", "early", "only", "news", "yelling", "éclairs", "ūnus"}) {
      INFO(word);
      const std::string stem = stemmer(word);
      REQUIRE(!stem.empty());
      CHECK(stem.front() == article_search::language::fold_accents(word).front());
    }
  }

  TEST_CASE("upper-case and non-ASCII first letters still match") {
    const Xapian::Stem stemmer = article_search::language::folding_stemmer(article_search::schema::stem_language);
    CHECK(highlight("École, ÉCOLES and écoles", stems({stemmer("écoles")})) ==
          "<mark>École</mark>, <mark>ÉCOLES</mark> and <mark>écoles</mark>");
    CHECK(highlight("Dying and dies", stems({"die"})) == "<mark>Dying</mark> and <mark>dies</mark>");
    CHECK(highlight("O’Neill’s OBAN ban", stems({stemmer("o'neill's"), "ban"})) ==
          "<mark>O’Neill’s</mark> OBAN <mark>ban</mark>");
  }
}

TEST_SUITE("snippet after a derived title") {
  const Xapian::Stem stemmer = article_search::language::folding_stemmer("en");

  TEST_CASE("derived_title_end: the title's text at the body's start, a cut title's too") {
    CHECK(derived_title_end("Storm hits the coast. Trains stop.", "Storm hits the coast") == 22);
    CHECK(derived_title_end("  \nStorm hits the coast. Trains stop.", "Storm hits the coast") == 25);
    CHECK(derived_title_end("Storm hits the coast and more.", "Storm hits the\xE2\x80\xA6") == 15);
    CHECK(derived_title_end("Another opening. Storm hits.", "Storm hits") == 0);
    CHECK(derived_title_end("Storm", "Storm hits the coast") == 0);
    CHECK(derived_title_end("Storm hits.", "") == 0);
  }

  TEST_CASE("a window after the title is preferred when it holds matches") {
    std::string text = "Kaspersky quits the market after a ban on Kaspersky software.";
    const std::size_t title_end = text.find('.');
    for (int i = 0; i < 30; ++i) text += " Filler words here.";
    text += " Later the firm said Kaspersky would appeal.";
    for (int i = 0; i < 30; ++i) text += " Trailing filler.";
    const auto matches = find_matches(text, stems({"kasperski", "ban"}), stemmer);
    // Today's choice: the opening sentence, with both stems.
    const Snippet opening = make_snippet(text, matches, 120);
    CHECK(opening.text.rfind("Kaspersky quits", 0) == 0);
    const Snippet later = make_snippet(text, matches, 120, title_end);
    CHECK(later.text.find("Kaspersky quits") == std::string::npos);
    CHECK(later.text.find("Kaspersky would appeal") != std::string::npos);
    CHECK(later.text.rfind("\xE2\x80\xA6 ", 0) == 0);
    REQUIRE(later.matches.size() == 1);
    CHECK(later.text.substr(later.matches[0].begin, 9) == "Kaspersky");
  }

  TEST_CASE("the context before the anchor does not reach back into the title") {
    const std::string text = "Ban on Kaspersky. Kaspersky said so.";
    const std::size_t title_end = derived_title_end(text, "Ban on Kaspersky");
    const auto matches = find_matches(text, stems({"kasperski", "ban"}), stemmer);
    const Snippet snippet = make_snippet(text, matches, 120, title_end);
    CHECK(snippet.text == "\xE2\x80\xA6 Kaspersky said so.");
  }

  TEST_CASE("no match after the title: today's choice") {
    std::string text = "Kaspersky quits the market.";
    for (int i = 0; i < 30; ++i) text += " Filler words here.";
    const auto matches = find_matches(text, stems({"kasperski"}), stemmer);
    const Snippet with = make_snippet(text, matches, 120, text.find('.'));
    const Snippet without = make_snippet(text, matches, 120);
    CHECK(with.text == without.text);
    CHECK(with.html == without.html);
    CHECK(with.text.rfind("Kaspersky quits", 0) == 0);
  }
}
