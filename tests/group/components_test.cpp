/// @file Groups from edges: story ids, the order that picks a group's earliest member,
/// and assign's copies and stories.
#include "components.h"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

using namespace article_search::group;

TEST_SUITE("group") {
  TEST_CASE("a story id is 16 lower-case hex digits, stable and distinct") {
    for (const std::string id : {"business/001", "reuters-2024-03-01-kaspersky", "", "caf\xc3\xa9"}) {
      CAPTURE(id);
      const std::string story = story_id(id);
      CHECK(story.size() == 16);
      CHECK(story.find_first_not_of("0123456789abcdef") == std::string::npos);
      CHECK(story_id(id) == story);
    }
    // Pinned: story ids are kept in the index, so they must not change between builds
    // (FNV-1a 64 of "story\xff" and the id).
    CHECK(story_id("business/001") == "f2b3e9fb057d29f1");
    CHECK(story_id("reuters-2024-03-01-kaspersky") == "060da4a5c6cdb152");
    std::set<std::string> stories;
    for (int i = 0; i < 1000; ++i) stories.insert(story_id("business/" + std::to_string(i)));
    CHECK(stories.size() == 1000);
    CHECK(story_id("business/001") != "business/001");
  }

  TEST_CASE("earlier: dated before undated, then by date, then by id") {
    const Member undated_a{"a", ""}, undated_b{"b", ""};
    const Member old_z{"z", "2005-05-09"}, new_a{"a", "2005-05-10"}, new_b{"b", "2005-05-10"};
    const Member new_a_time{"a", "2005-05-10T08:00:00"};
    CHECK(earlier(new_b, undated_a));
    CHECK_FALSE(earlier(undated_a, new_b));
    CHECK(earlier(old_z, new_a));
    CHECK_FALSE(earlier(new_a, old_z));
    CHECK(earlier(new_a, new_b));
    CHECK_FALSE(earlier(new_b, new_a));
    CHECK(earlier(undated_a, undated_b));
    CHECK_FALSE(earlier(undated_b, undated_a));
    CHECK(earlier(new_a, new_a_time));  // a time sorts after the bare day
    for (const Member& m : {undated_a, old_z, new_a}) CHECK_FALSE(earlier(m, m));
  }

  TEST_CASE("assign: members with no edges get their own story and no copy") {
    const std::vector<Member> members = {{"c", "2005-05-12"}, {"a", ""}, {"b", "2005-05-10"}};
    const std::vector<Assignment> out = assign(members, {}, {});
    REQUIRE(out.size() == members.size());
    for (std::size_t i = 0; i < members.size(); ++i) {
      CAPTURE(i);
      CHECK(out[i].story == story_id(members[i].id));
      CHECK_FALSE(out[i].copy_of);
    }
    CHECK(assign({}, {}, {}).empty());
  }

  TEST_CASE("assign: copies name the earliest copy; the original has no copy_of") {
    const std::vector<Member> members = {
        {"wire/3", "2005-05-12"}, {"wire/1", "2005-05-10"}, {"wire/2", "2005-05-11"}, {"blog/9", ""}};
    const std::vector<Assignment> out = assign(members, {{0, 2}, {2, 1}, {3, 0}}, {});
    REQUIRE(out.size() == 4);
    CHECK(out[0].copy_of == "wire/1");
    CHECK_FALSE(out[1].copy_of);
    CHECK(out[1].copy_of == std::nullopt);
    CHECK(out[2].copy_of == "wire/1");
    CHECK(out[3].copy_of == "wire/1");  // undated: after every dated copy
    for (const Assignment& a : out) CHECK(a.story == story_id("wire/1"));
  }

  TEST_CASE("assign: a chain of story edges is one story named after the earliest") {
    // A ~ B ~ C with no edge A ~ C; the earliest is in the middle of the list.
    const std::vector<Member> members = {
        {"a", "2005-05-11"}, {"b", "2005-05-09"}, {"c", "2005-05-13"}, {"d", "2005-05-01"}};
    const std::vector<Assignment> out = assign(members, {}, {{0, 1}, {2, 0}});
    REQUIRE(out.size() == 4);
    for (std::size_t i = 0; i < 3; ++i) {
      CAPTURE(i);
      CHECK(out[i].story == story_id("b"));
      CHECK_FALSE(out[i].copy_of);  // story edges make no copies
    }
    CHECK(out[3].story == story_id("d"));  // d is earlier than all but not connected
    CHECK_FALSE(out[3].copy_of);
  }

  TEST_CASE("assign: a copy edge counts as a story edge") {
    const std::vector<Member> members = {{"x", "2005-05-10"}, {"y", "2005-05-08"}, {"z", ""}};
    const std::vector<Assignment> out = assign(members, {{0, 1}}, {});
    REQUIRE(out.size() == 3);
    CHECK(out[0] == Assignment{story_id("y"), std::string("y")});
    CHECK(out[1] == Assignment{story_id("y"), std::nullopt});
    CHECK(out[2] == Assignment{story_id("z"), std::nullopt});
  }

  TEST_CASE("assign: copy groups inside a story keep their own original") {
    // Story: s1 ~ c1 (story edge), c1 = c2 = c3 (copies); s1 is the story's earliest,
    // c2 the copies' earliest.
    const std::vector<Member> members = {{"c1", "2005-05-11"},
                                         {"c2", "2005-05-10"},
                                         {"s1", "2005-05-09"},
                                         {"c3", "2005-05-10"},
                                         {"other", "2005-05-01"}};
    const std::vector<Assignment> out = assign(members, {{0, 1}, {3, 0}}, {{2, 0}});
    REQUIRE(out.size() == 5);
    for (std::size_t i = 0; i < 4; ++i) {
      CAPTURE(i);
      CHECK(out[i].story == story_id("s1"));
    }
    CHECK(out[0].copy_of == "c2");
    CHECK_FALSE(out[1].copy_of);
    CHECK_FALSE(out[2].copy_of);
    CHECK(out[3].copy_of == "c2");  // same date as c2: the id decides
    CHECK(out[4] == Assignment{story_id("other"), std::nullopt});
  }

  TEST_CASE("assign: an all-undated story is named after the smallest id; duplicate edges are harmless") {
    const std::vector<Member> members = {{"m", ""}, {"k", ""}, {"q", ""}};
    const std::vector<Assignment> out = assign(members, {{0, 1}, {1, 0}, {0, 0}}, {{2, 1}, {2, 1}});
    REQUIRE(out.size() == 3);
    CHECK(out[0] == Assignment{story_id("k"), std::string("k")});
    CHECK(out[1] == Assignment{story_id("k"), std::nullopt});
    CHECK(out[2] == Assignment{story_id("k"), std::nullopt});
  }
}
