/// @file "Did you mean": spelling corrections, offered only when they would help.
#pragma once

#include "search.h"

#include <xapian.h>

#include <optional>
#include <string_view>

namespace article_search::search {

/// A corrected query, when some word of `q` is rare or absent from the index and the
/// spelling dictionary knows a far more frequent word close to it. A correction that
/// stems like the original (`bans` → `ban`) is never offered: it would match the same.
/// Words of up to 5 bytes may be one edit away from the correction, longer ones two.
std::optional<DidYouMean> did_you_mean(const Xapian::Database& db, std::string_view q);

}  // namespace article_search::search
