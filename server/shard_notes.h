/// @file What the API says when shards are involved: a failed shard, and what remote
/// shards cannot provide.
///
/// Policy for a shard that is down or slow: the request fails with 503
/// `shard_unavailable` naming the shard (`"shard": "HOST:PORT"` in the error object),
/// after at most the remote timeout (--remote-timeout); results that silently miss a
/// shard's articles are never returned. /health reports each shard and answers 503 while
/// one is down. The server reconnects by itself once the shard is back.
///
/// Xapian's remote backend carries no spelling data, so over remote shards "did you mean"
/// is left out (`did_you_mean: null`) and suggestions come from the index terms (stemmed
/// words) instead of the spelling dictionary; the answer lists this in `warnings`.
#pragma once

#include "index_pool.h"
#include "search.h"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace article_search::server {

inline constexpr const char* no_did_you_mean_warning =
    "did_you_mean unavailable: remote shards carry no spelling data";
inline constexpr const char* suggest_from_terms_warning =
    "suggestions come from index terms (stemmed words): remote shards carry no spelling data";

/// "HOST:PORT" of the remote named in a NetworkError's context ("remote:tcp(HOST:PORT)"),
/// or the whole context when it has another form. Pure.
std::string failed_shard(const std::string& context);

/// The 503 shard_unavailable answer body for a remote shard that failed.
nlohmann::json shard_unavailable_json(const Xapian::NetworkError& error);

inline constexpr const char* oldest_undated_first_warning =
    "sort=oldest: undated articles come first over remote shards (no custom sort keys there)";

/// The `warnings` of a search over remote shards: did_you_mean is null there (no spelling
/// data; run_search does not ask), and undated articles come first when sorting oldest.
std::vector<std::string_view> remote_search_warnings(search::Sort sort);

/// `q` with its last word completed from the index's unprefixed terms (the stemmed
/// words), most frequent first: what suggest can offer over remote shards.
std::vector<std::string> complete_from_terms(const Xapian::Database& db, const std::string& q,
                                             int limit);

/// /health over several databases: each shard's state; `ok` false when one is down.
/// A shard's name as /health shows it: a remote's HOST:PORT, a local shard's folder name
/// (never its absolute path).
std::string public_shard_name(const std::string& name);

nlohmann::json shards_health(const DatabaseSource& source, bool& ok);

}  // namespace article_search::server
