/// @file Stories read from the index: the XSTORY term lists the members, slots say the rest.
#include "stories.h"

#include "hits.h"
#include "schema.h"

#include <algorithm>
#include <set>

namespace article_search::search {
namespace sc = schema;
namespace {

std::string story_term(const std::string& id) { return sc::boolean_term(sc::prefix::story, id); }

std::optional<std::string> known(std::string value) {
  if (value.empty()) return std::nullopt;
  return value;
}

}  // namespace

StoryInfo describe_story(const Xapian::Database& db, const std::string& id) {
  StoryInfo info{id, 0, {}};
  if (id.empty()) return info;
  const std::string term = story_term(id);
  info.size = db.get_termfreq(term);
  std::set<std::string> sources;
  Xapian::doccount read = 0;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term) && read < max_story_members_read;
       ++it, ++read) {
    std::string source = db.get_document(*it).get_value(sc::slot(sc::Slot::source));
    if (!source.empty()) sources.insert(std::move(source));
  }
  info.sources.assign(sources.begin(), sources.end());
  return info;
}

std::string story_id_of(const Xapian::Document& doc) {
  return doc.get_value(sc::slot(sc::Slot::story));
}

std::optional<std::string> copy_of(const Xapian::Document& doc) {
  return known(doc.get_value(sc::slot(sc::Slot::copy_of)));
}

bool valid_story_id(std::string_view id) {
  return id.size() == 16 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

void sort_members(std::vector<StoryArticle>& articles) {
  // An undated article sorts after every date: "\xff" is above any digit.
  const auto key = [](const StoryArticle& a) { return a.date.value_or("\xff"); };
  std::sort(articles.begin(), articles.end(), [&](const StoryArticle& a, const StoryArticle& b) {
    const std::string ka = key(a), kb = key(b);
    return ka != kb ? ka < kb : a.id < b.id;
  });
}

std::optional<StoryView> load_story(const Xapian::Database& db, const std::string& id) {
  StoryView view{describe_story(db, id), {}};
  if (view.info.size == 0) return std::nullopt;
  const std::string term = story_term(id);
  Xapian::doccount read = 0;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term) && read < max_story_members_read;
       ++it, ++read) {
    const Xapian::Document doc = db.get_document(*it);
    auto stored = read_stored(doc);
    if (!stored) continue;
    view.articles.push_back({std::move(stored->id), std::move(stored->title),
                             std::move(stored->source), known(std::move(stored->date)),
                             known(std::move(stored->url)), copy_of(doc)});
  }
  sort_members(view.articles);
  return view;
}

}  // namespace article_search::search
