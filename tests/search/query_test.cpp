/// @file Query parsing: fields, stemming, operators, and the Omega-style fallback.
#include "query.h"

#include "schema.h"

#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace {
using namespace article_search::search;

/// A parser bound to an empty in-memory database (enough for everything but wildcards).
struct Parser {
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
  Xapian::QueryParser parser = make_parser(db, default_ranking);
  ParsedQuery parse(const std::string& text, const RankingConfig& config = default_ranking,
                    Typing typing = Typing::complete) {
    return parse_user_query(parser, text, config, typing);
  }
};

}  // namespace

TEST_SUITE("parse_user_query") {
  TEST_CASE("field prefixes come from the schema") {
    Parser p;
    CHECK(p.parse("title:kaspersky").query.get_description() == "Query(Skasperski@1)");
    CHECK(p.parse("body:kaspersky").query.get_description() == "Query(XBkasperski@1)");
    CHECK(p.parse("kaspersky source:corpus").query.get_description().find("FILTER XSOURCEcorpus") !=
          std::string::npos);
    CHECK(p.parse("kaspersky year:2024").query.get_description().find("FILTER Y2024") != std::string::npos);
  }

  TEST_CASE("words are stemmed as the indexer stems them") {
    Parser p;
    CHECK(p.parse("banned").query.get_description() == "Query(ban@1)");
  }

  TEST_CASE("date ranges compare the YYYYMMDD value slot") {
    Parser p;
    CHECK(p.parse("date:2024-07-01..2024-07-31").query.get_description() ==
          "Query(VALUE_RANGE 0 20240701 20240731)");
  }

  TEST_CASE("plain words: OR, with extra weight for documents holding all of them") {
    Parser p;
    CHECK(p.parse("kaspersky ban").query.get_description() ==
          "Query(((kasperski@1 OR ban@2) AND_MAYBE 1 * (kasperski@1 AND ban@2)))");
    RankingConfig plain;
    plain.default_operator = DefaultOperator::plain_or;
    CHECK(p.parse("kaspersky ban", plain).query.get_description() == "Query((kasperski@1 OR ban@2))");
    RankingConfig all;
    all.default_operator = DefaultOperator::all_words;
    CHECK(p.parse("kaspersky ban", all).query.get_description() == "Query((kasperski@1 AND ban@2))");
  }

  TEST_CASE("stopwords are dropped from plain queries") {
    Parser p;
    CHECK(p.parse("what is the ban").query.get_description() == "Query(ban@4)");
  }

  TEST_CASE("operators and phrases are understood") {
    Parser p;
    CHECK(p.parse("kaspersky NOT ban").query.get_description() == "Query((kasperski@1 AND_NOT ban@2))");
    CHECK(p.parse("\"national security\"").query.get_description() ==
          "Query((nation@1 PHRASE 2 secur@2))");
    CHECK_FALSE(p.parse("\"national security\"").relaxed);
  }

  TEST_CASE("partial typing: the last word also matches the indexed words it begins") {
    Parser p;
    for (const char* word : {"kasperski", "kasparov", "ban"}) {
      Xapian::Document document;
      document.add_term(word);
      p.db.add_document(document);
    }
    const auto matches = [&p](const ParsedQuery& parsed) {
      Xapian::Enquire enquire(p.db);
      enquire.set_query(parsed.query);
      return enquire.get_mset(0, 10).size();
    };
    const auto typing = p.parse("ban kasp", default_ranking, Typing::partial);
    CHECK(matches(typing) == 3);
    CHECK(typing.wildcard_prefixes == std::vector<std::string>{"kasp"});
    CHECK(matches(p.parse("ban kasp")) == 1);
    const auto finished = p.parse("ban kasp ", default_ranking, Typing::partial);
    CHECK(matches(finished) == 1);
    CHECK(finished.wildcard_prefixes.empty());
  }

  TEST_CASE("a blank query matches everything") {
    Parser p;
    const auto parsed = p.parse("   ");
    CHECK(parsed.match_all);
    CHECK(parsed.query.get_description() == "Query(<alldocuments>)");
  }

  TEST_CASE("a blank query never shares the global MatchAll, whose count is not thread-safe") {
    // Xapian's reference counts are plain integers: worker threads copying the one global
    // Xapian::Query::MatchAll race on it and can free it under each other.
    Parser p;
    CHECK(p.parse("").query.internal.get() != Xapian::Query::MatchAll.internal.get());

    constexpr int threads = 4, parses_per_thread = 20000;
    std::vector<std::thread> workers;
    std::atomic<int> match_all{0};
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&match_all] {
        Parser own;  // as in the server: one parser per thread
        for (int i = 0; i < parses_per_thread; ++i) match_all += own.parse("").match_all ? 1 : 0;
      });
    }
    for (auto& worker : workers) worker.join();
    CHECK(match_all == threads * parses_per_thread);
    CHECK(Xapian::Query::MatchAll.get_description() == "Query(<alldocuments>)");
  }

  TEST_CASE("queries the parser rejects are retried without operators") {
    Parser p;
    struct Row {
      const char* q;
      const char* searched;
    };
    const Row rows[] = {
        {"AND storm", "storm"},
        {"NOT storm", "storm"},
        {"storm OR", "storm"},
        {"1..5", "1 5"},
        {"AND", "and"},
    };
    for (const Row& row : rows) {
      const auto parsed = p.parse(row.q);
      INFO(row.q);
      CHECK(parsed.relaxed);
      CHECK(parsed.searched == row.searched);
    }
  }
}

TEST_SUITE("query helpers") {
  TEST_CASE("strip_operators keeps the words") {
    CHECK(strip_operators("AND storm") == "storm");
    CHECK(strip_operators("title:(storm") == "title storm");
    CHECK(strip_operators("\"a\" -b +c*") == "a b c");
    CHECK(strip_operators("OR NOT") == "or not");
  }

  TEST_CASE("wildcard_prefixes finds each word*") {
    CHECK(wildcard_prefixes("Kasp* ban") == std::vector<std::string>{"kasp"});
    CHECK(wildcard_prefixes("a* title:b* *") == std::vector<std::string>{"a", "b"});
    CHECK(wildcard_prefixes("none").empty());
  }
}

TEST_SUITE("proximity boost") {
  TEST_CASE("off by default: plain words get no pair subqueries") {
    Parser p;
    CHECK(p.parse("vitamin d deficiency").query.get_description().find("PHRASE") == std::string::npos);
    CHECK(p.parse("vitamin d deficiency").query.get_description().find("NEAR") == std::string::npos);
  }

  TEST_CASE("neighbouring words, after stopwords, are boosted as phrases and near pairs") {
    Parser p;
    RankingConfig config;
    config.default_operator = DefaultOperator::plain_or;
    config.phrase_pair_weight = 0.25;
    config.near_pair_weight = 0.5;
    config.near_pair_window = 6;
    CHECK(p.parse("effects of vitamin deficiency", config).query.get_description() ==
          "Query((((effect@1 OR vitamin@3 OR defici@4) AND_MAYBE 0.25 * ((effect PHRASE 2 vitamin) OR "
          "(vitamin PHRASE 2 defici))) AND_MAYBE 0.5 * ((effect NEAR 6 vitamin) OR (vitamin NEAR 6 defici))))");
  }

  TEST_CASE("field terms, repeated neighbours and single words get no pairs") {
    Parser p;
    RankingConfig config;
    config.default_operator = DefaultOperator::plain_or;
    config.phrase_pair_weight = 0.25;
    CHECK(p.parse("vitamin", config).query.get_description() == "Query(vitamin@1)");
    CHECK(p.parse("title:vitamin deficiency", config).query.get_description() ==
          "Query((Svitamin@1 OR defici@2))");
    CHECK(p.parse("vitamin vitamin deficiency", config).query.get_description() ==
          "Query(((vitamin@1 OR vitamin@2 OR defici@3) AND_MAYBE 0.25 * (vitamin PHRASE 2 defici)))");
  }
}
