/// @file The background word weights: log(N / df) from group/background_df.txt, with the
/// largest weight for a word the table does not list.
#include "background.h"

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace article_search::group;

namespace {

struct Table {
  double articles = 0;
  std::vector<std::pair<std::string, double>> df;
};

/// The source table, read independently of the embedded copy.
Table source_table() {
  std::ifstream in(std::string(ARTICLE_SEARCH_SOURCE_DIR) + "/group/background_df.txt");
  Table table;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string word;
    double count = 0;
    if (!(fields >> word >> count)) continue;
    if (word == "articles") {
      table.articles = count;
    } else {
      table.df.emplace_back(word, count);
    }
  }
  return table;
}

}  // namespace

TEST_SUITE("group") {
  TEST_CASE("a common word weighs less than a rare name") {
    CHECK(background_idf("compani") < background_idf("kasperski"));
    CHECK(background_idf("say") < background_idf("kasperski"));
    CHECK(background_idf("compani") < background_idf("europol"));
    CHECK(background_idf("compani") > 0);
    CHECK(background_idf("say") > 0);
  }

  TEST_CASE("weights are log(N / df) of the table, and an unlisted word gets the most") {
    const Table table = source_table();
    REQUIRE(table.articles > 1000);
    REQUIRE(table.df.size() > 1000);
    const double unlisted = background_idf("zzqxvkasperskiwormbankpatch");
    CHECK(unlisted == doctest::Approx(std::log(table.articles / 1.5)));
    CHECK(background_idf("kasperski") == doctest::Approx(unlisted));
    CHECK(background_idf("") == doctest::Approx(unlisted));
    std::size_t checked = 0;
    for (const auto& [word, df] : table.df) {
      CAPTURE(word);
      const double idf = background_idf(word);
      REQUIRE(idf == doctest::Approx(std::log(table.articles / df)));
      REQUIRE(idf < unlisted);
      ++checked;
    }
    CHECK(checked == table.df.size());
  }
}
