/// @file The pure parts of stories: which ids the API takes, and the order of a story's members.
#include "stories.h"

#include <doctest/doctest.h>

namespace {
using article_search::search::sort_members;
using article_search::search::StoryArticle;
using article_search::search::valid_story_id;

StoryArticle member(std::string id, std::optional<std::string> date) {
  StoryArticle article;
  article.id = std::move(id);
  article.date = std::move(date);
  return article;
}

std::vector<std::string> ids(const std::vector<StoryArticle>& articles) {
  std::vector<std::string> out;
  for (const StoryArticle& article : articles) out.push_back(article.id);
  return out;
}

}  // namespace

TEST_SUITE("stories") {
  TEST_CASE("a story id is 16 lower-case hex digits") {
    CHECK(valid_story_id("0123456789abcdef"));
    CHECK(valid_story_id("ffffffffffffffff"));
    CHECK(valid_story_id("0000000000000000"));
  }

  TEST_CASE("any other id is not") {
    CHECK_FALSE(valid_story_id(""));
    CHECK_FALSE(valid_story_id("0123456789abcde"));     // 15 digits
    CHECK_FALSE(valid_story_id("0123456789abcdef0"));   // 17 digits
    CHECK_FALSE(valid_story_id("0123456789ABCDEF"));    // upper case
    CHECK_FALSE(valid_story_id("0123456789abcdeg"));    // not hex
    CHECK_FALSE(valid_story_id("XYZ"));
    CHECK_FALSE(valid_story_id("0123456789abcde "));    // a space
    CHECK_FALSE(valid_story_id(std::string_view("0123456789abcd\0f", 16)));  // a NUL byte
    CHECK_FALSE(valid_story_id("../../etc/passwd"));
  }

  TEST_CASE("members sort oldest first, undated last, equal dates by id") {
    std::vector<StoryArticle> articles = {
        member("undated-b", std::nullopt),
        member("late", "2024-03-09T10:00:00"),
        member("same-b", "2024-03-02T06:40:00"),
        member("undated-a", std::nullopt),
        member("same-a", "2024-03-02T06:40:00"),
        member("early", "2024-03-01"),
        member("same-day-later", "2024-03-02T09:05:00"),
    };
    sort_members(articles);
    CHECK(ids(articles) == std::vector<std::string>{"early", "same-a", "same-b", "same-day-later",
                                                    "late", "undated-a", "undated-b"});
  }

  TEST_CASE("sorting is stable under reordering: the same members give the same order") {
    std::vector<StoryArticle> forward = {member("a", "2024-01-02"), member("b", "2024-01-01"),
                                         member("c", std::nullopt)};
    std::vector<StoryArticle> backward(forward.rbegin(), forward.rend());
    sort_members(forward);
    sort_members(backward);
    CHECK(ids(forward) == ids(backward));
    CHECK(ids(forward) == std::vector<std::string>{"b", "a", "c"});
  }

  TEST_CASE("no members and one member sort trivially") {
    std::vector<StoryArticle> none;
    sort_members(none);
    CHECK(none.empty());
    std::vector<StoryArticle> one = {member("only", std::nullopt)};
    sort_members(one);
    CHECK(ids(one) == std::vector<std::string>{"only"});
  }
}
