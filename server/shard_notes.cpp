/// @file What the API says when shards are involved.
#include "shard_notes.h"

#include "documents.h"
#include "errors.h"
#include "render.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>

namespace article_search::server {
namespace {

/// Index terms looked at for one completion, at most.
constexpr int max_term_scan = 2000;

}  // namespace

std::string failed_shard(const std::string& context) {
  const std::string prefix = "remote:tcp(";
  if (context.rfind(prefix, 0) == 0 && context.size() > prefix.size() && context.back() == ')') {
    return context.substr(prefix.size(), context.size() - prefix.size() - 1);
  }
  return context.empty() ? "a remote shard" : context;
}

nlohmann::json shard_unavailable_json(const Xapian::NetworkError& error) {
  const std::string shard = failed_shard(error.get_context());
  const bool timed_out = std::string(error.get_type()) == "NetworkTimeoutError";
  const std::string detail = error.get_msg() +
                             (error.get_error_string() ? std::string(" (") + error.get_error_string() + ")" : "");
  nlohmann::json body = search::to_json(search::ApiError{
      search::ErrorCode::shard_unavailable,
      "Shard " + shard + (timed_out ? " timed out" : " is unavailable") + ": " + detail +
          ". No results are returned rather than incomplete ones.",
      ""});
  body["error"]["shard"] = shard;
  return body;
}

std::vector<std::string_view> remote_search_warnings(search::Sort sort) {
  std::vector<std::string_view> warnings = {no_did_you_mean_warning};
  if (sort == search::Sort::oldest) warnings.emplace_back(oldest_undated_first_warning);
  return warnings;
}

std::vector<std::string> complete_from_terms(const Xapian::Database& db, const std::string& q,
                                             int limit) {
  const auto [before, last] = search::split_last_word(q);
  // Prefixed terms start with a capital letter; an empty or capitalised word has no completions.
  if (last.empty() || std::isupper(static_cast<unsigned char>(last.front()))) return {};

  std::vector<std::pair<Xapian::doccount, std::string>> found;
  int scanned = 0;
  for (auto it = db.allterms_begin(last); it != db.allterms_end(last) && scanned < max_term_scan;
       ++it, ++scanned) {
    found.emplace_back(it.get_termfreq(), *it);
  }
  return search::rank_completions(std::move(found), before, limit);
}

std::string public_shard_name(const std::string& name) {
  if (name.empty() || name.front() != '/') return name;  // HOST:PORT, or already relative
  const std::string leaf = std::filesystem::path(name).filename().string();
  return leaf.empty() ? "shard" : leaf;
}

nlohmann::json shards_health(const DatabaseSource& source, bool& ok) {
  nlohmann::json shards = nlohmann::json::array();
  ok = true;
  for (const ShardStatus& status : source.probe()) {
    nlohmann::json entry = {{"shard", public_shard_name(status.name)},
                            {"status", status.ok ? "ok" : "unavailable"}};
    if (status.ok) {
      entry["documents"] = status.documents;
    } else {
      // Xapian's text names paths and system errors: the log has it, the answer does not.
      std::fprintf(stderr, "health: shard %s: %s\n", status.name.c_str(), status.error.c_str());
      ok = false;
    }
    shards.push_back(std::move(entry));
  }
  return shards;
}

}  // namespace article_search::server
