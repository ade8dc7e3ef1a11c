/// @file bench-run: runs a command several times in a child process and prints the median,
/// min and max of its wall time and peak memory (the child's own rusage, from wait4).
///
///   bench-run RUNS TIMEOUT_SECONDS CLEAN_PATH -- COMMAND ARGS...
///
/// CLEAN_PATH (or "-") is removed before each run so every run starts from nothing. The
/// child's stdout goes to stderr; stdout holds one line:
///   runs N s_med X s_min X s_max X rss_kb_med X rss_kb_min X rss_kb_max X cpu_s_med X
#include "latency.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Outcome {
  double seconds = 0;
  double rss_kb = 0;
  double cpu_seconds = 0;  ///< user + system time: steadier than wall time on a busy machine
};

Outcome run_once(std::vector<char*>& argv, double timeout) {
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(STDERR_FILENO, STDOUT_FILENO);
    execvp(argv[0], argv.data());
    std::perror(argv[0]);
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  const auto deadline = started + std::chrono::duration<double>(timeout);
  while (true) {
    const pid_t done = wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) throw std::runtime_error("wait4 failed");
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      wait4(pid, &status, 0, &usage);
      throw std::runtime_error(std::string(argv[0]) + " timed out");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(std::string(argv[0]) + " failed");
  }
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
          static_cast<double>(usage.ru_maxrss),
          static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
              static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6};
}

bool parse_int(const char* text, int& out) {
  const std::string s(text);
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

int main(int argc, char** argv) try {
  using article_search::bench::percentile;
  int runs = 0, timeout = 0;
  if (argc < 6 || !parse_int(argv[1], runs) || runs < 1 || runs > 100 ||
      !parse_int(argv[2], timeout) || timeout < 1 || timeout > 86400 ||
      std::string(argv[4]) != "--") {
    std::fputs("Usage: bench-run RUNS(1-100) TIMEOUT_SECONDS CLEAN_PATH|- -- COMMAND ARGS...\n", stderr);
    return 2;
  }
  const std::string clean = argv[3];
  std::vector<char*> command(argv + 5, argv + argc);
  command.push_back(nullptr);
  std::vector<double> seconds, rss, cpu;
  for (int i = 0; i < runs; ++i) {
    if (clean != "-") std::filesystem::remove_all(clean);
    const Outcome outcome = run_once(command, timeout);
    seconds.push_back(outcome.seconds);
    rss.push_back(outcome.rss_kb);
    cpu.push_back(outcome.cpu_seconds);
  }
  std::printf("runs %d s_med %.4f s_min %.4f s_max %.4f rss_kb_med %.0f rss_kb_min %.0f rss_kb_max %.0f cpu_s_med %.4f\n",
              runs, percentile(seconds, 50), *std::min_element(seconds.begin(), seconds.end()),
              *std::max_element(seconds.begin(), seconds.end()), percentile(rss, 50),
              *std::min_element(rss.begin(), rss.end()), *std::max_element(rss.begin(), rss.end()), percentile(cpu, 50));
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench-run: %s\n", e.what());
  return 1;
}
