/// @file The one article record: what the indexer writes for an article and what the
/// search reads back, field for field. A new field is added here, to the stored-data
/// codec (stored.h) and, when it is searched or filtered, to the schema (schema.h).
#pragma once

#include <string>
#include <string_view>

namespace article_search {

/// One article, as indexed, stored and rendered.
struct Article {
  std::string id;      ///< stable, unique within the corpus, safe in a URL (safe_id)
  std::string title;
  bool title_derived = false;  ///< true when the title was cut from the opening sentence
  std::string date;    ///< "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS"; empty when not stated
  std::string body;    ///< the text without title, date and markup
  std::string source;  ///< the folder or collection it came from
  std::string path;    ///< where it was read from, relative to the corpus folder

  bool operator==(const Article&) const = default;
};

/// An id safe in a URL: ASCII letters, digits and `-_./` are kept, anything else becomes
/// '_' (the indexer reports the rare collisions this can cause as duplicate ids). Pure.
std::string safe_id(std::string_view raw);

/// The id for a file: its path relative to the corpus folder, without extension, with
/// '/' separators, made safe by safe_id. Pure.
std::string id_from_relative_path(std::string_view relative_path);

}  // namespace article_search
