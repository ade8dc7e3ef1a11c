/// @file Page metadata (see metadata.h).
#include "metadata.h"

namespace article_search::ingest {

PageMetadata read_metadata(const HtmlPage&) { return {}; }

}  // namespace article_search::ingest
