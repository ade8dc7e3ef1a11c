/// @file Pure parts: which shard an id belongs to, shard names, --db options.
#include "cli.h"
#include "indexer.h"
#include "shard_notes.h"
#include "schema.h"

#include <doctest/doctest.h>

#include <stdexcept>

using article_search::indexer::ShardSelector;

TEST_SUITE("shards") {
  TEST_CASE("each id belongs to exactly one shard, the same on every run") {
    for (const std::string id : {"business/001", "a", "", "004_8f0669f797f6f4f0"}) {
      int owners = 0;
      for (unsigned i = 0; i < 4; ++i) owners += ShardSelector{i, 4}.contains(id) ? 1 : 0;
      CHECK(owners == 1);
      CHECK(ShardSelector{0, 1}.contains(id));
    }
    // Standard FNV-1a (the published value for "a"): the shard of an id never changes
    // between builds or machines, unlike std::hash.
    CHECK(article_search::schema::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  }

  TEST_CASE("the failed shard is named from Xapian's error context") {
    CHECK(article_search::server::failed_shard("remote:tcp(127.0.0.1:7001)") == "127.0.0.1:7001");
    CHECK(article_search::server::failed_shard("") == "a remote shard");
    CHECK(article_search::server::failed_shard("other") == "other");
  }
}

TEST_SUITE("shards") {
TEST_CASE("several --db options are searched together; --db replaces ARTICLE_SEARCH_DB") {
  using article_search::server::Command;
  using article_search::server::parse_command_line;
  const Command command = parse_command_line(
      {"--db", "a", "--db", "b.stub", "--remote-timeout", "1500"}, {{"ARTICLE_SEARCH_DB", "env"}});
  REQUIRE(command.kind == Command::Kind::run);
  CHECK(command.options.db == "a");
  CHECK(command.options.more_dbs == std::vector<std::filesystem::path>{"b.stub"});
  CHECK(command.options.remote_timeout_seconds == doctest::Approx(1.5));
  CHECK(parse_command_line({}, {{"ARTICLE_SEARCH_DB", "env"}}).options.db == "env");
  CHECK(parse_command_line({"--db", "a", "--remote-timeout", "5"}, {}).kind ==
        Command::Kind::usage_error);
}
}
