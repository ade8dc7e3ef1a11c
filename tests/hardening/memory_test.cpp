/// @file Memory is handed back after a spike: glibc kept each thread arena's peak (the
/// server stayed at 203 MiB after hostile requests, 1.1 GB after heavy searches).
#include "memory.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {

[[maybe_unused]] std::size_t resident_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6)) * 1024;
  }
  return 0;
}

/// What a burst of searches does to the heap: many threads, each allocating blocks below
/// the mmap threshold (postings, documents, JSON) and touching them, then freeing them,
/// while small blocks allocated between them live on (caches, the database's state): the
/// free space cannot merge into the heap's top, so glibc keeps it resident.
[[maybe_unused]] std::vector<void*> spike(std::size_t threads, std::size_t blocks,
                                         std::size_t block_bytes) {
  std::vector<std::vector<void*>> kept(threads);
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < threads; ++t) {
    workers.emplace_back([&kept, t, blocks, block_bytes] {
      std::vector<char*> held;
      for (std::size_t i = 0; i < blocks; ++i) {
        auto* block = static_cast<char*>(std::malloc(block_bytes));
        for (std::size_t at = 0; at < block_bytes; at += 4096) block[at] = 1;
        held.push_back(block);
        kept[t].push_back(std::malloc(64));
      }
      for (char* block : held) std::free(block);
    });
  }
  for (std::thread& worker : workers) worker.join();
  std::vector<void*> all;
  for (const auto& some : kept) all.insert(all.end(), some.begin(), some.end());
  return all;
}

}  // namespace

TEST_SUITE("memory") {
  TEST_CASE("free heap memory goes back to the system after a spike") {
#if defined(__SANITIZE_ADDRESS__)
    MESSAGE("ASan has an allocator of its own: nothing to measure");
#else
    using article_search::server::configure_allocator;
    using article_search::server::release_free_memory;
    configure_allocator();
    const std::size_t before = resident_bytes();
    const std::vector<void*> survivors = spike(8, 800, 100 * 1024);  // 8 threads x 80 MB
    const std::size_t after_spike = resident_bytes();
    release_free_memory();
    const std::size_t after_release = resident_bytes();
    for (void* block : survivors) std::free(block);
    MESSAGE("RSS: before " << before / 1048576 << " MiB, after the spike " << after_spike / 1048576
                           << " MiB, released " << after_release / 1048576 << " MiB");
    // The spike kept its peak until released; after it, at most a sixth of it remains.
    CHECK(after_spike > before + 100 * 1048576);
    CHECK(after_release < before + (after_spike - before) / 6);
#endif
  }
}
