/// @file How the server hands memory back to the system after a spike.
///
/// glibc gives each thread that allocates an arena of its own (up to eight per core) and
/// keeps every arena's peak: after a run of hostile requests the server stayed at 203 MiB,
/// after twenty heavy searches at 1.1 GB. So the arenas are capped, large blocks are
/// always mapped (and unmapped when freed) instead of glibc raising that threshold as it
/// goes, and the event loop trims the heaps after a burst of requests.
#pragma once

#include <cstddef>

namespace article_search::server {

/// Call once, before any thread starts.
void configure_allocator();

/// Returns free heap memory to the system when more than `threshold_bytes` of it is held.
/// Cheap when there is little to return: call it after bursts of work.
void release_free_memory(std::size_t threshold_bytes = 16 * 1024 * 1024);

}  // namespace article_search::server
