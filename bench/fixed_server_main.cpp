/// @file bench-fixed-server: the HTTP ceiling of cpp-httplib on this machine: every GET
/// answers the same small JSON, with TCP_NODELAY and a sized thread pool as the server uses.
///
///   bench-fixed-server PORT THREADS     (listens on 127.0.0.1 only; SIGTERM stops it)
#include <httplib.h>

#include <charconv>
#include <csignal>
#include <cstdio>
#include <string>

namespace {
httplib::Server* running = nullptr;
extern "C" void stop(int) {
  if (running != nullptr) running->stop();
}
}  // namespace

int main(int argc, char** argv) {
  int port = 0, threads = 0;
  const std::string p = argc == 3 ? argv[1] : "", t = argc == 3 ? argv[2] : "";
  if (argc != 3 || std::from_chars(p.data(), p.data() + p.size(), port).ec != std::errc() ||
      port < 1 || port > 65535 ||
      std::from_chars(t.data(), t.data() + t.size(), threads).ec != std::errc() || threads < 1 ||
      threads > 256) {
    std::fputs("Usage: bench-fixed-server PORT(1-65535) THREADS(1-256)\n", stderr);
    return 2;
  }
  httplib::Server server;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  server.set_tcp_nodelay(true);
  server.Get(R"(/.*)", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"hits":[{"id":"a","title":"Fixed answer","snippet":"the HTTP ceiling"}],"total":1})",
                    "application/json");
  });
  running = &server;
  std::signal(SIGTERM, stop);
  std::signal(SIGINT, stop);
  return server.listen("127.0.0.1", port) ? 0 : 1;
}
