/// @file Stories: the articles the indexer grouped together (group/), as the API shows them.
#pragma once

#include "errors.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::search {

/// Members read at most for a story's sources, so a huge story costs a bounded time.
inline constexpr Xapian::doccount max_story_members_read = 1000;

/// The story an article belongs to: its id, how many articles it has, and their sources.
struct StoryInfo {
  std::string id;
  Xapian::doccount size = 0;
  std::vector<std::string> sources;  ///< distinct, in byte order
};

/// The story `id` in `db`: size from the story term's frequency, sources from the source
/// slot of at most max_story_members_read members. An empty id gives an empty story.
StoryInfo describe_story(const Xapian::Database& db, const std::string& id);

/// The story slot and copy_of slot of a document (copy_of: nothing when it copies none).
std::string story_id_of(const Xapian::Document& doc);
std::optional<std::string> copy_of(const Xapian::Document& doc);

/// Whether `id` is a story id as the API takes it: 16 lower-case hex digits. Pure.
bool valid_story_id(std::string_view id);

/// One member of a story, as GET /api/stories/{id} lists it.
struct StoryArticle {
  std::string id, title, source;
  std::optional<std::string> date, url, copy_of;
};

struct StoryView {
  StoryInfo info;
  std::vector<StoryArticle> articles;  ///< oldest first, undated last, ties by id
};

/// Orders members oldest first, undated last, equal dates by id. Pure.
void sort_members(std::vector<StoryArticle>& articles);

/// The story `id` with (at most max_story_members_read of) its articles; nothing when no
/// article has it.
std::optional<StoryView> load_story(const Xapian::Database& db, const std::string& id);

}  // namespace article_search::search
