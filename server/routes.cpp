/// @file The route table (route_table.h) and its handlers: parse → call the search core → render.
#include "http_server.h"
#include "route_table.h"

#include "atom.h"
#include "document_routes.h"
#include "responses.h"
#include "documents.h"
#include "export.h"
#include "query.h"
#include "openapi_json.h"
#include "render.h"
#include "numbers.h"
#include "search.h"
#include "shard_notes.h"
#include "stories.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace article_search::server {
namespace {

using search::ApiError;
using search::ErrorCode;

/// Most queries in each list of /api/admin/queries.
constexpr long max_reported_queries = 100;

/// The one place where exceptions from the index become API errors.
template <class Work>
void respond(const httplib::Request& request, httplib::Response& response, Work&& work) {
  try {
    work();
  } catch (const Xapian::QueryParserError& e) {
    send_error(response, {ErrorCode::invalid_query, "The query could not be parsed: " + e.get_msg(), "q"});
  } catch (const Xapian::NetworkError& e) {
    std::fprintf(stderr, "error: %s: %s\n", request.path.c_str(), e.get_description().c_str());
    send_json(response, 503, shard_unavailable_json(e));
  } catch (const Xapian::DatabaseOpeningError& e) {
    std::fprintf(stderr, "error: %s: %s\n", request.path.c_str(), e.get_description().c_str());
    send_error(response, {ErrorCode::index_unavailable, "The index is unavailable.", ""});
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "error: %s: %s\n", request.path.c_str(), e.get_description().c_str());
    send_error(response, {ErrorCode::internal, "Internal error.", ""});
  }
}

/// An optional integer parameter within bounds; `fallback` when absent.
std::variant<long, ApiError> int_param(const httplib::Request& request, const char* name, long min,
                                       long max, long fallback) {
  if (!request.has_param(name)) return fallback;
  const std::string text = request.get_param_value(name);
  if (const auto value = numbers::parse_bounded<long>(text, min, max)) return *value;
  return search::integer_error(name, min, max, text);
}

ApiError query_too_long(const std::string& q) {
  return {ErrorCode::invalid_parameter,
          "Parameter `q` must be at most " + std::to_string(search::max_query_bytes) +
              " bytes, got " + std::to_string(q.size()) + ".",
          "q"};
}

unsigned long long revision_of(const Xapian::Database& db) {
  try {
    return db.get_revision();
  } catch (const Xapian::InvalidOperationError&) {
    return 0;  // a stub listing several databases has no single revision
  } catch (const Xapian::UnimplementedError&) {
    return 0;  // nor has a remote database
  }
}

/// Counts an answered search for /metrics and /api/admin/queries.
void note_search(Service& service, const search::SearchRequest& request, const search::SearchResult& result) {
  const bool found_nothing = result.total == 0;
  service.metrics.record_search(found_nothing);
  service.queries.record(request.q, found_nothing, QueryStats::Clock::now());
}

void get_search(Service& service, const httplib::Request& request, httplib::Response& response) {
  auto parsed = search::parse_search_params(request.params);
  if (auto* error = std::get_if<ApiError>(&parsed)) return send_error(response, *error);
  auto& search_request = std::get<search::SearchRequest>(parsed);
  respond(request, response, [&] {
    const auto result = service.pool.with_searcher([&](Searcher& searcher) {
      return search::run_search(searcher.db, searcher.parser, search_request,
                                service.options.ranking, searcher.can, searcher.typos);
    });
    note_search(service, search_request, result);
    send_json(response, 200, search::search_json(result));
  });
}

/// GET /api/export: one page of JSON Lines; the next page's cursor, when one follows, in
/// X-Next-Cursor and as a Link rel="next".
void get_export(Service& service, const httplib::Request& request, httplib::Response& response) {
  auto parsed = search::parse_export_params(request.params);
  if (auto* error = std::get_if<ApiError>(&parsed)) return send_error(response, *error);
  const auto& export_request = std::get<search::ExportRequest>(parsed);
  respond(request, response, [&] {
    auto page = service.pool.with_searcher([&](Searcher& searcher) {
      return search::export_page(searcher.db, searcher.parser, export_request, service.options.ranking);
    });
    if (page.next_cursor) {
      response.set_header("X-Next-Cursor", *page.next_cursor);
      response.set_header("Link", "<" + search::next_page_target(request.path, request.params,
                                                                  *page.next_cursor) + ">; rel=\"next\"");
    }
    response.status = 200;
    response.body = std::move(page.body);  // up to 4 MiB: moved, where set_content copies
    response.set_header("Content-Type", "application/x-ndjson");
  });
}

/// The origin the client reached us at, for the feed's absolute links: its Host header
/// when that is a plain host[:port], else loopback (a Host is the client's own word, so it
/// is only ever echoed back to that client, escaped).
std::string origin_of(const httplib::Request& request) {
  const std::string host = request.get_header_value("Host");
  const bool plain = !host.empty() && host.size() <= 255 &&
                     std::all_of(host.begin(), host.end(), [](char c) {
                       return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
                              c == ':' || c == '[' || c == ']';
                     });
  return "http://" + (plain ? host : std::string("127.0.0.1"));
}

/// GET /api/search.atom: the search's newest matches (sort=newest unless asked otherwise,
/// or by relevance with freshness for `boost=recent`) as an Atom feed, 20 entries unless a
/// limit is given.
void get_search_feed(Service& service, const httplib::Request& request, httplib::Response& response) {
  search::Params params = request.params;
  if (!params.count("sort") && !params.count("boost")) params.emplace("sort", "newest");
  if (!params.count("limit") && !params.count("per_page") && !params.count("page")) {
    params.emplace("limit", "20");
  }
  auto parsed = search::parse_search_params(params);
  if (auto* error = std::get_if<ApiError>(&parsed)) return send_error(response, *error);
  auto& search_request = std::get<search::SearchRequest>(parsed);
  search_request.highlight = false;
  respond(request, response, [&] {
    const auto result = service.pool.with_searcher([&](Searcher& searcher) {
      return search::run_search(searcher.db, searcher.parser, search_request,
                                service.options.ranking, searcher.can, searcher.typos);
    });
    note_search(service, search_request, result);
    response.status = 200;
    response.set_content(search::atom_feed(result, {origin_of(request), request.target}),
                         "application/atom+xml; charset=utf-8");
  });
}

void get_document(Service& service, const httplib::Request& request, httplib::Response& response) {
  const std::string id = request.matches[1];
  const std::string q = request.get_param_value("q");
  if (q.size() > search::max_query_bytes) return send_error(response, query_too_long(q));
  respond(request, response, [&] {
    const auto view = service.pool.with_searcher([&](Searcher& searcher) {
      return search::load_document(searcher.db, searcher.parser, id, q, service.options.ranking);
    });
    if (!view) return send_error(response, {ErrorCode::not_found, "No document with id `" + id + "`.", ""});
    send_json(response, 200, search::to_json(*view));
  });
}

void get_similar(Service& service, const httplib::Request& request, httplib::Response& response) {
  const std::string id = request.matches[1];
  const auto limit = int_param(request, "limit", 1, search::max_similar, 5);
  if (auto* error = std::get_if<ApiError>(&limit)) return send_error(response, *error);
  respond(request, response, [&] {
    const auto hits = service.pool.with_searcher([&](Searcher& searcher) {
      return search::similar_documents(searcher.db, id, static_cast<int>(std::get<long>(limit)),
                                       service.options.ranking);
    });
    if (!hits) return send_error(response, {ErrorCode::not_found, "No document with id `" + id + "`.", ""});
    send_json(response, 200, search::similar_json(id, *hits));
  });
}

void get_story(Service& service, const httplib::Request& request, httplib::Response& response) {
  const std::string id = request.matches[1];
  if (!search::valid_story_id(id)) {
    return send_error(response, {ErrorCode::invalid_parameter,
                                 "Parameter `id` must be a story id of 16 lower-case hex digits.",
                                 "id"});
  }
  respond(request, response, [&] {
    const auto view = service.pool.with_searcher(
        [&](Searcher& searcher) { return search::load_story(searcher.db, id); });
    if (!view) return send_error(response, {ErrorCode::not_found, "No story with id `" + id + "`.", ""});
    send_json(response, 200, search::to_json(*view));
  });
}

void get_suggest(Service& service, const httplib::Request& request, httplib::Response& response) {
  const std::string q = request.get_param_value("q");
  const auto limit = int_param(request, "limit", 1, search::max_suggestions, 8);
  if (auto* error = std::get_if<ApiError>(&limit)) return send_error(response, *error);
  if (q.size() > search::max_query_bytes) return send_error(response, query_too_long(q));
  respond(request, response, [&] {
    const auto suggestions = service.pool.with_searcher([&](Searcher& searcher) {
      return search::suggest(searcher.db, q, static_cast<int>(std::get<long>(limit)), searcher.can);
    });
    send_json(response, 200, search::suggest_to_json(q, suggestions));
  });
}

/// /health and /metrics never wait behind searches (with_searcher_ungated), and name no
/// filesystem path nor Xapian's error text: those go to the log on stderr.
void get_sharded_health(Service& service, httplib::Response& response) {
  bool ok = false;
  nlohmann::json body = {{"shards", shards_health(service.pool.source(), ok)}};
  if (ok) {
    try {
      const auto documents = service.pool.with_searcher_ungated(
          [](Searcher& searcher) { return searcher.db.get_doccount(); });
      body["status"] = "ok";
      body["documents"] = documents;
      body["revision"] = 0;  // shards have a revision each (listed above), not one overall
      return send_json(response, 200, body);
    } catch (const Xapian::Error& e) {
      std::fprintf(stderr, "health: %s\n", e.get_description().c_str());
    }
  }
  body["status"] = "unavailable";
  send_json(response, 503, body);
}

void get_health(Service& service, const httplib::Request&, httplib::Response& response) {
  if (service.pool.source().sharded()) return get_sharded_health(service, response);
  try {
    const auto [documents, revision] = service.pool.with_searcher_ungated([](Searcher& searcher) {
      return std::pair(searcher.db.get_doccount(), revision_of(searcher.db));
    });
    send_json(response, 200, {{"status", "ok"}, {"documents", documents}, {"revision", revision}});
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "health: %s\n", e.get_description().c_str());
    send_json(response, 503, {{"status", "unavailable"}});
  }
}

void get_metrics(Service& service, const httplib::Request& request, httplib::Response& response) {
  respond(request, response, [&] {
    Metrics::Gauges gauges = service.pool.with_searcher_ungated([](Searcher& searcher) {
      Metrics::Gauges read;
      read.documents = searcher.db.get_doccount();
      read.revision = revision_of(searcher.db);
      return read;
    });
    gauges.search_slots = service.pool.max_searches();
    gauges.searches_waiting = service.pool.searches_waiting();
    if (service.writer) {
      gauges.writes_on = true;
      gauges.write_commits = service.writer->commits();
      gauges.write_changes = service.writer->changes_committed();
    }
    response.set_content(service.metrics.render(gauges),
                         "text/plain; version=0.0.4; charset=utf-8");
  });
}

/// GET /api/admin/queries: the most frequent queries and those that found nothing, over
/// the last `hours` (query_stats.h).
void get_admin_queries(Service& service, const httplib::Request& request, httplib::Response& response) {
  const auto limit = int_param(request, "limit", 1, max_reported_queries, 10);
  if (auto* error = std::get_if<ApiError>(&limit)) return send_error(response, *error);
  const auto hours = int_param(request, "hours", 1, QueryStats::max_hours, QueryStats::max_hours);
  if (auto* error = std::get_if<ApiError>(&hours)) return send_error(response, *error);
  const QueryReport report = service.queries.report(static_cast<std::size_t>(std::get<long>(limit)),
                                                    static_cast<int>(std::get<long>(hours)),
                                                    QueryStats::Clock::now());
  send_json(response, 200, to_json(report));
}

void get_openapi(Service&, const httplib::Request&, httplib::Response& response) {
  response.set_content(std::string(openapi_json), "application/json");
}

constexpr Route routes[] = {
    {"GET", "/api/search", get_search,
     {ErrorCode::invalid_parameter, ErrorCode::invalid_query, ErrorCode::index_unavailable,
      ErrorCode::shard_unavailable, ErrorCode::internal}},
    {"GET", "/api/search.atom", get_search_feed,
     {ErrorCode::invalid_parameter, ErrorCode::invalid_query, ErrorCode::index_unavailable,
      ErrorCode::shard_unavailable, ErrorCode::internal}},
    {"GET", "/api/export", get_export,
     {ErrorCode::invalid_parameter, ErrorCode::invalid_query, ErrorCode::index_unavailable,
      ErrorCode::shard_unavailable, ErrorCode::internal}},
    // An id may contain '/' (ids are paths), so it is the last part of a route, and
    // "more like this" has a route of its own rather than a suffix an id could end with.
    {"GET", "/api/documents/{id}", get_document,
     {ErrorCode::invalid_parameter, ErrorCode::invalid_query, ErrorCode::not_found,
      ErrorCode::index_unavailable, ErrorCode::shard_unavailable, ErrorCode::internal}},
    {"PUT", "/api/documents/{id}", put_document,
     {ErrorCode::invalid_parameter, ErrorCode::invalid_document, ErrorCode::index_locked,
      ErrorCode::internal},
     Access::admin, max_document_body_bytes},
    {"DELETE", "/api/documents/{id}", delete_document,
     {ErrorCode::invalid_parameter, ErrorCode::not_found, ErrorCode::index_locked, ErrorCode::internal},
     Access::admin},
    {"POST", "/api/documents", post_documents,
     {ErrorCode::index_locked, ErrorCode::internal}, Access::admin, max_bulk_body_bytes},
    {"GET", "/api/similar/{id}", get_similar,
     {ErrorCode::invalid_parameter, ErrorCode::not_found, ErrorCode::index_unavailable,
      ErrorCode::shard_unavailable, ErrorCode::internal}},
    {"GET", "/api/stories/{id}", get_story,
     {ErrorCode::invalid_parameter, ErrorCode::not_found, ErrorCode::index_unavailable,
      ErrorCode::shard_unavailable, ErrorCode::internal}},
    {"GET", "/api/suggest", get_suggest,
     {ErrorCode::invalid_parameter, ErrorCode::index_unavailable, ErrorCode::shard_unavailable,
      ErrorCode::internal}},
    {"GET", "/health", get_health, {}, Access::open},  // its 503 is a health answer, not an error
    {"GET", "/metrics", get_metrics,
     {ErrorCode::index_unavailable, ErrorCode::shard_unavailable, ErrorCode::internal}},
    {"GET", "/openapi.json", get_openapi, {}},
    {"GET", "/api/admin/queries", get_admin_queries, {ErrorCode::invalid_parameter}, Access::admin},
};

static_assert(std::ranges::all_of(routes, [](const Route& route) {
  return route.method == "GET" || route.method == "PUT" || route.method == "DELETE" || route.method == "POST";
}));

constexpr std::string_view regex_metacharacters = R"(^$\.*+?()[]{}|)";

/// Whether all of `path` matches `path_template`, as std::regex_match matches its
/// httplib_pattern: literal parts exactly, a parameter one character or more but no line
/// break (greedy `(.+)`, longest first, backtracking for what follows).
bool matches_template(std::string_view path_template, std::string_view path) {
  const std::size_t open = path_template.find('{');
  if (open == std::string_view::npos) return path == path_template;
  if (!path.starts_with(path_template.substr(0, open))) return false;
  const std::string_view after = path_template.substr(path_template.find('}', open) + 1);
  const std::string_view value = path.substr(open);
  // `.` of httplib's (ECMAScript) regex matches anything but a line break.
  const std::size_t longest = std::min(value.find_first_of("\r\n"), value.size());
  for (std::size_t taken = longest; taken >= 1; --taken) {
    if (matches_template(after, value.substr(taken))) return true;
  }
  return false;
}

/// A page of an allowed origin may read the answer; caches keep answers per origin.
void add_cors_headers(const CorsPolicy& cors, const httplib::Request& request, httplib::Response& response) {
  if (!cors.enabled()) return;
  const std::string origin = cors.allowed_origin(request.get_header_value("Origin"));
  if (!origin.empty()) {
    response.set_header("Access-Control-Allow-Origin", origin);
    // A page reads only the "simple" headers unless told: the export's cursor is not one.
    response.set_header("Access-Control-Expose-Headers", "X-Next-Cursor, Link, Retry-After");
  }
  response.set_header("Vary", "Origin");
}

void bind_route(httplib::Server& http, Service& service, const Route& route) {
  const std::string pattern = httplib_pattern(route.path);
  auto handler = [&service, handler = route.handler](const httplib::Request& request, httplib::Response& response) {
    handler(service, request, response);
    add_cors_headers(service.cors, request, response);
  };
  if (route.method == "GET") http.Get(pattern, handler);
  if (route.method == "PUT") http.Put(pattern, handler);
  if (route.method == "DELETE") http.Delete(pattern, handler);
  if (route.method == "POST") http.Post(pattern, handler);
}

}  // namespace

std::span<const Route> route_table() { return routes; }

std::string httplib_pattern(std::string_view path_template) {
  std::string pattern;
  for (std::size_t i = 0; i < path_template.size(); ++i) {
    if (path_template[i] == '{') {
      pattern += "(.+)";
      i = path_template.find('}', i);
      continue;
    }
    if (regex_metacharacters.find(path_template[i]) != std::string_view::npos) pattern += '\\';
    pattern += path_template[i];
  }
  return pattern;
}

const Route* find_route(std::string_view path) {
  for (const Route& route : routes) {
    if (matches_template(route.path, path)) return &route;
  }
  return nullptr;
}

const Route* find_route(std::string_view method, std::string_view path) {
  if (method == "HEAD") method = "GET";
  for (const Route& route : routes) {
    if (route.method == method && matches_template(route.path, path)) return &route;
  }
  return nullptr;
}

MethodRule method_rule(std::string_view path) {
  MethodRule rule{"", 0};
  for (const Route& route : routes) {
    if (!matches_template(route.path, path)) continue;
    rule.allow += std::string(route.method == "GET" ? "GET, HEAD" : route.method) + ", ";
    rule.max_body = std::max(rule.max_body, route.max_body);
  }
  if (rule.allow.empty()) return MethodRule{};  // web/'s files, or nothing
  rule.allow += "OPTIONS";
  return rule;
}

void register_routes(httplib::Server& http, Service& service) {
  // Other methods never get here: the connection layer answers them (405 with Allow,
  // 501, OPTIONS) before a body is read (guarded_server.h).
  for (const Route& route : routes) bind_route(http, service, route);
}

}  // namespace article_search::server
