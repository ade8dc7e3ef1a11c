/// @file The document API's write routes (see document_routes.h).
#include "document_routes.h"

#include "corpus.h"
#include "http_server.h"
#include "responses.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <variant>

namespace article_search::server {
namespace {

using indexer::Change;
using indexer::ChangeOutcome;
using search::ApiError;
using search::ErrorCode;

std::string_view outcome_name(ChangeOutcome outcome) {
  switch (outcome) {
    case ChangeOutcome::added: return "added";
    case ChangeOutcome::updated: return "updated";
    case ChangeOutcome::unchanged: return "unchanged";
    case ChangeOutcome::deleted: return "deleted";
    case ChangeOutcome::not_found: return "not_found";
  }
  return "unchanged";
}

ApiError document_error(const corpus::ApiRecord& record) {
  return {ErrorCode::invalid_document, record.error, "", record.field};
}

/// Commits `changes`; their outcomes, or the error to answer (after logging why).
std::variant<std::vector<ChangeOutcome>, ApiError> commit(Service& service, std::vector<Change> changes) {
  WriteResult result = service.writer->write(std::move(changes));
  if (auto* outcomes = std::get_if<std::vector<ChangeOutcome>>(&result)) return std::move(*outcomes);
  const WriteFailure& failure = std::get<WriteFailure>(result);
  std::fprintf(stderr, "error: write not committed: %s\n", failure.what.c_str());
  if (failure.locked) {
    return ApiError{ErrorCode::index_locked,
                    "Another writer (an indexer run) holds the index; nothing was written, try again.", ""};
  }
  return ApiError{ErrorCode::internal, "Internal error; nothing was written.", ""};
}

void send_write_error(httplib::Response& response, const ApiError& error) {
  if (error.code == ErrorCode::index_locked) response.set_header("Retry-After", "5");
  send_error(response, error);
}

ApiError unsupported(std::string_view type, std::string_view wanted) {
  return {ErrorCode::unsupported_media_type,
          "Content-Type `" + std::string(type.empty() ? "(none)" : type) + "` is not taken here; send " +
              std::string(wanted) + ".",
          ""};
}

/// The change a PUT asks for: its body as a JSON article or as a saved page.
std::variant<Change, ApiError> put_change(const httplib::Request& request, const std::string& id) {
  const std::string type = media_type(request.get_header_value("Content-Type"));
  corpus::ApiRecord record;
  if (type == "application/json") {
    record = corpus::parse_api_record(request.body, id);
  } else if (type == "text/html" || type == "application/xhtml+xml") {
    if (const std::string problem = corpus::api_id_problem(id); !problem.empty()) {
      return ApiError{ErrorCode::invalid_parameter, problem, "id"};
    }
    record = corpus::parse_api_page(request.body, id);
  } else {
    return unsupported(type, "`application/json` (an article) or `text/html` (a saved page)");
  }
  if (!record.article) {
    // A bad id in the path is the path's fault, not the body's.
    if (record.field == "id") return ApiError{ErrorCode::invalid_parameter, record.error, "id"};
    return document_error(record);
  }
  return Change{Change::Kind::put, std::move(*record.article), {}};
}

/// One line of a bulk body, as checked: its change, or its error.
struct BulkLine {
  std::size_t line = 0;
  std::string id;
  std::optional<ApiError> error;
};

nlohmann::json line_json(const BulkLine& line, std::optional<ChangeOutcome> outcome) {
  nlohmann::json entry = {{"line", line.line}};
  if (!line.id.empty()) entry["id"] = line.id;
  if (line.error) {
    entry["error"] = search::to_json(*line.error).at("error");
  } else if (outcome) {
    entry["status"] = outcome_name(*outcome);
  }
  return entry;
}

}  // namespace

std::string media_type(std::string_view content_type) {
  std::string type(content_type.substr(0, content_type.find(';')));
  type.erase(std::remove_if(type.begin(), type.end(), [](unsigned char c) { return std::isspace(c); }), type.end());
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return type;
}

void put_document(Service& service, const httplib::Request& request, httplib::Response& response) {
  const std::string id = request.matches[1];
  auto change = put_change(request, id);
  if (auto* error = std::get_if<ApiError>(&change)) return send_error(response, *error);
  std::vector<Change> changes;
  changes.push_back(std::move(std::get<Change>(change)));
  auto committed = commit(service, std::move(changes));
  if (auto* error = std::get_if<ApiError>(&committed)) return send_write_error(response, *error);
  const ChangeOutcome outcome = std::get<std::vector<ChangeOutcome>>(committed).front();
  send_json(response, outcome == ChangeOutcome::added ? 201 : 200,
            nlohmann::json{{"id", id}, {"status", outcome_name(outcome)}});
}

void delete_document(Service& service, const httplib::Request& request, httplib::Response& response) {
  const std::string id = request.matches[1];
  if (const std::string problem = corpus::api_id_problem(id); !problem.empty()) {
    return send_error(response, {ErrorCode::invalid_parameter, problem, "id"});
  }
  auto committed = commit(service, {Change{Change::Kind::remove, {}, id}});
  if (auto* error = std::get_if<ApiError>(&committed)) return send_write_error(response, *error);
  if (std::get<std::vector<ChangeOutcome>>(committed).front() == ChangeOutcome::not_found) {
    return send_error(response, {ErrorCode::not_found, "No document with id `" + id + "`.", ""});
  }
  send_json(response, 200, nlohmann::json{{"id", id}, {"status", "deleted"}});
}

void post_documents(Service& service, const httplib::Request& request, httplib::Response& response) {
  const std::string type = media_type(request.get_header_value("Content-Type"));
  if (type != "application/x-ndjson" && type != "application/jsonl" && type != "application/json") {
    return send_error(response, unsupported(type, "JSON Lines as `application/x-ndjson`"));
  }
  std::vector<BulkLine> lines;
  std::vector<Change> changes;
  std::string_view rest = request.body;
  for (std::size_t number = 1; !rest.empty(); ++number) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    std::string_view text = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (lines.size() == max_bulk_records) {
      return send_error(response, {ErrorCode::invalid_request,
                                   "A request takes at most " + std::to_string(max_bulk_records) +
                                       " records; send the rest in another.", ""});
    }
    corpus::ApiRecord record = corpus::parse_api_record(text);
    BulkLine& line = lines.emplace_back(BulkLine{number, {}, {}});
    if (!record.article) {
      line.error = document_error(record);
      continue;
    }
    line.id = record.article->id;
    changes.push_back(Change{Change::Kind::put, std::move(*record.article), {}});
  }
  if (lines.empty()) {
    return send_error(response, {ErrorCode::invalid_request, "The body holds no records.", ""});
  }
  std::vector<ChangeOutcome> outcomes;
  if (!changes.empty()) {
    auto committed = commit(service, std::move(changes));
    if (auto* error = std::get_if<ApiError>(&committed)) return send_write_error(response, *error);
    outcomes = std::move(std::get<std::vector<ChangeOutcome>>(committed));
  }
  nlohmann::json results = nlohmann::json::array();
  std::size_t next = 0;
  for (const BulkLine& line : lines) {
    results.push_back(line_json(line, line.error ? std::nullopt : std::optional(outcomes.at(next++))));
  }
  const std::size_t rejected = lines.size() - outcomes.size();
  send_json(response, 200, nlohmann::json{{"errors", rejected > 0}, {"accepted", outcomes.size()},
                                          {"rejected", rejected}, {"results", std::move(results)}});
}

}  // namespace article_search::server
