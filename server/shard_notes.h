/// @file What the API says when shards are involved: a failed shard, each shard's health.
///
/// Policy for a shard that is down or slow: the request fails with 503
/// `shard_unavailable` naming the shard (`"shard": "HOST:PORT"` in the error object),
/// after at most the remote timeout (--remote-timeout); results that silently miss a
/// shard's articles are never returned. /health reports each shard and answers 503 while
/// one is down. The server reconnects by itself once the shard is back.
///
/// What remote shards cannot provide (no spelling data, no custom sort keys) the search
/// core leaves out by itself, saying so in the answer's `warnings` (topology::Capabilities).
#pragma once

#include "topology.h"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace article_search::server {

/// "HOST:PORT" of the remote named in a NetworkError's context ("remote:tcp(HOST:PORT)"),
/// or the whole context when it has another form. Pure.
std::string failed_shard(const std::string& context);

/// The 503 shard_unavailable answer body for a remote shard that failed.
nlohmann::json shard_unavailable_json(const Xapian::NetworkError& error);

/// A shard's name as /health shows it: a remote's HOST:PORT, a local shard's folder name
/// (never its absolute path).
std::string public_shard_name(const std::string& name);

/// /health over several databases: each shard's state; `ok` false when one is down.
nlohmann::json shards_health(const topology::DatabaseSource& source, bool& ok);

}  // namespace article_search::server
