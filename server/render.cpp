/// @file JSON for every API answer, built with nlohmann::json (never by concatenation).
#include "render.h"

namespace article_search::search {
namespace {

nlohmann::json offsets(const std::vector<Match>& matches) {
  nlohmann::json list = nlohmann::json::array();
  for (const Match& match : matches) list.push_back({match.begin, match.end});
  return list;
}

nlohmann::json facet(const std::vector<FacetValue>& values) {
  nlohmann::json list = nlohmann::json::array();
  for (const FacetValue& value : values) list.push_back({{"value", value.value}, {"count", value.count}});
  return list;
}

nlohmann::json total(const SearchResult& result) {
  if (result.total_exact) return {{"value", result.total}, {"relation", "eq"}};
  return {{"value", result.total}, {"relation", "estimate"}, {"lower", result.total_lower},
          {"upper", result.total_upper}};
}

}  // namespace

nlohmann::json to_json(const ApiError& error) {
  nlohmann::json body = {{"code", error.name()}, {"message", error.message}};
  if (!error.parameter.empty()) body["parameter"] = error.parameter;
  return {{"error", body}};
}

nlohmann::json to_json(const Hit& hit) {
  return {
      {"id", hit.id},
      {"title", hit.title_html},
      {"title_text", hit.title_text},
      {"title_derived", hit.title_derived},
      {"date", hit.date ? nlohmann::json(*hit.date) : nlohmann::json(nullptr)},
      {"source", hit.source},
      {"score", hit.score},
      {"percent", hit.percent},
      {"rank", hit.rank},
      {"snippet", hit.snippet.html},
      {"snippet_text", hit.snippet.text},
      {"matches", {{"title", offsets(hit.title_matches)}, {"snippet", offsets(hit.snippet.matches)}}},
  };
}

nlohmann::json to_json(const SearchResult& result) {
  nlohmann::json hits = nlohmann::json::array();
  for (const Hit& hit : result.hits) hits.push_back(to_json(hit));
  nlohmann::json did_you_mean = nullptr;
  if (result.did_you_mean) {
    did_you_mean = {{"q", result.did_you_mean->q}, {"html", result.did_you_mean->html}};
  }
  return {
      {"query", {{"q", result.q}, {"understood", result.understood}, {"relaxed", result.relaxed},
                 {"searched", result.searched}}},
      {"total", total(result)},
      {"page", result.offset / result.limit + 1},
      {"per_page", result.limit},
      {"offset", result.offset},
      {"hits", hits},
      {"facets", {{"source", facet(result.source_facet)}, {"year", facet(result.year_facet)}}},
      {"facets_exact", result.facets_exact},
      {"did_you_mean", did_you_mean},
      {"took_ms", result.took_ms},
  };
}

nlohmann::json to_json(const DocumentView& view) {
  const StoredArticle& article = view.article;
  nlohmann::json body = {
      {"id", article.id},
      {"title", article.title},
      {"title_derived", article.title_derived},
      {"date", article.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(article.date)},
      {"source", article.source},
      {"body", article.body},
  };
  if (!article.path.empty()) body["path"] = article.path;
  if (view.body_html) body["body_html"] = *view.body_html;
  return body;
}

nlohmann::json similar_to_json(const std::string& id, const std::vector<Hit>& hits) {
  nlohmann::json list = nlohmann::json::array();
  for (const Hit& hit : hits) list.push_back(to_json(hit));
  return {{"id", id}, {"hits", list}};
}

nlohmann::json suggest_to_json(const std::string& q, const std::vector<std::string>& suggestions) {
  return {{"q", q}, {"suggestions", suggestions}};
}

std::string dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace article_search::search
