/// @file Widening the terms of a parsed query: which leaves are offered, what is rebuilt.
#include "query_rewrite.h"

#include "query.h"

#include <doctest/doctest.h>

#include <vector>

namespace {
using namespace article_search::search;

Xapian::Query parse(const std::string& text) {
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
  Xapian::QueryParser parser = make_parser(db, default_ranking);
  return parser.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT);
}

/// Widens `word` (any field) into OP_SYNONYM(word, `other`), recording every term offered.
struct Recorder {
  std::string word, other;
  std::vector<std::string> offered;
  TermWidener widener() {
    return [this](const std::string& term, const Xapian::Query& leaf) -> std::optional<Xapian::Query> {
      offered.push_back(term);
      const auto parts = text_term(term);
      if (!parts || parts->word != word) return std::nullopt;
      const Xapian::Query both[] = {leaf, Xapian::Query(std::string(parts->prefix) + other)};
      return Xapian::Query(Xapian::Query::OP_SYNONYM, std::begin(both), std::end(both));
    };
  }
};

}  // namespace

TEST_SUITE("widen_terms") {
  TEST_CASE("a plain word's leaf is replaced, inside OR, AND and NOT") {
    Recorder r{"kiev", "kyiv", {}};
    CHECK(widen_terms(parse("kiev"), r.widener()).get_description() ==
          "Query((kiev@1 SYNONYM kyiv))");
    const std::string both = widen_terms(parse("kiev AND war"), r.widener()).get_description();
    CHECK(both == "Query(((kiev@1 SYNONYM kyiv) AND war@2))");
    const std::string not_kiev = widen_terms(parse("war NOT kiev"), r.widener()).get_description();
    CHECK(not_kiev == "Query((war@1 AND_NOT (kiev@2 SYNONYM kyiv)))");
  }

  TEST_CASE("field terms come with their prefix") {
    Recorder r{"kiev", "kyiv", {}};
    CHECK(widen_terms(parse("title:kiev"), r.widener()).get_description() ==
          "Query((Skiev@1 SYNONYM Skyiv))");
  }

  TEST_CASE("phrases and proximity are kept as parsed, and not offered") {
    Recorder r{"kiev", "kyiv", {}};
    const Xapian::Query phrase = parse("\"kiev war\"");
    CHECK(widen_terms(phrase, r.widener()).get_description() == phrase.get_description());
    CHECK(r.offered.empty());
    const Xapian::Query near = parse("kiev NEAR war");
    CHECK(widen_terms(near, r.widener()).get_description() == near.get_description());
  }

  TEST_CASE("an untouched query is the same query") {
    Recorder r{"nothing", "else", {}};
    const Xapian::Query query = parse("kiev war source:corpus");
    CHECK(widen_terms(query, r.widener()).get_description() == query.get_description());
    // Every leaf is offered, the filter's too: a widener tells them apart with text_term.
    CHECK(r.offered == std::vector<std::string>{"kiev", "war", "XSOURCEcorpus"});
    CHECK(widen_terms(query, {}).get_description() == query.get_description());
  }

  TEST_CASE("text_term tells free text from filters") {
    CHECK(text_term("kiev")->prefix.empty());
    CHECK(text_term("XBkiev")->prefix == "XB");
    CHECK(text_term("Skiev")->word == "kiev");
    CHECK_FALSE(text_term("XSOURCEcorpus"));
    CHECK_FALSE(text_term("Qarticle-1"));
  }
}

TEST_CASE("parse_user_query widens every copy of the words, but not the proximity pairs") {
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
  Xapian::QueryParser parser = make_parser(db, default_ranking);
  Recorder r{"kiev", "kyiv", {}};
  const ParsedQuery parsed = parse_user_query(parser, "kiev war", default_ranking, Typing::complete,
                                              {nullptr, r.widener()});
  const std::string description = parsed.query.get_description();
  // The OR and the all-words copy.
  std::size_t widened = 0;
  for (std::size_t at = description.find("SYNONYM kyiv"); at != std::string::npos;
       at = description.find("SYNONYM kyiv", at + 1)) {
    ++widened;
  }
  CHECK(widened == 2);
}
