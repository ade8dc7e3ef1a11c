/// @file A saved HTML page, parsed by libxml2's HTML parser into a tree of UTF-8 text.
///
/// The charset is taken from, in order: a byte order mark, `<meta charset>` or
/// `<meta http-equiv=Content-Type content="...; charset=...">` in the first bytes, else
/// UTF-8 when the bytes are valid UTF-8, else windows-1252 (what browsers assume).
#pragma once

#include <libxml/HTMLparser.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::ingest {

class HtmlPage {
 public:
  /// Parses `bytes` (never throws on content: malformed markup is repaired the way
  /// libxml2 repairs it). Network access and entity loading are off.
  static HtmlPage parse(std::string_view bytes);

  /// The document, or nullptr when nothing could be parsed.
  xmlDoc* doc() const { return doc_.get(); }
  /// The root element (<html>), or nullptr.
  xmlNode* root() const;
  /// The charset the bytes were decoded from, lower case ("utf-8", "windows-1252").
  const std::string& charset() const { return charset_; }
  /// Repairs made, for the indexer's warnings ("unknown charset `x`, read as windows-1252").
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  struct FreeDoc {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
  };
  std::unique_ptr<xmlDoc, FreeDoc> doc_;
  std::string charset_;
  std::vector<std::string> warnings_;
};

}  // namespace article_search::ingest
