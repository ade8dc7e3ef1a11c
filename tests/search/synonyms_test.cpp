/// @file Synonyms: the Solr-format file, its errors, and the expansion of a query's words.
#include "synonyms.h"

#include "query.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

namespace {
using namespace article_search::search;

Synonyms parsed(std::string_view text) {
  auto result = parse_synonyms(text);
  if (const auto* error = std::get_if<SynonymsError>(&result)) {
    FAIL_CHECK("line " << error->line << ": " << error->message);
    return {};
  }
  return std::move(std::get<Synonyms>(result));
}

/// What `key` searches, or {} when it is no entry.
std::vector<std::string> searches(const Synonyms& synonyms, const std::string& key) {
  const SynonymAlternatives* found = synonyms.find(key);
  return found ? found->alternatives : std::vector<std::string>{};
}

std::string expand(std::string_view rules, std::string_view query, bool partial = false) {
  return expand_synonyms(query, parsed(rules), partial).text;
}

using Words = std::vector<std::string>;

}  // namespace

TEST_SUITE("parse_synonyms") {
  TEST_CASE("a group makes each entry search all of them, itself included") {
    const Synonyms s = parsed("kyiv, kiev, Kyjiw\n");
    CHECK(searches(s, "kiev") == Words{"kyiv", "kiev", "kyjiw"});
    CHECK(searches(s, "kyiv") == Words{"kyiv", "kiev", "kyjiw"});
    CHECK(s.find("kyjiw")->lines == std::vector<std::size_t>{1});
    CHECK(s.rule_count() == 1);
  }

  TEST_CASE("a mapping replaces its left entries by the right ones, as Solr's `=>` does") {
    const Synonyms s = parsed("i-pod, i pod => ipod\nsea biscuit => sea biscuit, seabiscuit\n");
    CHECK(searches(s, "i pod") == Words{"ipod"});
    CHECK(searches(s, "ipod").empty());  // one way: ipod searches only itself
    CHECK(searches(s, "sea biscuit") == Words{"sea biscuit", "seabiscuit"});
  }

  TEST_CASE("rules for the same entry merge, each alternative once") {
    const Synonyms s = parsed("foo => foo bar\nfoo => baz, foo bar\n\nfoo, qux\n");
    CHECK(searches(s, "foo") == Words{"foo bar", "baz", "foo", "qux"});
    CHECK(s.find("foo")->lines == std::vector<std::size_t>{1, 2, 4});
  }

  TEST_CASE("comments, blank lines, blanks and empty entries are skipped") {
    const Synonyms s = parsed("# a comment\n   # indented comment\n\n \t\r\n  nyc ,  New   York City , \r\n");
    CHECK(s.rule_count() == 1);
    CHECK(searches(s, "new york city") == Words{"nyc", "new york city"});
    CHECK(s.longest_key_words() == 3);
  }

  TEST_CASE("case is ignored, in ASCII and beyond") {
    const Synonyms s = parsed("ZÜRICH, Zurich\n");
    CHECK(searches(s, "zürich") == Words{"zürich", "zurich"});
  }

  TEST_CASE("malformed lines are refused with their line number") {
    struct Row {
      const char* text;
      std::size_t line;
      const char* message;
    };
    const Row rows[] = {
        // an empty side
        {"a, b\n=> b\n", 2, "no entry before `=>`"},
        {"a =>\n", 1, "no entry after `=>`"},
        {"a => ,\n", 1, "no entry after `=>`"},
        {"\n\n , ,\n", 3, "no entry"},
        // `=>` twice, a backslash, a comment after a rule
        {"a => b => c\n", 1, "`=>` more than once"},
        {"a\\,b => c\n", 1, "a backslash: escapes are not read (a word never holds `,` or `=>`)"},
        {"kiev, kyiv # old spelling\n", 1, "`#` inside a rule: a comment takes a line of its own"},
        // an entry without a word, too long, with too many words
        {"a, --\n", 1, "the entry `--` has no word"},
        {"a, one two three four five six seven eight nine\n", 1,
         "an entry has more than 8 words: `one two three four five six seven eight nine`"},
        // not UTF-8: the line of the first bad byte
        {"a, b\nc, \xff\n", 2, "not UTF-8 text"},
    };
    for (const Row& row : rows) {
      CAPTURE(row.text);
      const auto result = parse_synonyms(row.text);
      REQUIRE(std::holds_alternative<SynonymsError>(result));
      CHECK(std::get<SynonymsError>(result).line == row.line);
      CHECK(std::get<SynonymsError>(result).message == row.message);
    }
  }

  TEST_CASE("sizes are bounded: entry bytes, entries a line, alternatives, rules") {
    const auto error = [](const std::string& text) {
      const auto result = parse_synonyms(text);
      REQUIRE(std::holds_alternative<SynonymsError>(result));
      return std::get<SynonymsError>(result);
    };
    CHECK(error("a, " + std::string(101, 'x') + "\n").message.starts_with("an entry is longer than 100 bytes"));
    std::string wide = "w0";
    for (int i = 1; i <= 64; ++i) wide += ", w" + std::to_string(i);
    CHECK(error(wide).message == "more than 64 entries on one line");
    std::string many;
    for (int i = 0; i < 64; ++i) many += "a => b" + std::to_string(i) + "\n";
    CHECK(error(many + "a => c\n").line == 65);
    CHECK(error(many + "a => c\n").message == "`a` would search more than 64 alternatives");
    std::string rules;
    for (std::size_t i = 0; i <= max_synonym_rules; ++i) rules += "a" + std::to_string(i) + ", b" + std::to_string(i) + "\n";
    CHECK(error(rules).line == max_synonym_rules + 1);
    CHECK(error(std::string(max_synonyms_file_bytes + 1, 'a')).message == "larger than 4 MiB");
  }

  TEST_CASE("the sample file for news loads") {
    const auto loaded = load_synonyms((article_search::testing::source_dir() / "docs" / "synonyms-news.txt").string());
    REQUIRE(std::holds_alternative<Synonyms>(loaded));
    const Synonyms& s = std::get<Synonyms>(loaded);
    CHECK(searches(s, "kiev") == Words{"kyiv", "kiev"});
    CHECK(searches(s, "nyc") == Words{"nyc", "new york city"});
    CHECK(s.find("who") == nullptr);  // a stopword and a question word: left out on purpose
  }

  TEST_CASE("a file that cannot be read or parsed is named, with the line") {
    CHECK(std::get<std::string>(load_synonyms("/nonexistent/synonyms.txt")).starts_with("/nonexistent/synonyms.txt: "));
  }
}

TEST_SUITE("expand_synonyms") {
  constexpr std::string_view rules =
      "kyiv, kiev\n"
      "nyc, new york city\n"
      "new york, big apple\n"
      "uk => united kingdom\n"
      "us, usa, united states\n";

  TEST_CASE("a word of a group becomes the group, the user's word kept as typed") {
    CHECK(expand(rules, "Kiev protest") == "(Kiev OR kyiv) protest");
    CHECK(expand(rules, "war in kyiv") == "war in (kyiv OR kiev)");
  }

  TEST_CASE("multi-word entries match, longest first, and search as phrases") {
    CHECK(expand(rules, "nyc mayor") == "(nyc OR \"new york city\") mayor");
    CHECK(expand(rules, "new york city mayor") == "(new york city OR nyc) mayor");
    CHECK(expand(rules, "new   york times") == "(new   york OR \"big apple\") times");
    CHECK(expand(rules, "United States trade") == "(United States OR us OR usa) trade");
  }

  TEST_CASE("a one-way rule replaces the word") {
    CHECK(expand(rules, "uk economy") == "\"united kingdom\" economy");
    CHECK(expand(rules, "united kingdom") == "united kingdom");
  }

  TEST_CASE("quotes, fields, wildcards, operators' operands and partial words are left alone") {
    const char* unchanged[] = {
        "\"kiev protest\"", "\"the kiev\" x", "title:kiev", "title:(kiev war)", "kiev*",
        "kiev NEAR war", "war ADJ/3 kiev", "kiev's", "o.kiev", "new-york",
    };
    for (const char* query : unchanged) {
      CAPTURE(query);
      CHECK(expand(rules, query) == query);
    }
    CHECK(expand(rules, "\"kiev\" kiev") == "\"kiev\" (kiev OR kyiv)");
    CHECK(expand(rules, "title:(kiev war) kiev") == "title:(kiev war) (kiev OR kyiv)");
    CHECK(expand(rules, "war kiev", true) == "war kiev");  // kiev is being typed
    CHECK(expand(rules, "kiev war", true) == "(kiev OR kyiv) war");
  }

  TEST_CASE("signs, brackets, operators and punctuation around a word are kept") {
    CHECK(expand(rules, "-kiev war") == "-(kiev OR kyiv) war");
    CHECK(expand(rules, "+nyc") == "+(nyc OR \"new york city\")");
    CHECK(expand(rules, "(kiev OR war)") == "((kiev OR kyiv) OR war)");
    CHECK(expand(rules, "kiev, nyc.") == "(kiev OR kyiv), (nyc OR \"new york city\").");
    CHECK(expand(rules, "war AND kiev") == "war AND (kiev OR kyiv)");
    // A sign, a bracket or punctuation ends a run of words: no match across it.
    CHECK(expand(rules, "-new york city") == "-new york city");
    CHECK(expand(rules, "new, york city") == "new, york city");
  }

  TEST_CASE("what was expanded is reported, with the rules' lines") {
    const ExpandedText expanded = expand_synonyms("nyc and kiev", parsed(rules));
    REQUIRE(expanded.used.size() == 2);
    CHECK(expanded.used[0].words == "nyc");
    CHECK(expanded.used[0].searched == Words{"nyc", "new york city"});
    CHECK(expanded.used[0].lines == std::vector<std::size_t>{2});
    CHECK(expanded.used[1].words == "kiev");
    CHECK_FALSE(expanded.cut);
  }

  TEST_CASE("the words an expansion adds are bounded; the later matches stay as typed") {
    std::string query;
    for (int i = 0; i < 40; ++i) query += "nyc ";
    const ExpandedText expanded = expand_synonyms(query, parsed(rules));
    CHECK(expanded.cut);
    CHECK(expanded.used.size() == max_synonym_added_words / 3);
  }
}

TEST_SUITE("parse_user_query with synonyms") {
  struct Parser {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    Synonyms synonyms = parsed(rules());
    RankingConfig config = with(synonyms);
    Xapian::QueryParser parser = make_parser(db, config);
    static std::string_view rules() { return "kyiv, kiev\nnyc, new york city\n"; }
    static RankingConfig with(const Synonyms& s) {
      RankingConfig c;
      c.synonyms = &s;
      return c;
    }
    ParsedQuery parse(const std::string& text) { return parse_user_query(parser, text, config); }
  };

  TEST_CASE("both copies of or_with_and_boost search the synonyms; searched stays as typed") {
    Parser p;
    const ParsedQuery parsed_query = p.parse("kiev protest");
    CHECK(parsed_query.query.get_description() ==
          "Query(((kiev@1 OR kyiv@2 OR protest@3) AND_MAYBE 1 * ((kiev@1 OR kyiv@2) AND protest@3)))");
    CHECK(parsed_query.searched == "kiev protest");
    REQUIRE(parsed_query.synonyms.size() == 1);
    CHECK(parsed_query.synonyms[0].words == "kiev");
  }

  TEST_CASE("a multi-word alternative is a phrase; the user's words keep their meaning") {
    Parser p;
    CHECK(p.parse("nyc").query.get_description() ==
          "Query((nyc@1 OR (new@2 PHRASE 3 york@3 PHRASE 3 citi@4)))");
    CHECK(p.parse("new york city").query.get_description() ==
          "Query(((new@1 OR york@2 OR citi@3 OR nyc@4) AND_MAYBE 1 * ((new@1 AND york@2 AND citi@3) OR nyc@4)))");
  }

  TEST_CASE("the relaxed fallback expands the words it searches") {
    Parser p;
    const ParsedQuery relaxed = p.parse("AND kiev");
    CHECK(relaxed.relaxed);
    CHECK(relaxed.searched == "kiev");
    CHECK(relaxed.query.get_description() == "Query((kiev@1 OR kyiv@2))");
    CHECK(relaxed.synonyms.size() == 1);
  }

  TEST_CASE("an expansion never makes the parser refuse a query it accepted") {
    Parser p;
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    Xapian::QueryParser plain = make_parser(db, default_ranking);
    const char* queries[] = {
        "kiev", "+kiev -nyc", "kiev NEAR talks", "kiev ADJ/2 nyc", "(kiev OR nyc) AND talks",
        "NOT kiev", "talks NOT kiev", "kiev AND", "title:kiev nyc", "title:(kiev nyc) kiev",
        "\"kiev nyc\" kiev", "\"kiev", "kiev\"", "kiev*", "kiev) nyc (", "((kiev", "kiev XOR nyc",
        "date:2024-01-01.. kiev", "source:kiev", "-new york city", "new york city.", "nyc, kiev?",
    };
    for (const char* q : queries) {
      CAPTURE(q);
      CHECK(p.parse(q).relaxed == parse_user_query(plain, q, default_ranking).relaxed);
    }
  }

  TEST_CASE("a query full of synonyms stays within a bounded number of terms") {
    Parser p;
    std::string q;
    for (std::size_t i = 0; i < max_query_words; ++i) q += i % 2 ? "kiev " : "nyc ";
    const ParsedQuery parsed_query = p.parse(q);
    CHECK(query_shape(parsed_query.query).terms <= max_query_terms + 4 * max_synonym_added_words);
    CHECK(parsed_query.budget_exceeded == std::vector<std::string_view>{budget::synonyms});
  }

  TEST_CASE("without synonyms nothing changes") {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    Xapian::QueryParser parser = make_parser(db, default_ranking);
    const ParsedQuery plain = parse_user_query(parser, "kiev", default_ranking);
    CHECK(plain.query.get_description() == "Query(kiev@1)");
    CHECK(plain.synonyms.empty());
  }
}
