/// @file The collection parsers, on small texts shaped like each format's quirks, and the
/// loaders on the shipped collections.
#include "collection.h"

#include "temp_dir.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <stdexcept>

using namespace article_search::relevance;
using article_search::testing::TempDir;

namespace {
/// ../shared/corpora, or $ARTICLE_SEARCH_CORPORA for checkouts without shared/ beside them.
std::filesystem::path corpora_dir() {
  const char* override_dir = std::getenv("ARTICLE_SEARCH_CORPORA");
  if (override_dir != nullptr && *override_dir != 0) return override_dir;
  return article_search::testing::shared_dir() / "corpora";
}
}  // namespace

TEST_SUITE("collections") {

TEST_CASE("BEIR queries ignore metadata, which leaks the answers") {
  const auto queries = parse_beir_queries(
      R"({"_id": "1", "text": "0-dimensional biomaterials", "metadata": {"13": [{"label": "SUPPORT"}]}})"
      "\n\n"
      R"({"_id": 3, "text": "second"})"
      "\n");
  REQUIRE(queries.size() == 2);
  CHECK(queries[0].id == "1");
  CHECK(queries[0].text == "0-dimensional biomaterials");
  CHECK(queries[1].id == "3");
}

TEST_CASE("BEIR corpus records keep title and text apart; a bad line is an error naming it") {
  const auto docs = parse_beir_corpus(R"({"_id":"4983","title":"Micro","text":"Alterations"})");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].title == "Micro");
  CHECK(docs[0].text == "Alterations");
  CHECK_THROWS_WITH_AS(parse_beir_corpus("{}\nnot json"), "corpus line 1: not a JSON object with an _id",
                       std::runtime_error);
}

TEST_CASE("BEIR qrels skip the header line") {
  const Qrels qrels = parse_beir_qrels("query-id\tcorpus-id\tscore\n1\t31715818\t1\n1\t9\t1\n3\t14717500\t1\n");
  CHECK(qrels.size() == 2);
  CHECK(qrels.at("1").size() == 2);
  CHECK(qrels.at("3").at("14717500") == 1);
  CHECK_THROWS_WITH_AS(parse_beir_qrels("query-id\tcorpus-id\tscore\n1\t9\n"),
                       "qrels line 2: expected 3 fields", std::runtime_error);
}

TEST_CASE("SMART records gather each field's lines, trimmed and joined") {
  const auto records = parse_smart_records(
      ".I 1\n.T\nexperimental investigation of the\naerodynamics .\n.A\nbrenckman,m.\n"
      ".W\nexperimental investigation\n  an experimental study .\n.I 2\n.W\nsecond\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].number == "1");
  CHECK(records[0].fields.at('T') == "experimental investigation of the aerodynamics .");
  CHECK(records[0].fields.at('A') == "brenckman,m.");
  CHECK(records[0].fields.at('W') == "experimental investigation an experimental study .");
  CHECK(records[1].fields.at('W') == "second");
  CHECK_THROWS_AS(parse_smart_records("stray text\n.I 1\n"), std::runtime_error);
}

TEST_CASE("cranqrel gains are 5 - code, and -1 (no interest) is judged non-relevant") {
  const Qrels qrels = parse_cranfield_qrels("1 184 2 \n1 29 1\n1 12 4\n1 40 -1\n2 7 3\n");
  CHECK(qrels.at("1").at("29") == 4);
  CHECK(qrels.at("1").at("184") == 3);
  CHECK(qrels.at("1").at("12") == 1);
  CHECK(qrels.at("1").at("40") == 0);
  CHECK(qrels.at("2").at("7") == 2);
  CHECK_THROWS_WITH_AS(parse_cranfield_qrels("1 2 7\n"),
                       "cranqrel line 1: relevance code must be -1 or 1..4", std::runtime_error);
}

TEST_CASE("Cranfield queries are numbered by position, not by their .I numbers") {
  TempDir dir;
  dir.write("cran.all.1400", ".I 1\n.T\nwing\n.W\nwing slipstream\n.I 2\n.T\nplate\n.W\nflat plate\n");
  dir.write("cran.qry", ".I 001\n.W\nslipstream ?\n.I 004\n.W\nflat plates\n");
  dir.write("cranqrel", "1 1 2\n2 2 1\n");
  const Collection cranfield = load_cranfield(dir.path());
  REQUIRE(cranfield.queries.size() == 2);
  CHECK(cranfield.queries[1].id == "2");
  CHECK(cranfield.queries[1].text == "flat plates");
  CHECK(cranfield.docs[0].title == "wing");
  CHECK(cranfield.qrels.at("2").at("2") == 4);
}

TEST_CASE("TIME headers are read leniently and numbers kept as written") {
  const auto docs = parse_time_articles(
      "*TEXT 017 01/04/63 PAGE 020\n\nTHE ALLIES\n\nAFTER NASSAU\n"
      "*TEXT 431 08/30 63 PAGE 026\nSECOND\n*TEXT 561         12/27/63          PAGE 024\nTHIRD\n\n*STOP\n");
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].id == "017");
  CHECK(docs[0].title.empty());
  CHECK(docs[0].text == "THE ALLIES AFTER NASSAU");
  CHECK(docs[1].id == "431");
  CHECK(docs[2].text == "THIRD");
}

TEST_CASE("TIME queries follow *FIND n; TREC qrels give qid, doc, relevance") {
  const auto queries = parse_time_queries("*FIND      1\n\n KENNEDY ADMINISTRATION\n\nPRESSURE .\n*STOP\n");
  REQUIRE(queries.size() == 1);
  CHECK(queries[0].id == "1");
  CHECK(queries[0].text == "KENNEDY ADMINISTRATION PRESSURE .");
  const Qrels qrels = parse_trec_qrels("1 0 334 1\n1 0 017 1\n");
  CHECK(qrels.at("1").at("017") == 1);
  CHECK_THROWS_WITH_AS(parse_trec_qrels("1 0 334 1\n\n1 334 1\n"),
                       "qrels line 3: expected `qid iter doc rel`", std::runtime_error);
}

TEST_CASE("a collection keeps only judged queries, and refuses judgments of unknown queries") {
  const Collection kept = make_collection("c", {}, {{"1", "a"}, {"2", "b"}}, {{"2", {{"d", 1}}}});
  REQUIRE(kept.queries.size() == 1);
  CHECK(kept.queries[0].id == "2");
  CHECK_THROWS_AS(make_collection("c", {}, {{"1", "a"}}, {{"9", {{"d", 1}}}}), std::runtime_error);
}

TEST_CASE("the shipped collections load with their documented sizes") {
  const auto corpora = corpora_dir();
  const Collection scifact = load_scifact(corpora / "scifact", "test");
  CHECK(scifact.docs.size() == 5183);
  CHECK(scifact.queries.size() == 300);
  CHECK(load_scifact(corpora / "scifact", "train").queries.size() == 809);
  const Collection cranfield = load_cranfield(corpora / "cranfield");
  CHECK(cranfield.docs.size() == 1400);
  CHECK(cranfield.queries.size() == 225);
  const Collection time = load_time(corpora / "time");
  CHECK(time.docs.size() == 423);
  CHECK(time.queries.size() == 83);
  CHECK_THROWS_AS(load_scifact(corpora / "scifact", "dev"), std::runtime_error);
}

}
