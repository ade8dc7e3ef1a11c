/// @file What the API says when shards are involved.
#include "shard_notes.h"

#include "errors.h"
#include "render.h"

#include <cstdio>
#include <filesystem>

namespace article_search::server {

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

std::string public_shard_name(const std::string& name) {
  if (name.empty() || name.front() != '/') return name;  // HOST:PORT, or already relative
  const std::string leaf = std::filesystem::path(name).filename().string();
  return leaf.empty() ? "shard" : leaf;
}

nlohmann::json shards_health(const topology::DatabaseSource& source, bool& ok) {
  nlohmann::json shards = nlohmann::json::array();
  ok = true;
  for (const topology::ShardStatus& status : source.probe()) {
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
