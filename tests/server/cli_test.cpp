/// @file The article-server command line: options and environment variables.
#include "cli.h"

#include "temp_dir.h"

#include <doctest/doctest.h>

namespace {
using namespace article_search::server;
using Kind = Command::Kind;
}  // namespace

TEST_SUITE("article-server command line") {
  TEST_CASE("options are read, with defaults for the rest") {
    const auto command =
        parse_command_line({"--db", "DB", "--port", "9000", "--threads", "3", "--searches", "5"}, {});
    REQUIRE(command.kind == Kind::run);
    CHECK(command.options.db == "DB");
    CHECK(command.options.port == 9000);
    CHECK(command.options.threads == 3);
    CHECK(command.options.searches == 5);
    CHECK(parse_command_line({"--db", "DB"}, {}).options.searches == 0);  // one per core
    CHECK(command.options.host == "127.0.0.1");
    CHECK(command.options.web.empty());
  }

  TEST_CASE("environment variables mean the same, and options win over them") {
    const Environment env = {{"ARTICLE_SEARCH_DB", "ENVDB"}, {"ARTICLE_SEARCH_PORT", "7000"},
                             {"ARTICLE_SEARCH_WEB", "web"}, {"ARTICLE_SEARCH_HOST", "::1"},
                             {"ARTICLE_SEARCH_THREADS", "2"}, {"ARTICLE_SEARCH_SEARCHES", "4"}};
    const auto from_env = parse_command_line({}, env);
    REQUIRE(from_env.kind == Kind::run);
    CHECK(from_env.options.db == "ENVDB");
    CHECK(from_env.options.port == 7000);
    CHECK(from_env.options.web == "web");
    CHECK(from_env.options.host == "::1");
    CHECK(from_env.options.threads == 2);
    CHECK(from_env.options.searches == 4);
    CHECK(parse_command_line({"--port", "7001"}, env).options.port == 7001);
  }

  TEST_CASE("bad values and unknown options are usage errors") {
    struct Row {
      std::vector<std::string> args;
      const char* error;
    };
    const Row rows[] = {
        {{}, "--db DB is required"},
        {{"--db"}, "--db needs a value"},
        {{"--db", "x", "--port", "70000"}, "--port needs a number from 0 to 65535, got '70000'"},
        {{"--db", "x", "--port", "80a"}, "--port needs a number from 0 to 65535, got '80a'"},
        {{"--db", "x", "--threads", "0"}, "--threads needs a number from 1 to 256, got '0'"},
        {{"--db", "x", "--searches", "257"}, "--searches needs a number from 1 to 256, got '257'"},
        {{"--db", "x", "--bogus"}, "unknown option or argument --bogus"},
        {{"--db", "x", "extra"}, "unknown option or argument extra"},
    };
    for (const Row& row : rows) {
      const auto command = parse_command_line(row.args, {});
      CHECK(command.kind == Kind::usage_error);
      CHECK(command.error == row.error);
    }
    CHECK(parse_command_line({}, {{"ARTICLE_SEARCH_PORT", "x"}}).error ==
          "ARTICLE_SEARCH_PORT: --port needs a number from 0 to 65535, got 'x'");
  }

  TEST_CASE("--cors-origin repeats and takes lists; a bad origin is a usage error") {
    const auto command = parse_command_line(
        {"--db", "DB", "--cors-origin", "https://a.example", "--cors-origin", "http://b.example:81,*"}, {});
    REQUIRE(command.kind == Kind::run);
    CHECK(command.options.cors_origins ==
          std::vector<std::string>{"https://a.example", "http://b.example:81", "*"});
    CHECK(parse_command_line({"--db", "DB"}, {}).options.cors_origins.empty());
    CHECK(parse_command_line({"--db", "DB"}, {{"ARTICLE_SEARCH_CORS_ORIGIN", "https://a.example"}})
              .options.cors_origins == std::vector<std::string>{"https://a.example"});
    CHECK(parse_command_line({"--db", "DB", "--cors-origin", "*"}, {{"ARTICLE_SEARCH_CORS_ORIGIN", "https://a.example"}})
              .options.cors_origins == std::vector<std::string>{"*"});
    const auto bad = parse_command_line({"--db", "DB", "--cors-origin", "a.example/path"}, {});
    CHECK(bad.kind == Kind::usage_error);
    CHECK(bad.error.find("--cors-origin") != std::string::npos);
  }

  TEST_CASE("--log-queries no leaves queries out of the log, and takes yes or no only") {
    CHECK(parse_command_line({"--db", "DB"}, {}).options.log_queries);
    CHECK_FALSE(parse_command_line({"--db", "DB", "--log-queries", "no"}, {}).options.log_queries);
    CHECK_FALSE(parse_command_line({"--db", "DB"}, {{"ARTICLE_SEARCH_LOG_QUERIES", "no"}}).options.log_queries);
    CHECK(parse_command_line({"--db", "DB", "--log-queries", "yes"}, {{"ARTICLE_SEARCH_LOG_QUERIES", "no"}})
              .options.log_queries);
    CHECK(parse_command_line({"--db", "DB", "--log-queries", "off"}, {}).error ==
          "--log-queries needs yes or no, got 'off'");
    CHECK(parse_command_line({"--db", "DB", "--log-queries"}, {}).kind == Kind::usage_error);
  }

  TEST_CASE("--synonyms names a file, also from ARTICLE_SEARCH_SYNONYMS; a bad file stops the start") {
    CHECK(parse_command_line({"--db", "DB"}, {}).options.synonyms_file.empty());
    CHECK(parse_command_line({"--db", "DB", "--synonyms", "news.txt"}, {}).options.synonyms_file == "news.txt");
    CHECK(parse_command_line({"--db", "DB"}, {{"ARTICLE_SEARCH_SYNONYMS", "env.txt"}}).options.synonyms_file ==
          "env.txt");
    CHECK(parse_command_line({"--db", "DB", "--synonyms", ""}, {}).error == "--synonyms needs a file");
    // Refused before the database is opened (the message, with the line, is checked by
    // the article-server.bad-synonyms test).
    const std::string bad = (article_search::testing::source_dir() / "tests" / "data" / "synonyms-bad.txt").string();
    CHECK(run_command(parse_command_line({"--db", "/nonexistent/db", "--synonyms", bad}, {})) == 1);
  }

  TEST_CASE("keys come from files or variables, never the command line, and never show in errors") {
    const auto from_files = parse_command_line(
        {"--db", "DB", "--admin-key-file", "/run/secrets/admin", "--search-key-file", "/run/secrets/search"}, {});
    CHECK(from_files.kind == Command::Kind::run);
    CHECK(from_files.key_files.at("admin-key-file") == "/run/secrets/admin");
    CHECK(from_files.key_files.at("search-key-file") == "/run/secrets/search");
    CHECK(from_files.options.keys.admin.empty());  // read when the server starts

    const auto from_env = parse_command_line(
        {"--db", "DB"}, {{"ARTICLE_SEARCH_ADMIN_KEY", " admin-0123456789abcdef\n"},
                         {"ARTICLE_SEARCH_SEARCH_KEY", "search-0123456789abcdef"}});
    CHECK(from_env.options.keys.admin == "admin-0123456789abcdef");
    CHECK(from_env.options.keys.search == "search-0123456789abcdef");
    CHECK(parse_command_line({"--db", "DB"}, {{"ARTICLE_SEARCH_ADMIN_KEY_FILE", "/k"}}).key_files.at("admin-key-file") == "/k");

    const auto short_key = parse_command_line({"--db", "DB"}, {{"ARTICLE_SEARCH_ADMIN_KEY", "tiny-secret"}});
    CHECK(short_key.kind == Command::Kind::usage_error);
    CHECK(short_key.error.find("ARTICLE_SEARCH_ADMIN_KEY") != std::string::npos);
    CHECK(short_key.error.find("tiny-secret") == std::string::npos);

    for (const auto& args : {std::vector<std::string>{"--db", "DB", "--admin-key", "secret-0123456789abcdef"},
                              std::vector<std::string>{"--db", "DB", "--search-key=secret-0123456789abcdef"}}) {
      const auto refused = parse_command_line(args, {});
      CHECK(refused.kind == Command::Kind::usage_error);
      CHECK(refused.error.find("-file") != std::string::npos);
      CHECK(refused.error.find("secret-0123456789abcdef") == std::string::npos);
    }
  }

  TEST_CASE("help, version and health-check need no database") {
    CHECK(parse_command_line({"--help"}, {}).kind == Kind::help);
    CHECK(parse_command_line({"--version"}, {}).kind == Kind::version);
    const auto probe = parse_command_line({"--health-check", "8080"}, {});
    CHECK(probe.kind == Kind::health_check);
    CHECK(probe.health_target == "8080");
  }
}
