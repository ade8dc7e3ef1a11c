/// @file The FTS5 peer: query quoting and bm25() ranking over a few documents.
#include "fts5_engine.h"

#include <doctest/doctest.h>

using namespace article_search::relevance;

TEST_SUITE("fts5 peer") {

TEST_CASE("query words are quoted and OR-ed, so FTS5 syntax in the text is inert") {
  CHECK(fts5_query("Kaspersky Bans") == R"("Kaspersky" OR "Bans")");
  CHECK(fts5_query("NOT (a* AND \"b\") col:x") ==
        R"("NOT" OR "a" OR "AND" OR "b" OR "col" OR "x")");
  CHECK(fts5_query("U.S. 1,000 it's") == R"("U" OR "S" OR "1" OR "000" OR "it" OR "s")");
  CHECK(fts5_query("caf\xc3\xa9!") == "\"caf\xc3\xa9\"");
  CHECK(fts5_query(" ?! ").empty());
}

TEST_CASE("bm25() ranks the document about the query first, with stemming") {
  Fts5Engine engine;
  engine.index({{"1", "Weather", "Storms battered the coast."},
                {"2", "Markets", "Shares rose on Monday."},
                {"3", "Storm warning", "A storm is coming: storm season."}});
  const Ranking ranking = engine.search("storm", 10);
  REQUIRE(ranking.size() == 2);
  CHECK(ranking[0].doc == "3");
  CHECK(ranking[1].doc == "1");
  CHECK(ranking[0].score > ranking[1].score);
  CHECK(engine.search("AND OR", 10).empty());
}

}
