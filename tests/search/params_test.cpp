/// @file parse_search_params: every bad parameter gets its own whole error body.
#include "render.h"
#include "search.h"

#include <doctest/doctest.h>

namespace {
using namespace article_search::search;

nlohmann::json error_of(const Params& params) {
  const auto parsed = parse_search_params(params);
  REQUIRE(std::holds_alternative<ApiError>(parsed));
  return to_json(std::get<ApiError>(parsed));
}

SearchRequest request_of(const Params& params) {
  const auto parsed = parse_search_params(params);
  REQUIRE(std::holds_alternative<SearchRequest>(parsed));
  return std::get<SearchRequest>(parsed);
}

nlohmann::json invalid(const std::string& parameter, const std::string& message) {
  return {{"error", {{"code", "invalid_parameter"}, {"message", message}, {"parameter", parameter}}}};
}

}  // namespace

TEST_SUITE("parse_search_params") {
  TEST_CASE("defaults: page 1 of 10, relevance, highlighting on") {
    const auto request = request_of({});
    CHECK(request.q.empty());
    CHECK(request.offset == 0);
    CHECK(request.limit == 10);
    CHECK(request.sort == Sort::relevance);
    CHECK(request.highlight);
    CHECK(request.typing == Typing::complete);
  }

  TEST_CASE("good values are all taken") {
    const auto request = request_of({{"q", "kaspersky"}, {"page", "3"}, {"per_page", "20"},
                                     {"sort", "oldest"}, {"source", "a"}, {"source", "b"},
                                     {"year", "2024"}, {"from", "2024-01-31"}, {"to", "2024-12-01"},
                                     {"highlight", "false"}, {"partial", "true"}});
    CHECK(request.q == "kaspersky");
    CHECK(request.offset == 40);
    CHECK(request.limit == 20);
    CHECK(request.sort == Sort::oldest);
    CHECK(filter_values(request, "source") == std::vector<std::string>{"a", "b"});
    CHECK(filter_values(request, "year") == std::vector<std::string>{"2024"});
    CHECK(request.from == "20240131");
    CHECK(request.to == "20241201");
    CHECK_FALSE(request.highlight);
    CHECK(request.typing == Typing::partial);
    const auto by_offset = request_of({{"offset", "9900"}, {"limit", "100"}});
    CHECK(by_offset.offset == 9900);
    CHECK(by_offset.limit == 100);
  }

  TEST_CASE("page 0 is rejected") {
    CHECK(error_of({{"page", "0"}}) == invalid("page", "Parameter `page` must be an integer from 1 to 10000, got `0`."));
  }
  TEST_CASE("a page that is not a number is rejected") {
    CHECK(error_of({{"page", "2x"}}) == invalid("page", "Parameter `page` must be an integer from 1 to 10000, got `2x`."));
  }
  TEST_CASE("a signed page is rejected") {
    CHECK(error_of({{"page", "+2"}}) == invalid("page", "Parameter `page` must be an integer from 1 to 10000, got `+2`."));
  }
  TEST_CASE("per_page above 100 is rejected") {
    CHECK(error_of({{"per_page", "101"}}) == invalid("per_page", "Parameter `per_page` must be an integer from 1 to 100, got `101`."));
  }
  TEST_CASE("per_page that is not a number is rejected") {
    CHECK(error_of({{"per_page", "abc"}}) == invalid("per_page", "Parameter `per_page` must be an integer from 1 to 100, got `abc`."));
  }
  TEST_CASE("an empty per_page is rejected") {
    CHECK(error_of({{"per_page", ""}}) == invalid("per_page", "Parameter `per_page` must be an integer from 1 to 100, got ``."));
  }
  TEST_CASE("a negative offset is rejected") {
    CHECK(error_of({{"offset", "-1"}}) == invalid("offset", "Parameter `offset` must be an integer from 0 to 10000, got `-1`."));
  }
  TEST_CASE("limit 0 is rejected") {
    CHECK(error_of({{"limit", "0"}}) == invalid("limit", "Parameter `limit` must be an integer from 1 to 100, got `0`."));
  }
  TEST_CASE("an offset past the result window is rejected") {
    CHECK(error_of({{"offset", "9991"}, {"limit", "10"}}) ==
          invalid("offset", "The requested page lies beyond the result window: offset + limit must be at most 10000, got 10001."));
  }
  TEST_CASE("a page past the result window is rejected") {
    CHECK(error_of({{"page", "1001"}}) ==
          invalid("page", "The requested page lies beyond the result window: offset + limit must be at most 10000, got 10010."));
  }
  TEST_CASE("a huge integer is rejected, not wrapped") {
    CHECK(error_of({{"page", "99999999999999999999999"}}) ==
          invalid("page", "Parameter `page` must be an integer from 1 to 10000, got `99999999999999999999999`."));
  }
  TEST_CASE("offset and page together are rejected") {
    CHECK(error_of({{"offset", "1"}, {"page", "1"}}) ==
          invalid("offset", "Parameters `offset`/`limit` cannot be combined with `page`/`per_page`."));
  }
  TEST_CASE("an unknown sort is rejected") {
    CHECK(error_of({{"sort", "best"}}) ==
          invalid("sort", "Parameter `sort` must be one of `relevance`, `newest`, `oldest`, got `best`."));
  }
  TEST_CASE("a malformed from date is rejected") {
    CHECK(error_of({{"from", "2024-7-1"}}) == invalid("from", "Parameter `from` must be a date written YYYY-MM-DD, got `2024-7-1`."));
  }
  TEST_CASE("an impossible to date is rejected") {
    CHECK(error_of({{"to", "2024-02-30"}}) == invalid("to", "Parameter `to` must be a date written YYYY-MM-DD, got `2024-02-30`."));
  }
  TEST_CASE("a date with a time is rejected") {
    CHECK(error_of({{"from", "2024-07-01T10:00:00"}}) ==
          invalid("from", "Parameter `from` must be a date written YYYY-MM-DD, got `2024-07-01T10:00:00`."));
  }
  TEST_CASE("to before from is rejected") {
    CHECK(error_of({{"from", "2024-07-02"}, {"to", "2024-07-01"}}) == invalid("to", "Parameter `to` must not be before `from`."));
  }
  TEST_CASE("a year that is not four digits is rejected") {
    CHECK(error_of({{"year", "24"}}) == invalid("year", "Parameter `year` must be a four-digit year, got `24`."));
  }
  TEST_CASE("an empty source is rejected") {
    CHECK(error_of({{"source", ""}}) == invalid("source", "Parameter `source` must be a source name of 1 to 200 bytes, got ``."));
  }
  TEST_CASE("highlight and partial must be true or false") {
    CHECK(error_of({{"highlight", "yes"}}) == invalid("highlight", "Parameter `highlight` must be `true` or `false`, got `yes`."));
    CHECK(error_of({{"typos", "no"}}) == invalid("typos", "Parameter `typos` must be `true` or `false`, got `no`."));
    CHECK(error_of({{"partial", "1"}}) == invalid("partial", "Parameter `partial` must be `true` or `false`, got `1`."));
    CHECK(request_of({{"partial", "false"}}).typing == Typing::complete);
  }
  TEST_CASE("a query over 8 KiB is rejected, anything up to it accepted") {
    CHECK(error_of({{"q", std::string(8193, 'x')}}) == invalid("q", "Parameter `q` must be at most 8192 bytes, got 8193."));
    CHECK(request_of({{"q", std::string(8192, 'x')}}).q.size() == 8192);
  }
  TEST_CASE("a long bad value is echoed cut short") {
    const auto body = error_of({{"sort", std::string(100, 'z')}});
    CHECK(body["error"]["message"] == "Parameter `sort` must be one of `relevance`, `newest`, `oldest`, got `" +
                                          std::string(64, 'z') + "\xE2\x80\xA6`.");
  }

  TEST_CASE("group: none by default, none or story when given") {
    CHECK(request_of({}).group == Group::none);
    CHECK(request_of({{"group", "none"}}).group == Group::none);
    CHECK(request_of({{"group", "story"}}).group == Group::story);
    // group goes with the other parameters.
    const auto request = request_of({{"q", "bridge"}, {"group", "story"}, {"sort", "newest"}, {"page", "2"}});
    CHECK(request.group == Group::story);
    CHECK(request.sort == Sort::newest);
    CHECK(request.offset == 10);
  }

  TEST_CASE("any other group is rejected, naming the parameter") {
    CHECK(error_of({{"group", "sideways"}}) ==
          invalid("group", "Parameter `group` must be one of `none`, `story`, got `sideways`."));
    CHECK(error_of({{"group", ""}}) ==
          invalid("group", "Parameter `group` must be one of `none`, `story`, got ``."));
    CHECK(error_of({{"group", "Story"}}) ==
          invalid("group", "Parameter `group` must be one of `none`, `story`, got `Story`."));
    CHECK(error_of({{"group", "stories"}}) ==
          invalid("group", "Parameter `group` must be one of `none`, `story`, got `stories`."));
  }
}
