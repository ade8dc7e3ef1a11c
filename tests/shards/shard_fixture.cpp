/// @file Shard servers for the tests.
#include "shard_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace article_search::testing {
namespace {

bool accepts_connections(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

/// Waits for `pid` to exit, at most `seconds`; true when it did.
bool wait_exit(pid_t pid, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid || done < 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace

indexer::Summary index_shards(const std::filesystem::path& db,
                              const std::vector<std::filesystem::path>& inputs, unsigned shards,
                              bool rebuild) {
  indexer::Options options;
  options.db = db;
  options.inputs = inputs;
  options.shards = shards;
  options.rebuild = rebuild;
  options.threads = 1;
  return run_indexer(std::move(options));
}

int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot bind a loopback port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

TcpShardServer::TcpShardServer(const std::filesystem::path& db) {
  // Another process may take the free port before xapian-tcpsrv does: try a few.
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (start(db)) return;
  }
  throw std::runtime_error("xapian-tcpsrv did not start for " + db.string());
}

bool TcpShardServer::start(const std::filesystem::path& db) {
  port_ = free_loopback_port();
  const std::string port = std::to_string(port_), path = db.string();
  std::vector<std::string> args = {XAPIAN_TCPSRV, "--port",  port, "--interface",
                                   "127.0.0.1",   "--quiet", path};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);  // its own group: it signals the group on exit
  const int failed = ::posix_spawn(&pid_, argv[0], nullptr, &attr, argv.data(), environ);
  posix_spawnattr_destroy(&attr);
  if (failed != 0) throw std::runtime_error(std::string("cannot run ") + XAPIAN_TCPSRV);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (accepts_connections(port_)) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) break;  // it exited (port taken?)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop();
  return false;
}

void TcpShardServer::stop() {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGCONT);
  ::kill(-pid_, SIGTERM);
  if (!wait_exit(pid_, 5)) {
    ::kill(-pid_, SIGKILL);
    wait_exit(pid_, 5);
  }
  ::kill(-pid_, SIGKILL);  // connection handlers left in the group
  pid_ = -1;
}

void TcpShardServer::pause() { ::kill(-pid_, SIGSTOP); }
void TcpShardServer::resume() { ::kill(-pid_, SIGCONT); }

TcpShardServer::~TcpShardServer() { stop(); }

server::ServerOptions server_options(const std::vector<std::filesystem::path>& dbs,
                                     double remote_timeout_seconds) {
  auto options = test_server_options(dbs.at(0));
  options.more_dbs.assign(dbs.begin() + 1, dbs.end());
  options.remote_timeout_seconds = remote_timeout_seconds;
  return options;
}

}  // namespace article_search::testing
