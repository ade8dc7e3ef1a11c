/// @file Fuzz target: a synonyms file (--synonyms FILE, search/synonyms.h), then queries
/// expanded and parsed with its rules.
///
/// Input: the rules' text, then a line `%%`, then queries one a line. Without `%%` the
/// whole input is the file and a few fixed queries are expanded with it.
#include "query.h"
#include "synonyms.h"

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace article_search::search;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find("\n%%\n");
  const std::string_view rules_text = input.substr(0, split);
  const std::string_view queries =
      split == std::string_view::npos ? std::string_view("kiev\nnew york city protest\n\"nyc\" OR -uk")
                                      : input.substr(split + 4);
  auto parsed = parse_synonyms(rules_text);
  if (!std::holds_alternative<Synonyms>(parsed)) return 0;
  const Synonyms& synonyms = std::get<Synonyms>(parsed);
  RankingConfig config;
  config.synonyms = &synonyms;
  static Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::QueryParser parser = make_parser(db, config);
  std::size_t start = 0;
  for (int lines = 0; start <= queries.size() && lines < 16; ++lines) {
    const std::size_t end = std::min(queries.find('\n', start), queries.size());
    const std::string_view q = queries.substr(start, end - start);
    (void)expand_synonyms(q, synonyms, lines % 2 == 1);
    try {
      (void)parse_user_query(parser, q.substr(0, max_query_bytes), config,
                             lines % 2 == 1 ? Typing::partial : Typing::complete);
    } catch (const Xapian::QueryParserError&) {
      // A query the relaxed form cannot parse either: the server answers 400.
    }
    start = end + 1;
  }
  return 0;
}
