/// @file JSON for every API answer: the hits through JsonWriter, the rest as nlohmann::json.
#include "render.h"

#include "json_writer.h"
#include "schema.h"

namespace article_search::search {
namespace {

void write_offsets(JsonWriter& out, const std::vector<Match>& matches) {
  out.begin_array();
  for (const Match& match : matches) {
    out.begin_array().value(static_cast<std::uint64_t>(match.begin));
    out.value(static_cast<std::uint64_t>(match.end)).end_array();
  }
  out.end_array();
}

void write_facet(JsonWriter& out, const std::vector<FacetValue>& values) {
  out.begin_array();
  for (const FacetValue& value : values) {
    out.begin_object().key("value").value(value.value).key("count").value(value.count).end_object();
  }
  out.end_array();
}

void write_total(JsonWriter& out, const SearchResult& result) {
  out.begin_object().key("value").value(result.total);
  if (result.total_exact) {
    out.key("relation").value("eq");
  } else {
    out.key("relation").value("estimate");
    out.key("lower").value(result.total_lower).key("upper").value(result.total_upper);
  }
  out.end_object();
}

void write_timeline(JsonWriter& out, const Timeline& timeline) {
  out.begin_object().key("interval").value(name(timeline.interval));
  if (timeline.requested) out.key("requested").value(name(*timeline.requested));
  out.key("buckets").begin_array();
  for (const TimelineBucket& bucket : timeline.buckets) {
    out.begin_object().key("start").value(bucket.start).key("count").value(bucket.count).end_object();
  }
  out.end_array();
  out.key("undated").value(timeline.undated).key("exact").value(timeline.exact);
  out.end_object();
}

/// A text the article may not state: null then.
void write_known(JsonWriter& out, const std::optional<std::string>& text) {
  if (text) {
    out.value(*text);
  } else {
    out.null();
  }
}

void write_list(JsonWriter& out, const std::vector<std::string>& values) {
  out.begin_array();
  for (const std::string& value : values) out.value(value);
  out.end_array();
}

void write_story(JsonWriter& out, const StoryInfo& story) {
  out.begin_object().key("id").value(story.id).key("size").value(story.size);
  out.key("sources");
  write_list(out, story.sources);
  out.end_object();
}

void write_hit(JsonWriter& out, const Hit& hit) {
  out.begin_object();
  out.key("id").value(hit.id);
  out.key("title").value(hit.title_html);
  out.key("title_text").value(hit.title_text);
  out.key("title_derived").value(hit.title_derived);
  out.key("date");
  write_known(out, hit.date);
  out.key("source").value(hit.source);
  out.key("url");
  write_known(out, hit.url);
  out.key("authors");
  write_list(out, hit.authors);
  out.key("section");
  write_known(out, hit.section);
  out.key("tags");
  write_list(out, hit.tags);
  out.key("language");
  write_known(out, hit.language);
  out.key("score").value(hit.score);
  out.key("percent").value(hit.percent);
  out.key("rank").value(static_cast<std::int64_t>(hit.rank));
  out.key("story");
  write_story(out, hit.story);
  out.key("copy_of");
  write_known(out, hit.copy_of);
  out.key("snippet").value(hit.snippet.html);
  out.key("snippet_text").value(hit.snippet.text);
  out.key("matches").begin_object();
  out.key("title");
  write_offsets(out, hit.title_matches);
  out.key("snippet");
  write_offsets(out, hit.snippet.matches);
  out.end_object();
  out.end_object();
}

void write_hits(JsonWriter& out, const std::vector<Hit>& hits) {
  out.begin_array();
  for (const Hit& hit : hits) write_hit(out, hit);
  out.end_array();
}

/// A stored text field as the API shows it: null when the article does not state it.
nlohmann::json known(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

nlohmann::json known(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

nlohmann::json story_json(const StoryInfo& story) {
  return {{"id", story.id}, {"size", story.size}, {"sources", story.sources}};
}

nlohmann::json member_json(const StoryArticle& article) {
  return {{"id", article.id},         {"title", article.title},
          {"source", article.source}, {"date", known(article.date)},
          {"url", known(article.url)}, {"copy_of", known(article.copy_of)}};
}

/// `[{"words": "kiev", "searched": ["kiev", "kyiv"], "lines": [3]}, …]`
void write_synonyms(JsonWriter& out, const std::vector<SynonymUse>& synonyms) {
  out.begin_array();
  for (const SynonymUse& use : synonyms) {
    out.begin_object().key("words").value(use.words).key("searched").begin_array();
    for (const std::string& alternative : use.searched) out.value(alternative);
    out.end_array().key("lines").begin_array();
    for (std::size_t line : use.lines) out.value(static_cast<std::uint64_t>(line));
    out.end_array().end_object();
  }
  out.end_array();
}

}  // namespace

nlohmann::json to_json(const ApiError& error) {
  nlohmann::json body = {{"code", error.name()}, {"message", error.message}};
  if (!error.parameter.empty()) body["parameter"] = error.parameter;
  if (!error.field.empty()) body["field"] = error.field;
  return {{"error", body}};
}

std::string search_json(const SearchResult& result) {
  JsonWriter out;
  out.begin_object();
  out.key("query").begin_object();
  out.key("q").value(result.q).key("understood").value(result.understood);
  out.key("relaxed").value(result.relaxed).key("searched").value(result.searched);
  // Only when a limit was hit, so the answers to normal queries stay as they were.
  if (!result.budget_exceeded.empty()) {
    out.key("budget_exceeded").begin_array();
    for (std::string_view limit : result.budget_exceeded) out.value(limit);
    out.end_array();
  }
  if (result.boost) {  // only when asked, as budget_exceeded
    out.key("boost").begin_object().key("kind").value("recent");
    out.key("half_life_days").value(static_cast<double>(result.boost->half_life_hours) / 24.0);
    out.key("now").value(result.boost->now).end_object();
  }
  // Only when the configured synonyms changed the query, as budget_exceeded.
  if (!result.synonyms.empty()) {
    out.key("synonyms");
    write_synonyms(out, result.synonyms);
  }
  // Only when a word was widened, likewise.
  if (!result.typos.empty()) {
    out.key("typos").begin_array();
    for (const TypoWidening& typo : result.typos) {
      out.begin_object().key("word").value(typo.word).key("matches").begin_array();
      for (const std::string& match : typo.matches) out.value(match);
      out.end_array().end_object();
    }
    out.end_array();
  }
  out.end_object();
  out.key("group").value(result.group == Group::story ? "story" : "none");
  out.key("total");
  write_total(out, result);
  out.key("page").value(static_cast<std::int64_t>(result.offset / result.limit + 1));
  out.key("per_page").value(result.limit);
  out.key("offset").value(static_cast<std::int64_t>(result.offset));
  out.key("hits");
  write_hits(out, result.hits);
  out.key("facets").begin_object();
  for (std::size_t i = 0; i < result.facets.size(); ++i) {
    out.key(schema::filter_fields[i].name);
    write_facet(out, result.facets[i]);
  }
  out.end_object();
  out.key("facets_exact").value(result.facets_exact);
  if (result.timeline) {
    out.key("timeline");
    write_timeline(out, *result.timeline);
  }
  out.key("did_you_mean");
  if (result.did_you_mean) {
    out.begin_object().key("q").value(result.did_you_mean->q);
    out.key("html").value(result.did_you_mean->html).end_object();
  } else {
    out.null();
  }
  out.key("took_ms").value(result.took_ms);
  if (!result.warnings.empty()) {
    out.key("warnings").begin_array();
    for (std::string_view warning : result.warnings) out.value(warning);
    out.end_array();
  }
  out.end_object();
  return out.take();
}

nlohmann::json to_json(const DocumentView& view) {
  const Article& article = view.article;
  // Every field the article may state is present (null or [] when it does not), as in
  // hits; `feed` is the indexer's own bookkeeping and stays out.
  nlohmann::json body = {
      {"id", article.id},
      {"title", article.title},
      {"title_derived", article.title_derived},
      {"date", known(article.date)},
      {"modified", known(article.modified)},
      {"source", article.source},
      {"url", known(article.url)},
      {"authors", article.authors},
      {"section", known(article.section)},
      {"tags", article.tags},
      {"language", known(article.language)},
      {"description", known(article.description)},
      {"body", article.body},
      {"story", story_json(view.story)},
      {"copy_of", known(view.copy_of)},
  };
  if (!article.path.empty()) body["path"] = article.path;
  if (view.body_html) body["body_html"] = *view.body_html;
  return body;
}

nlohmann::json to_json(const StoryView& view) {
  nlohmann::json body = story_json(view.info);
  body["articles"] = nlohmann::json::array();
  for (const StoryArticle& article : view.articles) body["articles"].push_back(member_json(article));
  body["first"] = view.articles.empty() ? nlohmann::json(nullptr) : body["articles"][0];
  return body;
}

std::string similar_json(const std::string& id, const std::vector<Hit>& hits) {
  JsonWriter out;
  out.begin_object().key("id").value(id).key("hits");
  write_hits(out, hits);
  out.end_object();
  return out.take();
}

nlohmann::json suggest_to_json(const std::string& q, const Suggestions& suggestions) {
  nlohmann::json body = {{"q", q}, {"suggestions", suggestions.completions}};
  if (!suggestions.warnings.empty()) body["warnings"] = suggestions.warnings;
  return body;
}

std::string dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace article_search::search
