/// @file Language tags as pages and feeds write them ("EN_us", "pt-br", "fr"), in BCP 47's
/// conventional case.
#pragma once

#include <string>
#include <string_view>

namespace article_search::ingest {

/// `text` as a BCP 47 tag in its usual case ("en", "pt-BR", "zh-Hant-TW"; "_" read as
/// "-"), or "" when it does not look like one ("English", "en-US,fr", "*"). Pure.
std::string language_tag(std::string_view text);

}  // namespace article_search::ingest
