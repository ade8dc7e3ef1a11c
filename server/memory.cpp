/// @file How the server hands memory back to the system after a spike.
#include "memory.h"

#include <malloc.h>

namespace article_search::server {

namespace {
/// Arenas for all threads: fewer arenas, more contention; four kept the HTTP benchmark's
/// figures while bounding how many peaks are kept.
constexpr int max_arenas = 4;
/// Blocks from this size on are mapped and unmapped on their own (glibc's default
/// threshold starts at 128 KiB but grows to 32 MiB as large blocks are freed).
constexpr int mmap_threshold = 1024 * 1024;
}  // namespace

void configure_allocator() {
  mallopt(M_ARENA_MAX, max_arenas);
  mallopt(M_MMAP_THRESHOLD, mmap_threshold);
}

void release_free_memory(std::size_t threshold_bytes) {
  const struct mallinfo2 info = mallinfo2();
  if (info.fordblks > threshold_bytes) malloc_trim(0);
}

}  // namespace article_search::server
