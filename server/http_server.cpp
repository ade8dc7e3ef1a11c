/// @file The HTTP server: thread pool, static files, JSON errors, metrics, request log.
#include "http_server.h"

#include "document_routes.h"
#include "layout.h"
#include "render.h"
#include "route_table.h"
#include "request_log.h"
#include "static_files.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

namespace article_search::server {
namespace {

constexpr const char* content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// When the request being handled on this worker started (set before routing).
thread_local std::chrono::steady_clock::time_point request_started{};

search::ApiError error_for_status(int status, const httplib::Request& request) {
  using search::ErrorCode;
  switch (status) {
    case 404: return {ErrorCode::not_found, "No route or file for `" + request.path + "`.", ""};
    case 405: return {ErrorCode::method_not_allowed, "Method " + request.method + " is not allowed here.", ""};
    case 413: return {ErrorCode::payload_too_large, "The request body is too large.", ""};
    case 414: return {ErrorCode::uri_too_long, "The request URI is too long.", ""};
    case 503: return {ErrorCode::index_unavailable, "The index is unavailable.", ""};
    default: break;
  }
  if (status >= 500) return {ErrorCode::internal, "Internal error.", ""};
  return {ErrorCode::invalid_parameter, "The request is malformed.", ""};
}

}  // namespace

namespace {

topology::DatabaseSource database_source(const ServerOptions& options) {
  std::vector<std::filesystem::path> dbs{options.db};
  dbs.insert(dbs.end(), options.more_dbs.begin(), options.more_dbs.end());
  const auto ms = static_cast<unsigned>(options.remote_timeout_seconds * 1000);
  return topology::DatabaseSource(std::move(dbs), topology::RemoteTimeouts{ms, ms});
}

std::size_t search_slots(const ServerOptions& options) {
  if (options.searches > 0) return static_cast<std::size_t>(options.searches);
  const auto shards = database_source(options).shards();
  if (std::any_of(shards.begin(), shards.end(), [](const auto& shard) { return shard.remote(); })) {
    return 0;
  }
  // Two per core: while one search waits to be woken or for a page, the other keeps the
  // core busy (one per core lost 10% of requests/s, three or four per core gained nothing).
  return 2 * std::max(1U, std::thread::hardware_concurrency());
}

/// `options.ranking`, with the loaded synonyms (which `options` keeps alive, and so does
/// the copy of it the service holds).
search::RankingConfig& ranking_with_synonyms(ServerOptions& options) {
  options.ranking.synonyms = options.synonyms.get();
  return options.ranking;
}

}  // namespace

std::string writes_problem(const ServerOptions& options) {
  if (!options.more_dbs.empty()) return "writes go to one database, and this server searches several (--db)";
  try {
    if (layout::existing_shard_count(options.db)) {
      return "writes go to one unsharded database, and " + options.db.string() +
             " is sharded: add articles with article-indexer";
    }
    if (!layout::find(options.db)) return "there is no database at " + options.db.string();
  } catch (const std::exception& e) {
    return std::string("writes need a local database made by article-indexer: ") + e.what();
  }
  return {};
}

SearchServer::SearchServer(ServerOptions options)
    // A braced list is evaluated in order: the options the service copies have the synonyms.
    : service_{IndexPool(database_source(options), ranking_with_synonyms(options), search_slots(options)),
               Metrics{}, options,
               CorsPolicy(options.cors_origins, /*authorization=*/options.keys.any()), QueryStats{}} {
  if (!options.keys.admin.empty()) {
    if (const std::string problem = writes_problem(options); !problem.empty()) {
      throw std::runtime_error("cannot take writes: " + problem);
    }
    service_.writer = std::make_unique<DocumentWriter>(options.db, options.write_lock_wait_seconds);
  }
  http_.set_cors(service_.cors);
  http_.set_workers(static_cast<std::size_t>(service_.options.threads));
  http_.set_keep_alive_max_count(ConnectionLimits{}.keep_alive_requests);
  // The connection layer bounds each route's body (method_rule); httplib only sees those.
  http_.set_payload_max_length(std::max<std::size_t>(max_bulk_body_bytes, max_document_body_bytes));
  http_.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
  http_.set_rules(method_rule);
  http_.set_admission([&keys = service_.options.keys](const RequestHead& head) -> std::optional<Denial> {
    const Route* route = find_route(head.method, head.path());
    const std::string* authorization = head.find("Authorization");
    // web/'s files are open: the page itself holds no articles, and must load to ask for a key.
    return check_access(keys, route ? route->access : Access::open, authorization ? *authorization : "",
                        head.target);
  });
  // Health, metrics, the API description and the page's files never queue behind searches.
  http_.set_light_lane([](std::string_view path) {
    return path.substr(0, 5) != "/api/" || path == "/api/admin/queries";  // it reads no index
  });
  set_up_static_files();
  set_up_errors_and_log();
  register_routes(http_, service_);
}

/// Static files are read and answered here, so that only one Range is ever honoured
/// (httplib built a multipart answer of any number of them, in memory).
void SearchServer::set_up_static_files() {
  const std::filesystem::path web = service_.options.web;
  http_.set_pre_routing_handler([web](const httplib::Request& request, httplib::Response& response) {
    request_started = std::chrono::steady_clock::now();
    if (route_label(request.method, request.path) != "static") {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    const auto file = static_file(web, request.target, request.path);
    std::error_code ec;
    if (!file || std::filesystem::file_size(*file, ec) > max_static_file_bytes || ec) {
      response.status = 404;
      return httplib::Server::HandlerResponse::Handled;
    }
    std::ifstream in(*file, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) {
      response.status = 404;
      return httplib::Server::HandlerResponse::Handled;
    }
    StaticAnswer answer = answer_static(std::move(content), request.get_header_value("Range"));
    response.status = answer.status;
    response.set_header("Accept-Ranges", "bytes");
    response.set_header("Content-Security-Policy", content_security_policy);
    if (!answer.content_range.empty()) response.set_header("Content-Range", answer.content_range);
    if (answer.status == 416) {
      response.set_content(search::dump(search::to_json(search::ApiError{
                               search::ErrorCode::invalid_parameter, "The requested range is outside the file.", ""})),
                           "application/json");
    } else {
      response.set_content(std::move(answer.body), std::string(content_type_for(*file)));
    }
    return httplib::Server::HandlerResponse::Handled;
  });
}

void SearchServer::set_up_errors_and_log() {
  const httplib::Server::HandlerWithResponse json_errors = [](const httplib::Request& request,
                                                              httplib::Response& response) {
    if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    response.set_content(search::dump(search::to_json(error_for_status(response.status, request))),
                         "application/json");
    return httplib::Server::HandlerResponse::Handled;
  };
  http_.set_error_handler(json_errors);
  http_.set_exception_handler(
      [](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
        std::string what = "unknown exception";
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        std::fprintf(stderr, "error: %s %s: %s\n", request.method.c_str(), request.path.c_str(),
                     what.c_str());
        response.status = 500;
        response.set_content(
            search::dump(search::to_json(search::ApiError{search::ErrorCode::internal, "Internal error.", ""})),
            "application/json");
      });
  Service& service = service_;
  http_.set_refusal_log([&service](const RefusedRequest& refused) {
    const std::string path = refused.target.substr(0, refused.target.find('?'));
    service.metrics.record(route_label(refused.method, path), refused.status, 0);
    if (service.options.log_requests) {
      const auto q = service.options.log_queries ? query_of_target(refused.target) : std::nullopt;
      std::fputs(request_log_line({refused.method, path, refused.status, std::nullopt, q}).c_str(), stderr);
    }
  });
  http_.set_logger([&service](const httplib::Request& request, const httplib::Response& response) {
    const auto now = std::chrono::steady_clock::now();
    const bool timed = request_started != std::chrono::steady_clock::time_point{};
    const double seconds = timed ? std::chrono::duration<double>(now - request_started).count() : 0;
    request_started = {};
    service.metrics.record(route_label(request.method, request.path), response.status, seconds);
    if (service.options.log_requests) {
      std::optional<std::string> q;
      if (service.options.log_queries && request.has_param("q")) q = request.get_param_value("q");
      std::fputs(request_log_line({request.method, request.path, response.status, seconds, q}).c_str(), stderr);
    }
  });
}

int SearchServer::bind() {
  const int port = service_.options.port == 0
                       ? http_.bind_to_any_port(service_.options.host)
                       : (http_.bind_to_port(service_.options.host, service_.options.port)
                              ? service_.options.port
                              : -1);
  // A short backlog only costs latency under load: serving goes on if it cannot be widened.
  if (port > 0) http_.widen_listen_backlog(listen_backlog);
  return port;
}

bool SearchServer::listen() { return http_.serve(); }

}  // namespace article_search::server
