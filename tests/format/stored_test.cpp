/// @file The stored-data codec: what the encoder writes (and the indexer wrote before the
/// body separator) comes back intact, and anything else reads as the JSON says or as nothing.
#include "stored.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <random>

namespace {
using article_search::Article;
using namespace article_search::stored;

void check_same(const Article& got, const Article& want) {
  CHECK(got.id == want.id);
  CHECK(got.title == want.title);
  CHECK(got.date == want.date);
  CHECK(got.source == want.source);
  CHECK(got.body == want.body);
  CHECK(got.path == want.path);
  CHECK(got.title_derived == want.title_derived);
  CHECK(got == want);  // and any field added since
}

/// The data as the indexer wrote it before the body separator: all JSON.
std::string all_json_data(const Article& a) {
  const nlohmann::json data = {{"id", a.id},         {"title", a.title},
                               {"title_derived", a.title_derived},
                               {"date", a.date},     {"source", a.source},
                               {"body", a.body},     {"path", a.path}};
  return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

TEST_SUITE("stored data") {
  TEST_CASE("the indexer's data is read back, every character intact") {
    std::mt19937 rng(42);
    const std::string pieces[] = {"a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f",
                                  std::string(1, '\0'), "\x01", "\x1f", "\x7f", "é", "’", "€",
                                  "\xF0\x9F\x98\x80", "&<>", "u0041", "\\u"};
    for (int round = 0; round < 200; ++round) {
      const auto text = [&] {
        std::string s;
        const int n = static_cast<int>(rng() % 40);
        for (int i = 0; i < n; ++i) s += pieces[rng() % std::size(pieces)];
        return s;
      };
      Article want;
      want.id = text();
      want.title = text();
      want.date = text();
      want.source = text();
      want.body = text();
      want.path = text();
      want.title_derived = rng() % 2 == 0;
      want.path = public_path(want.path, want.id);  // an absolute path reads as its tail
      const std::string data = encode(want);
      CHECK(encode_plain(want).find(want.body) != std::string::npos);  // the body as it is
      const auto got = decode(data);
      REQUIRE(got.has_value());
      check_same(*got, want);
      const auto legacy = decode(all_json_data(want));
      REQUIRE(legacy.has_value());
      check_same(*legacy, want);
    }
  }

  TEST_CASE("the encoder's bytes are the ones databases already hold (keys sorted, body raw)") {
    Article article;
    article.id = "business/001";
    article.title = "Ad sales \"boost\"";
    article.date = "2004-12-20";
    article.body = "Quarterly profits\nrose.";
    article.source = "business";
    article.path = "business/001.txt";
    CHECK(encode_plain(article) ==
          std::string(R"({"date":"2004-12-20","id":"business/001","path":"business/001.txt",)"
                      R"("source":"business","title":"Ad sales \"boost\"","title_derived":false})") +
              '\0' + "Quarterly profits\nrose.");
  }

  TEST_CASE("the data is the plain layout as one zstd frame; a damaged frame reads as nothing") {
    Article article;
    article.id = "business/001";
    article.title = "Ad sales boost";
    article.body = std::string(2000, 'x') + " quarterly profits rose";
    const std::string data = encode(article);
    REQUIRE(data.size() >= 4);
    CHECK(data.compare(0, 4, "\x28\xB5\x2F\xFD") == 0);  // zstd's magic number
    CHECK(data.size() < encode_plain(article).size() / 4);
    const auto back = decode(data);
    REQUIRE(back);
    CHECK(back->body == article.body);
    CHECK(back->title == article.title);
    // Damaged: cut short, or a byte of the compressed content changed.
    CHECK_FALSE(decode(data.substr(0, data.size() - 3)).has_value());
    std::string changed = data;
    changed[changed.size() / 2] = static_cast<char>(changed[changed.size() / 2] ^ 0x5A);
    const auto garbled = decode(changed);
    if (garbled) CHECK(garbled->body != article.body);  // zstd may not see every change
    CHECK_FALSE(decode(std::string_view(data).substr(0, 4)).has_value());
    // The plain layout (databases of format 1) reads as before.
    CHECK(decode(encode_plain(article))->body == article.body);
  }

  TEST_CASE("invalid UTF-8 in any field is stored repaired, as utf8.h's policy says") {
    Article article;
    article.id = "x";
    article.title = "a\x80\x80" "b";
    article.body = "caf\xE9";
    const auto back = decode(encode(article));
    REQUIRE(back);
    CHECK(back->title == "a\uFFFD\uFFFDb");
    CHECK(back->body == "caf\uFFFD");
  }

  TEST_CASE("the body after the separator: any bytes, and it wins over a body key") {
    const std::string sep(1, body_separator);
    const auto read = [](const std::string& row) {
      const auto article = decode(row);
      REQUIRE(article.has_value());
      return *article;
    };
    CHECK(read(R"({"id":"1","body":"old"})" + sep + "new").body == "new");
    CHECK(read(R"({"id":"1"})" + sep).body.empty());
    CHECK(read(R"({"id":"1"})" + sep + "a" + sep + "b\"}{").body == "a" + sep + "b\"}{");
    CHECK(read(R"({"id":"1"})" + sep + "x").id == "1");
    CHECK_FALSE(decode(R"({"id":"1")" + sep + "}").has_value());
    CHECK_FALSE(decode(sep + R"({"id":"1"})").has_value());
  }

  TEST_CASE("each field as the JSON says: not a string reads as empty, the last of a repeat counts") {
    const auto read = [](const char* row) {
      INFO(row);
      const auto article = decode(row);
      REQUIRE(article.has_value());
      return *article;
    };
    const auto plain = read(R"({"id":"1","title":"T","body":"B","title_derived":true})");
    CHECK(plain.id == "1");
    CHECK(plain.title == "T");
    CHECK(plain.body == "B");
    CHECK(plain.title_derived);
    const auto spaced = read(R"( { "id" : "1" , "title_derived" : false , "path" : null } )");
    CHECK(spaced.id == "1");
    CHECK_FALSE(spaced.title_derived);
    CHECK(spaced.path.empty());
    CHECK(read(R"({"id":"1","id":"2"})").id == "2");
    CHECK(read(R"({"id":"1","id":null})").id.empty());
    CHECK_FALSE(read(R"({"title_derived":"yes"})").title_derived);
    CHECK(read(R"({"title":"\u00e9\ud83d\ude00\u20AC","x":"y"})").title == "é😀€");
    CHECK(read(R"({"id":7,"title":"t"})").id.empty());
    CHECK(read(R"({"id":7,"title":"t"})").title == "t");
    // Nested values are skipped, and a nested key never fills a field.
    const auto nested = read(R"({"id":"1","more":{"title":"inner","x":[1,{"body":"b"}]},"date":"d"})");
    CHECK(nested.id == "1");
    CHECK(nested.title.empty());
    CHECK(nested.body.empty());
    CHECK(nested.date == "d");
    CHECK(read(R"({"id":["a"],"source":{"s":"t"}})").id.empty());
    CHECK(read(R"({})").id.empty());
  }

  TEST_CASE("data that is not a JSON object reads as nothing") {
    const std::string rows[] = {
        "", "[]", "\"id\"", "null", R"({"id":"1")", R"({"id":"1"} x)", R"({"id":"1",})",
        R"({"id":"a)" "\n" R"("})",            // a raw control character
        R"({"id":"\ud800"})",                    // a lone surrogate
        R"({"id":"\q"})",                        // an unknown escape
        "{\"id\":\"\xC3\"}",                     // truncated UTF-8
        "{\"id\":\"\xED\xA0\x80\"}",             // an encoded surrogate
        "{\"id\":\"\xC0\xAF\"}",                 // an overlong form
        R"({"id":tru})",
    };
    for (const std::string& row : rows) {
      INFO(row);
      CHECK_FALSE(decode(row).has_value());
    }
  }

  TEST_CASE("the path is shown relative to the corpus folder, also from older databases") {
    struct Row {
      const char* path;
      const char* id;
      const char* shown;
    };
    const Row rows[] = {
        // What the indexer stores now: relative already
        {"business/001.txt", "business/001", "business/001.txt"},
        {"corpus.jsonl:12", "d1", "corpus.jsonl:12"},
        {"", "x", ""},
        // Older databases: the path as given to the indexer, only the id's part is kept
        {"/home/me/corpora/bbc/business/001.txt", "business/001", "business/001.txt"},
        {"/corpus/000_a79e.txt", "000_a79e", "000_a79e.txt"},
        {"../shared/corpora/bbc/sport/199.txt", "sport/199", "sport/199.txt"},
        // ...or nothing, when the path does not end in what the id names
        {"/data/beir/corpus.jsonl:12", "d1", ""},
        {"/x.txt", "a/x", ""},
        {"/etc/passwd", "secret", ""},
    };
    for (const auto& row : rows) {
      CAPTURE(row.path);
      CHECK(public_path(row.path, row.id) == row.shown);
    }
    const std::string old = R"({"id":"business/001","path":"/srv/corpus/business/001.txt"})";
    CHECK(decode(old)->path == "business/001.txt");
  }

  TEST_CASE("the news fields round-trip; unset ones are left out of the data") {
    Article article;
    article.id = "feeds/world/abc";
    article.title = "Storm";
    article.url = "https://example.com/storm";
    article.authors = {"Jane Doe", "Émile Zola"};
    article.modified = "2024-07-17T08:00:00";
    article.section = "World";
    article.tags = {"weather", "storms"};
    article.language = "en";
    article.description = "A storm \"came\".";
    article.feed = "feeds/world.rss";
    const auto got = decode(encode(article));
    REQUIRE(got.has_value());
    check_same(*got, article);

    Article plain;
    plain.id = "a";
    const std::string data = encode_plain(plain);
    for (const char* key : {"url", "authors", "tags", "language", "description", "feed"}) {
      CHECK(data.find(std::string("\"") + key + "\"") == std::string::npos);
    }
  }

  TEST_CASE("a list field takes the strings of its array; any other value reads as empty") {
    const auto read = [](const std::string& json) { return decode(json).value(); };
    CHECK(read(R"({"authors":["A","B"]})").authors == std::vector<std::string>{"A", "B"});
    CHECK(read(R"({"authors":["A",1,null,{"x":"y"},["z"],"B"]})").authors ==
          std::vector<std::string>{"A", "B"});
    CHECK(read(R"({"authors":"A"})").authors.empty());
    CHECK(read(R"({"authors":{"name":"A"}})").authors.empty());
    CHECK(read(R"({"tags":["a"],"tags":["b","c"]})").tags == std::vector<std::string>{"b", "c"});
    CHECK(read(R"({"tags":["a"],"tags":7})").tags.empty());
    CHECK(read(R"({"url":["https://x"],"title":"t"})").url.empty());
    CHECK(read(R"({"url":["https://x"],"title":"t"})").title == "t");
  }
}
