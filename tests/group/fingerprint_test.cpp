/// @file An article's grouping features: the fingerprint, its encoding in the grouping
/// slot, the LSH band keys, day numbers and the words keywords are chosen from.
#include "fingerprint.h"

#include "articles.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

using namespace article_search;
using namespace article_search::group;

namespace {

std::map<std::string, unsigned> counts_of(const Article& article) {
  std::map<std::string, unsigned> counts;
  for (const auto& [term, count] : keyword_counts(article)) counts[term] = count;
  return counts;
}

/// "YYYY-MM-DD" of a day key "YYYYMMDD".
std::string iso_of(const std::string& key) {
  return key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2);
}

}  // namespace

TEST_SUITE("group") {
  TEST_CASE("the test articles are long enough to compare") {
    CHECK(group_test::word_count(group_test::worm_report().body) >= 150);
    CHECK(group_test::word_count(group_test::cup_report().body) >= 150);
  }

  TEST_CASE("a fingerprint has a signature, sorted weighted keywords and the day") {
    const Article article = group_test::worm_report();
    const Fingerprint features = fingerprint(article);
    // Distinct four-word shingles of a ~220-word body with few repeats ("Moscow-based"
    // and "40,000" are two words each).
    CHECK(features.shingles > 200);
    CHECK(features.shingles < group_test::word_count(article.body) + 10);
    CHECK(features.day == day_number("2005-05-10"));
    CHECK(features.keywords.size() == keyword_count);
    CHECK(std::is_sorted(features.keywords.begin(), features.keywords.end(),
                         [](const Keyword& a, const Keyword& b) { return a.term < b.term; }));
    for (const Keyword& keyword : features.keywords) CHECK(keyword.weight > 0);
    const auto has = [&](const std::string& term) {
      return std::any_of(features.keywords.begin(), features.keywords.end(),
                         [&](const Keyword& k) { return k.term == term; });
    };
    CHECK(has("kasperski"));
    CHECK(has("worm"));
    CHECK_FALSE(has("said"));
    // Every MinHash function saw some shingle.
    for (const std::uint32_t h : features.minhash) CHECK(h != 0xffffffffu);
    // Pure: the same article gives the same features.
    CHECK(fingerprint(article) == features);
  }

  TEST_CASE("an undated article has the day `undated`") {
    Article article = group_test::worm_report();
    article.date.clear();
    CHECK(fingerprint(article).day == undated);
  }

  TEST_CASE("encode and decode round-trip a fingerprint") {
    const Fingerprint features = fingerprint(group_test::worm_report());
    const auto decoded = decode(encode(features));
    REQUIRE(decoded);
    CHECK(*decoded == features);

    Article undated = group_test::cup_report();
    undated.date.clear();
    const Fingerprint undated_features = fingerprint(undated);
    const auto decoded_undated = decode(encode(undated_features));
    REQUIRE(decoded_undated);
    CHECK(*decoded_undated == undated_features);
    CHECK(decoded_undated->day == article_search::group::undated);

    const Fingerprint empty;
    const auto decoded_empty = decode(encode(empty));
    REQUIRE(decoded_empty);
    CHECK(*decoded_empty == empty);
  }

  TEST_CASE("decode rejects every truncation of an encoding") {
    const std::string bytes = encode(fingerprint(group_test::worm_report()));
    REQUIRE(decode(bytes));
    for (std::size_t size = 0; size < bytes.size(); ++size) {
      CAPTURE(size);
      CHECK_FALSE(decode(std::string_view(bytes).substr(0, size)));
    }
  }

  TEST_CASE("decode rejects a wrong version byte and trailing bytes") {
    const std::string bytes = encode(fingerprint(group_test::worm_report()));
    REQUIRE(decode(bytes));
    for (const char version : {'\0', '\1', '\x7f', '\xff'}) {
      std::string other = bytes;
      other[0] = version;
      CAPTURE(int(version));
      CHECK_FALSE(decode(other));
    }
    CHECK_FALSE(decode(bytes + '\0'));
    CHECK_FALSE(decode(bytes + "x"));
    CHECK_FALSE(decode(bytes + bytes));
  }

  TEST_CASE("decode rejects more keywords than a fingerprint keeps") {
    Fingerprint features = fingerprint(group_test::worm_report());
    REQUIRE(features.keywords.size() == keyword_count);
    REQUIRE(decode(encode(features)));
    features.keywords.push_back({"zzzextra", 1.5f});
    CHECK_FALSE(decode(encode(features)));
  }

  TEST_CASE("band keys: one per band, none for a body shorter than a shingle") {
    const Fingerprint features = fingerprint(group_test::worm_report());
    const std::vector<std::string> keys = band_keys(features);
    REQUIRE(keys.size() == band_count);
    std::set<std::string> distinct(keys.begin(), keys.end());
    CHECK(distinct.size() == band_count);
    for (std::size_t band = 0; band < keys.size(); ++band) {
      CAPTURE(keys[band]);
      CHECK(keys[band].size() == 14);
      CHECK(keys[band].find_first_not_of("0123456789abcdef") == std::string::npos);
      char prefix[3];
      std::snprintf(prefix, sizeof prefix, "%02zx", band);
      CHECK(keys[band].substr(0, 2) == prefix);
    }
    CHECK(band_keys(fingerprint(group_test::worm_report())) == keys);
    CHECK(band_keys(fingerprint(group_test::cup_report())) != keys);

    Article short_article = group_test::worm_report();
    short_article.body = "Kaspersky warns users";
    const Fingerprint short_features = fingerprint(short_article);
    CHECK(short_features.shingles == 0);
    CHECK(band_keys(short_features).empty());
    short_article.body.clear();
    CHECK(band_keys(fingerprint(short_article)).empty());

    // Four words are one shingle: comparable, so banded.
    short_article.body = "Kaspersky warns banking users";
    const Fingerprint four = fingerprint(short_article);
    CHECK(four.shingles == 1);
    CHECK(band_keys(four).size() == band_count);
  }

  TEST_CASE("day numbers count days from 1970-01-01, before it too") {
    CHECK(day_number("1970-01-01") == 0);
    CHECK(day_number("1970-01-02") == 1);
    CHECK(day_number("1969-12-31") == -1);
    CHECK(day_number("1960-01-01") == -3653);
    CHECK(day_number("1972-02-29") == 789);
    CHECK(day_number("1972-03-01") == 790);
    CHECK(day_number("2000-01-01") == 10957);
    CHECK(day_number("2000-02-29") == 11016);
    CHECK(day_number("2000-03-01") == 11017);
    CHECK(day_number("1900-03-01") - day_number("1900-02-28") == 1);  // 1900: not a leap year
    CHECK(day_number("2000-03-01") - day_number("2000-02-28") == 2);  // 2000: a leap year
    CHECK(day_number("2024-07-16T21:08:57") == day_number("2024-07-16"));
    CHECK(day_number("") == undated);
    CHECK(day_number("2024-07") == undated);
  }

  TEST_CASE("day_key is the inverse of day_number across leap years and 1970") {
    CHECK(day_key(0) == "19700101");
    CHECK(day_key(-1) == "19691231");
    CHECK(day_key(789) == "19720229");
    CHECK(day_key(11016) == "20000229");
    const std::int32_t first = day_number("1899-12-25");
    const std::int32_t last = day_number("2101-01-05");
    REQUIRE(first < -25000);
    REQUIRE(last > 47000);
    std::string previous;
    for (std::int32_t day = first; day <= last; ++day) {
      const std::string key = day_key(day);
      CAPTURE(day);
      CAPTURE(key);
      REQUIRE(key.size() == 8);
      REQUIRE(key > previous);
      REQUIRE(day_number(iso_of(key)) == day);
      previous = key;
    }
  }

  TEST_CASE("keyword counts: stemmed words without stop words, numbers and short words") {
    Article article;
    article.title = "Kaspersky";
    article.body =
        "The company said people in 2005 paid 0.5 per cent more for antivirus software this year, "
        "and Kaspersky said the UK market for mp3 players grew. An ox is on TV.";
    const auto counts = counts_of(article);
    // Title words count three times, body words once.
    CHECK(counts.at("kasperski") == 4);
    CHECK(counts.at("compani") == 1);
    CHECK(counts.at("antivirus") == 1);
    CHECK(counts.at("softwar") == 1);
    CHECK(counts.at("market") == 1);
    CHECK(counts.at("mp3") == 1);  // digits with a letter are a word
    CHECK(counts.at("player") == 1);
    for (const char* dropped : {"the", "said", "peopl", "people", "year", "in", "and", "this",
                                "2005", "0.5", "0", "5", "uk", "ox", "tv", "is", "on", "an"}) {
      CAPTURE(dropped);
      CHECK(counts.count(dropped) == 0);
    }
    for (const auto& [term, count] : counts) {
      CAPTURE(term);
      CHECK(term.size() >= 3);
      CHECK(term.find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos);
    }
  }

  TEST_CASE("keyword counts weigh title words three times per occurrence") {
    Article article;
    article.title = "Worm worm";
    article.body = "A worm spread; Europol traced the worm.";
    const auto counts = counts_of(article);
    CHECK(counts.at("worm") == 2 * 3 + 2);
    CHECK(counts.at("europol") == 1);
    CHECK(counts.at("spread") == 1);
    CHECK(counts.at("trace") == 1);

    Article body_only = article;
    body_only.title.clear();
    CHECK(counts_of(body_only).at("worm") == 2);
  }
}
