/// @file The article record's rules: ids, and dates as the index keeps them.
#include "article.h"
#include "dates.h"

#include <doctest/doctest.h>

using namespace article_search;

TEST_SUITE("format") {
  TEST_CASE("ids are relative paths without extension, safe in a URL") {
    CHECK(id_from_relative_path("000_a79eae3ea510d341.txt") == "000_a79eae3ea510d341");
    CHECK(id_from_relative_path("business/001.txt") == "business/001");
    CHECK(id_from_relative_path("sport/001.txt") == "sport/001");
    CHECK(id_from_relative_path("a b/c?d#e.md") == "a_b/c_d_e");
    CHECK(id_from_relative_path("dir.v2/.hidden") == "dir.v2/.hidden");
    CHECK(safe_id("caf\u00e9") == "caf__");
  }

  TEST_CASE("parse_iso_date accepts ISO dates with optional times and rejects the rest") {
    CHECK(dates::parse_iso_date("2024-07-16") == "2024-07-16");
    CHECK(dates::parse_iso_date("2024-07-16T21:08:57Z") == "2024-07-16T21:08:57");
    CHECK(dates::parse_iso_date("2024-07-16 21:08") == "2024-07-16T21:08:00");
    CHECK(dates::parse_iso_date("2000-02-29") == "2000-02-29");
    CHECK_FALSE(dates::parse_iso_date("1900-02-29"));
    CHECK_FALSE(dates::parse_iso_date("2024-7-16"));
    CHECK_FALSE(dates::parse_iso_date("20240716"));
    CHECK_FALSE(dates::parse_iso_date("2024-07-160"));
    CHECK_FALSE(dates::parse_iso_date(""));
  }

  TEST_CASE("a day filter is exactly YYYY-MM-DD, kept as the slot's YYYYMMDD") {
    CHECK(dates::parse_day("2024-07-16") == "20240716");
    CHECK_FALSE(dates::parse_day("2024-07-16T10:00:00"));
    CHECK_FALSE(dates::parse_day("2024-02-30"));
    CHECK_FALSE(dates::parse_day("20240716"));
  }

  TEST_CASE("a stored date gives the year, month and day keys of its terms and slots") {
    const auto keys = dates::date_keys("2024-07-16T21:08:57");
    REQUIRE(keys);
    CHECK(keys->year == "2024");
    CHECK(keys->month == "202407");
    CHECK(keys->day == "20240716");
    CHECK_FALSE(dates::date_keys(""));
  }
}
