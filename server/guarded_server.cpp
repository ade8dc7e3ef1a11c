/// @file httplib::Server behind an event loop and a strict request reader (see the header).
#include "guarded_server.h"

#include "memory.h"
#include "render.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace article_search::server {
namespace {

using Clock = std::chrono::steady_clock;
using search::ErrorCode;

/// Methods of RFC 9110 (and PATCH): anything else is 501, these 405 where not allowed.
bool is_known_method(std::string_view method) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"}) {
    if (method == known) return true;
  }
  return false;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
  }
}

/// A response written by the connection layer: a JSON error, or an empty 204.
std::string direct_response(int status, const std::string& body, bool head_only, bool close,
                            std::string_view extra_headers) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
  if (status != 204) {
    out += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  out += "X-Content-Type-Options: nosniff\r\n";
  out += close ? "Connection: close\r\n" : "";
  out += extra_headers;
  out += "\r\n";
  if (!head_only && status != 204) out += body;
  return out;
}

std::string error_body(ErrorCode code, std::string message) {
  return search::dump(search::to_json(search::ApiError{code, std::move(message), ""}));
}

/// httplib's view of the request: it parses only the canonical copy, and gets the
/// client's headers here, as sent (httplib would URL-decode their values). Framing
/// headers are the reader's business, and compression is offered as gzip only (httplib
/// would pick brotli at its highest level: 32 times the CPU of the uncompressed answer).
void adopt_client_headers(httplib::Request& request, const RequestHead& head) {
  request.headers.erase("Host");
  for (const Header& header : head.headers) {
    bool skipped = false;
    for (std::string_view name : {"Content-Length", "Transfer-Encoding", "Expect", "Accept-Encoding",
                                  "REMOTE_ADDR", "REMOTE_PORT", "LOCAL_ADDR", "LOCAL_PORT"}) {
      skipped = skipped || iequals(header.name, name);
    }
    if (!skipped) request.headers.emplace(header.name, header.value);
  }
  const std::string* encodings = head.find("Accept-Encoding");
  // A range of a compressed answer would be a range of other bytes: no gzip with Range.
  if (encodings && accepts_gzip(*encodings) && !head.find("Range")) {
    request.headers.emplace("Accept-Encoding", "gzip");
  }
}

/// The stream httplib reads the canonical request from and writes its response to.
class ReplayStream : public httplib::Stream {
 public:
  ReplayStream(std::string_view input, std::string& output, const std::string& peer_ip, int peer_port,
               const std::string& local_ip, int local_port)
      : input_(input), output_(output), peer_ip_(peer_ip), local_ip_(local_ip),
        peer_port_(peer_port), local_port_(local_port) {}

  bool is_readable() const override { return true; }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, std::size_t size) override {
    const std::size_t n = std::min(size, input_.size());
    std::copy_n(input_.data(), n, ptr);
    input_.remove_prefix(n);
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, std::size_t size) override {
    output_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = peer_ip_;
    port = peer_port_;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = local_ip_;
    port = local_port_;
  }
  socket_t socket() const override { return INVALID_SOCKET; }

 private:
  std::string_view input_;
  std::string& output_;
  const std::string& peer_ip_;
  const std::string& local_ip_;
  int peer_port_, local_port_;
};

struct Address {
  std::string ip;
  int port = 0;
};

using NameFunction = int (*)(int, sockaddr*, socklen_t*);
Address address_of(int fd, NameFunction name) {
  Address result;
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (name(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return result;
  char host[NI_MAXHOST] = "";
  char service[NI_MAXSERV] = "";
  if (::getnameinfo(reinterpret_cast<sockaddr*>(&address), length, host, sizeof host, service,
                    sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    result.ip = host;
    result.port = std::atoi(service);
  }
  return result;
}

}  // namespace

bool MethodRule::allows(std::string_view method) const {
  std::string_view rest = allow;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item == method) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

/// A request read in full, waiting for or running on a worker.
struct Job {
  int fd = -1;
  std::uint64_t connection = 0;
  RequestReader request;
  bool close = false;
  Address peer, local;
};

struct Finished {
  int fd = -1;
  std::uint64_t connection = 0;
  std::string response;
  bool close = false;
};

/// The worker threads and their two queues: light requests first, and one worker that
/// takes nothing else.
class Workers {
 public:
  Workers(GuardedServer& server, std::size_t count, int wake_fd)
      : server_(server), wake_fd_(wake_fd) {
    threads_.emplace_back([this] { work(true); });
    for (std::size_t i = 0; i < count; ++i) threads_.emplace_back([this] { work(false); });
  }
  ~Workers() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    light_ready_.notify_all();
    for (std::thread& thread : threads_) thread.join();
  }

  /// False when the queue is full.
  bool push(Job job, bool light, std::size_t max_queued) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      std::deque<Job>& queue = light ? light_ : heavy_;
      if (queue.size() >= max_queued) return false;
      queue.push_back(std::move(job));
    }
    // One worker is woken, not all of them: on two cores, waking sixteen for each request
    // cost more than the request. A light job may go to the light worker or a general one.
    if (light) light_ready_.notify_one();
    ready_.notify_one();
    return true;
  }

  std::vector<Finished> take_finished() {
    const std::lock_guard<std::mutex> lock(finished_mutex_);
    return std::exchange(finished_, {});
  }

 private:
  void work(bool light_only) {
    while (true) {
      Job job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        (light_only ? light_ready_ : ready_).wait(lock, [&] {
          return stopping_ || !light_.empty() || (!light_only && !heavy_.empty());
        });
        if (stopping_ && light_.empty() && heavy_.empty()) return;
        std::deque<Job>& queue = !light_.empty() ? light_ : heavy_;
        if (queue.empty()) continue;
        job = std::move(queue.front());
        queue.pop_front();
      }
      Finished done{job.fd, job.connection, respond(job), job.close};
      {
        const std::lock_guard<std::mutex> lock(finished_mutex_);
        finished_.push_back(std::move(done));
      }
      const std::uint64_t one = 1;
      [[maybe_unused]] const ssize_t written = ::write(wake_fd_, &one, sizeof one);
    }
  }

  std::string respond(const Job& job) {
    try {
      return server_.handle(job.request.head(), job.request.body(), job.close, job.peer.ip,
                            job.peer.port, job.local.ip, job.local.port);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "error: %s\n", e.what());
    } catch (...) {
    }
    return direct_response(500, error_body(ErrorCode::internal, "Internal error."),
                           job.request.head().method == "HEAD", true, "");
  }

  GuardedServer& server_;
  int wake_fd_;
  std::mutex mutex_;
  std::condition_variable ready_;        ///< the general workers wait here
  std::condition_variable light_ready_;  ///< the light-only worker waits here
  std::deque<Job> light_, heavy_;
  bool stopping_ = false;
  std::mutex finished_mutex_;
  std::vector<Finished> finished_;
  std::vector<std::thread> threads_;
};

/// The event loop: every socket, its reading, writing and deadlines.
class GuardedServer::Loop {
 public:
  explicit Loop(GuardedServer& server)
      : server_(server), limits_(server.limits_), listen_fd_(server.svr_sock_),
        epoll_fd_(::epoll_create1(EPOLL_CLOEXEC)),
        workers_(server, std::max<std::size_t>(1, server.workers_), server.wake_fd_) {}
  ~Loop() {
    for (auto& [fd, connection] : connections_) ::close(fd);
    if (epoll_fd_ >= 0) ::close(epoll_fd_);
  }

  bool run();

 private:
  enum class Phase { reading, handling, writing, lingering, closed };
  struct Connection {
    int fd = -1;
    std::uint64_t id = 0;
    Phase phase = Phase::reading;
    RequestReader reader;
    std::string input;  ///< received, not yet read by `reader` (pipelined requests)
    std::string output;
    std::size_t sent = 0;
    bool close_after_write = false;
    bool peer_gone = false;  ///< hung up while its request was being handled
    std::size_t lingered = 0;  ///< bytes discarded while lingering
    std::size_t served = 0;
    Clock::time_point idle_since, request_started, last_progress, write_deadline, linger_until;
    Address peer, local;
  };

  void watch(int fd, std::uint32_t events, int op) {
    epoll_event event{};
    event.events = events;
    event.data.fd = fd;
    ::epoll_ctl(epoll_fd_, op, fd, &event);
  }
  void set_interest(Connection& connection, std::uint32_t events) {
    watch(connection.fd, events, EPOLL_CTL_MOD);
  }

  void accept_all();
  bool evict_idle();
  void on_event(int fd, std::uint32_t events);
  void on_readable(Connection& connection);
  void advance(Connection& connection);
  void decide(Connection& connection);
  void dispatch(Connection& connection);
  void answer(Connection& connection, int status, const std::string& body, bool close,
              std::string_view extra_headers = "");
  void refuse(Connection& connection, const Refusal& refusal, std::string_view extra_headers = "");
  void log_refused(const Connection& connection, int status);
  void start_writing(Connection& connection, std::string output, bool close);
  void write_some(Connection& connection);
  void begin_linger(Connection& connection);
  void close_connection(int fd);
  void collect_finished();
  void advance_pending();
  void sweep(Clock::time_point now);
  bool drained() const;

  GuardedServer& server_;
  const ConnectionLimits limits_;
  int listen_fd_;
  int epoll_fd_;
  std::unordered_map<int, std::unique_ptr<Connection>> connections_;
  std::uint64_t next_id_ = 1;
  bool accepting_ = true;
  bool stop_started_ = false;
  std::size_t handled_since_trim_ = 0;
  std::size_t buffered_output_ = 0;  ///< bytes of answers held for sending
  std::vector<std::pair<int, std::uint64_t>> to_advance_;  ///< connections with input to read on
  std::vector<std::unique_ptr<Connection>> closed_;         ///< freed at the end of a turn
  Workers workers_;
};

bool GuardedServer::Loop::run() {
  if (epoll_fd_ < 0 || listen_fd_ == INVALID_SOCKET) return false;
  // accept() until it would block: httplib made the socket blocking.
  ::fcntl(listen_fd_, F_SETFL, ::fcntl(listen_fd_, F_GETFL) | O_NONBLOCK);
  watch(listen_fd_, EPOLLIN, EPOLL_CTL_ADD);
  watch(server_.wake_fd_, EPOLLIN, EPOLL_CTL_ADD);
  auto last_sweep = Clock::now();
  auto last_trim = last_sweep;
  std::array<epoll_event, 256> events{};
  while (true) {
    const int wait_ms = to_advance_.empty() ? 50 : 0;
    const int ready = ::epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), wait_ms);
    for (int i = 0; i < ready; ++i) {
      const int fd = events[static_cast<std::size_t>(i)].data.fd;
      if (fd == listen_fd_) {
        accept_all();
      } else if (fd == server_.wake_fd_) {
        std::uint64_t count = 0;
        [[maybe_unused]] const ssize_t got = ::read(server_.wake_fd_, &count, sizeof count);
      } else {
        on_event(fd, events[static_cast<std::size_t>(i)].events);
      }
    }
    collect_finished();
    advance_pending();
    closed_.clear();
    const auto now = Clock::now();
    if (now - last_sweep >= std::chrono::milliseconds(100)) {
      sweep(now);
      last_sweep = now;
    }
    // Hand memory back after a burst of requests (glibc keeps every arena's peak).
    if (handled_since_trim_ > 0 && now - last_trim >= std::chrono::seconds(1)) {
      release_free_memory();
      handled_since_trim_ = 0;
      last_trim = now;
    }
    if (server_.stopping_ && !stop_started_) {
      stop_started_ = true;
      if (accepting_) ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, listen_fd_, nullptr);
      accepting_ = false;
      std::vector<int> idle;
      for (const auto& [fd, connection] : connections_) {
        if (connection->phase == Phase::reading || connection->phase == Phase::lingering) idle.push_back(fd);
      }
      for (int fd : idle) close_connection(fd);
    }
    if (stop_started_ && drained()) return true;
  }
}

bool GuardedServer::Loop::drained() const {
  return std::none_of(connections_.begin(), connections_.end(), [](const auto& entry) {
    return entry.second->phase == Phase::handling || entry.second->phase == Phase::writing;
  });
}

void GuardedServer::Loop::accept_all() {
  for (int accepted = 0; accepted < 64; ++accepted) {
    if (connections_.size() >= limits_.max_connections) {
      // Evict only for a connection that is waiting: this loop runs until accept() would
      // block, and evicting before that last, failed accept() closed an idle connection
      // (or the one just accepted, before its first byte) for nobody.
      pollfd pending{listen_fd_, POLLIN, 0};
      if (::poll(&pending, 1, 0) <= 0) return;
      if (!evict_idle()) {
        // Full of busy connections: leave the rest in the kernel's backlog for now.
        ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, listen_fd_, nullptr);
        accepting_ = false;
        return;
      }
    }
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    auto connection = std::make_unique<Connection>();
    connection->fd = fd;
    connection->id = next_id_++;
    connection->reader = RequestReader(limits_.request);
    connection->idle_since = Clock::now();
    connection->peer = address_of(fd, ::getpeername);
    connection->local = address_of(fd, ::getsockname);
    connections_[fd] = std::move(connection);
    watch(fd, EPOLLIN | EPOLLRDHUP, EPOLL_CTL_ADD);
  }
}

/// Closes the connection that has waited longest for a request; false when none waits.
bool GuardedServer::Loop::evict_idle() {
  Connection* oldest = nullptr;
  for (const auto& [fd, connection] : connections_) {
    const bool idle = connection->phase == Phase::lingering ||
                      (connection->phase == Phase::reading && !connection->reader.started());
    if (idle && (!oldest || connection->idle_since < oldest->idle_since)) oldest = connection.get();
  }
  if (!oldest) return false;
  close_connection(oldest->fd);
  return true;
}

/// The connection object lives on until the loop's turn ends, so that callers up the
/// stack holding a reference to it see Phase::closed instead of freed memory.
void GuardedServer::Loop::close_connection(int fd) {
  const auto found = connections_.find(fd);
  if (found == connections_.end()) return;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  ::close(fd);
  if (found->second->phase == Phase::writing) buffered_output_ -= found->second->output.size();
  found->second->phase = Phase::closed;
  closed_.push_back(std::move(found->second));
  connections_.erase(found);
  if (!accepting_ && !server_.stopping_ && connections_.size() < limits_.max_connections) {
    watch(listen_fd_, EPOLLIN, EPOLL_CTL_ADD);
    accepting_ = true;
  }
}

void GuardedServer::Loop::on_event(int fd, std::uint32_t events) {
  const auto found = connections_.find(fd);
  if (found == connections_.end()) return;
  Connection& connection = *found->second;
  switch (connection.phase) {
    case Phase::closed: return;
    case Phase::handling:
      // Nothing is read or written until the worker is done; a hang-up is reported even
      // without interest, so stop watching it (level-triggered, it would spin the loop).
      if (events & (EPOLLERR | EPOLLHUP)) {
        ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
        connection.peer_gone = true;
      }
      return;
    case Phase::writing:
      if (events & (EPOLLERR | EPOLLHUP)) return close_connection(fd);
      return write_some(connection);
    case Phase::reading:
    case Phase::lingering:
      if (events & EPOLLERR) return close_connection(fd);
      return on_readable(connection);
  }
}

void GuardedServer::Loop::on_readable(Connection& connection) {
  char buffer[16384];
  const ssize_t got = ::recv(connection.fd, buffer, sizeof buffer, MSG_DONTWAIT);
  if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
    return close_connection(connection.fd);
  }
  if (got < 0) return;
  if (connection.phase == Phase::lingering) {
    // Discarded, up to a point: a client that floods on after its answer (a 32 MiB request
    // line, a 64 MiB body) was otherwise read at full speed for all of linger_timeout.
    connection.lingered += static_cast<std::size_t>(got);
    if (connection.lingered > limits_.max_linger_bytes) close_connection(connection.fd);
    return;
  }
  connection.input.append(buffer, static_cast<std::size_t>(got));
  advance(connection);
}

/// Feeds what has arrived to the reader and acts on where it stands.
void GuardedServer::Loop::advance(Connection& connection) {
  while (connection.phase == Phase::reading) {
    const bool was_started = connection.reader.started();
    connection.input.erase(0, connection.reader.feed(connection.input));
    if (!was_started && connection.reader.started()) connection.request_started = Clock::now();
    switch (connection.reader.state()) {
      case RequestReader::State::head:
      case RequestReader::State::body: return;  // more to come
      case RequestReader::State::head_done: decide(connection); continue;
      case RequestReader::State::done: return dispatch(connection);
      case RequestReader::State::refused: return refuse(connection, connection.reader.refusal());
    }
  }
}

namespace {

/// A CORS preflight's grant (cors.h): empty unless CORS is on; then Vary too, since the
/// answer depends on the Origin.
std::string preflight_headers(const CorsPolicy& cors, const RequestHead& head, const MethodRule& rule) {
  if (!cors.enabled()) return {};
  const auto value = [&](std::string_view name) {
    const std::string* found = head.find(name);
    return found ? std::string_view(*found) : std::string_view{};
  };
  return cors.preflight_grant(value("Origin"), value("Access-Control-Request-Method"),
                              value("Access-Control-Request-Headers"), rule.allow) +
         "Vary: Origin\r\n";
}

}  // namespace

/// The head is in: answer now what the route cannot take, before any body is read.
void GuardedServer::Loop::decide(Connection& connection) {
  const RequestHead& head = connection.reader.head();
  const MethodRule rule = server_.rules_ ? server_.rules_(head.path()) : MethodRule{};
  const std::string allow = "Allow: " + rule.allow + "\r\n";
  if (head.method == "OPTIONS") {
    log_refused(connection, 204);
    return answer(connection, 204, "", head.has_body(), allow + preflight_headers(server_.cors_, head, rule));
  }
  if (!is_known_method(head.method)) {
    return refuse(connection, {ErrorCode::not_implemented, "Method " + head.method + " is not implemented."});
  }
  if (!rule.allows(head.method)) {
    return refuse(connection,
                  {ErrorCode::method_not_allowed, "Method " + head.method + " is not allowed on `" +
                                                      std::string(head.path()) + "`; it takes " + rule.allow + "."},
                  allow);
  }
  if (server_.admission_) {
    if (const auto denial = server_.admission_(head)) return refuse(connection, denial->refusal, denial->headers);
  }
  if (head.has_body() && (head.method == "GET" || head.method == "HEAD")) {
    return refuse(connection, {ErrorCode::invalid_request, "A " + head.method + " request carries no body."});
  }
  const std::string* encoding = head.find("Content-Encoding");
  if (head.has_body() && encoding && !iequals(*encoding, "identity")) {
    return refuse(connection, {ErrorCode::unsupported_media_type, "Compressed request bodies are not accepted."});
  }
  connection.reader.accept_body(rule.max_body);
  if (head.expect_continue && connection.reader.state() == RequestReader::State::body) {
    static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
    [[maybe_unused]] const ssize_t sent = ::send(connection.fd, go_on.data(), go_on.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  }
}

void GuardedServer::Loop::dispatch(Connection& connection) {
  ++connection.served;
  const RequestHead& head = connection.reader.head();
  const bool close = !head.keep_alive || connection.served >= limits_.keep_alive_requests || server_.stopping_;
  const bool light = server_.light_ && server_.light_(head.path());
  Job job{connection.fd, connection.id, std::move(connection.reader), close, connection.peer, connection.local};
  connection.reader = RequestReader(limits_.request);
  // Answers not yet taken by their clients are memory: past the bound, new work waits.
  const bool full = buffered_output_ > limits_.max_buffered_output;
  if (full || !workers_.push(std::move(job), light, limits_.max_queued)) {
    log_refused(connection, 503);
    return answer(connection, 503, error_body(ErrorCode::overloaded, "The server is busy; try again."), close,
                  "Retry-After: 1\r\n");
  }
  connection.phase = Phase::handling;
  set_interest(connection, 0);
}

void GuardedServer::Loop::collect_finished() {
  for (Finished& done : workers_.take_finished()) {
    const auto found = connections_.find(done.fd);
    if (found == connections_.end() || found->second->id != done.connection) continue;
    Connection& connection = *found->second;
    ++handled_since_trim_;
    if (connection.peer_gone) {
      close_connection(connection.fd);
      continue;
    }
    start_writing(connection, std::move(done.response), done.close);
  }
}

/// Holds `output` for sending. Besides progress every write_timeout, the client must take
/// the whole of it at min_send_rate: one that reads a byte every few seconds would keep a
/// large answer in memory for ever.
void GuardedServer::Loop::start_writing(Connection& connection, std::string output, bool close) {
  const auto now = Clock::now();
  const auto transfer = std::chrono::milliseconds(output.size() * 1000 / limits_.min_send_rate);
  buffered_output_ += output.size();
  connection.output = std::move(output);
  connection.sent = 0;
  connection.close_after_write = close;
  connection.phase = Phase::writing;
  connection.last_progress = now;
  connection.write_deadline = now + limits_.write_timeout + transfer;
  write_some(connection);
}

void GuardedServer::Loop::advance_pending() {
  for (const auto& [fd, id] : std::exchange(to_advance_, {})) {
    const auto found = connections_.find(fd);
    if (found != connections_.end() && found->second->id == id) advance(*found->second);
  }
}

void GuardedServer::Loop::answer(Connection& connection, int status, const std::string& body, bool close,
                                 std::string_view extra_headers) {
  const bool head_only = connection.reader.state() != RequestReader::State::head &&
                         connection.reader.head().method == "HEAD";
  connection.reader = RequestReader(limits_.request);
  start_writing(connection, direct_response(status, body, head_only, close, extra_headers), close);
}

/// A refused request closes its connection: the bytes after it frame nothing we trust.
void GuardedServer::Loop::refuse(Connection& connection, const Refusal& refusal, std::string_view extra_headers) {
  log_refused(connection, refusal.status());
  answer(connection, refusal.status(), error_body(refusal.code, refusal.message), true, extra_headers);
}

void GuardedServer::Loop::log_refused(const Connection& connection, int status) {
  if (!server_.refusal_log_) return;
  const RequestReader& reader = connection.reader;
  const bool has_head = reader.state() == RequestReader::State::head_done ||
                        reader.state() == RequestReader::State::body || reader.state() == RequestReader::State::done;
  server_.refusal_log_({has_head ? reader.head().method : "-", has_head ? reader.head().target : "-", status});
}

void GuardedServer::Loop::write_some(Connection& connection) {
  while (connection.sent < connection.output.size()) {
    const ssize_t n = ::send(connection.fd, connection.output.data() + connection.sent,
                             connection.output.size() - connection.sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      connection.sent += static_cast<std::size_t>(n);
      connection.last_progress = Clock::now();
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      return set_interest(connection, EPOLLOUT);
    }
    return close_connection(connection.fd);
  }
  buffered_output_ -= connection.output.size();
  connection.output = {};
  if (connection.close_after_write) return begin_linger(connection);
  connection.phase = Phase::reading;
  connection.idle_since = Clock::now();
  set_interest(connection, EPOLLIN | EPOLLRDHUP);
  // The next request may be here already (pipelining): read on from the loop, not by
  // recursion, however many small requests a client packs into one read.
  if (!connection.input.empty()) to_advance_.push_back({connection.fd, connection.id});
}

/// Half-close and drain: the client reads our answer instead of a reset.
void GuardedServer::Loop::begin_linger(Connection& connection) {
  ::shutdown(connection.fd, SHUT_WR);
  connection.phase = Phase::lingering;
  connection.input = {};
  connection.linger_until = Clock::now() + limits_.linger_timeout;
  set_interest(connection, EPOLLIN);
  // A lingering connection may be evicted for a new one: when accepting paused because
  // every connection was busy, resume now rather than when this one closes (up to
  // linger_timeout later, with a new connection waiting in the backlog all that time).
  if (!accepting_ && !server_.stopping_) {
    watch(listen_fd_, EPOLLIN, EPOLL_CTL_ADD);
    accepting_ = true;
  }
}

void GuardedServer::Loop::sweep(Clock::time_point now) {
  const bool crowded = connections_.size() > limits_.max_connections / 2;
  std::vector<int> expired;
  std::vector<Connection*> late;
  for (const auto& [fd, connection] : connections_) {
    switch (connection->phase) {
      case Phase::reading:
        if (!connection->reader.started()) {
          const auto idle_limit = connection->served == 0 ? limits_.first_byte_timeout
                                  : crowded               ? limits_.crowded_idle_timeout
                                                          : limits_.idle_timeout;
          if (now - connection->idle_since > idle_limit) expired.push_back(fd);
        } else if (now - connection->request_started > limits_.request_timeout) {
          late.push_back(connection.get());
        }
        break;
      case Phase::writing:
        if (now - connection->last_progress > limits_.write_timeout || now > connection->write_deadline) {
          expired.push_back(fd);
        }
        break;
      case Phase::lingering:
        if (now > connection->linger_until) expired.push_back(fd);
        break;
      case Phase::handling:
      case Phase::closed: break;
    }
  }
  for (Connection* connection : late) {
    refuse(*connection, {ErrorCode::request_timeout, "The request did not arrive in time."});
  }
  for (int fd : expired) close_connection(fd);
}

GuardedServer::GuardedServer() : wake_fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

GuardedServer::~GuardedServer() {
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

bool GuardedServer::serve() {
  serving_ = true;
  bool ok = false;
  {
    Loop loop(*this);
    ok = loop.run();
  }
  const socket_t sock = svr_sock_.exchange(INVALID_SOCKET);
  if (sock != INVALID_SOCKET) ::close(sock);
  serving_ = false;
  return ok;
}

void GuardedServer::shut_down() {
  stopping_ = true;
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t written = ::write(wake_fd_, &one, sizeof one);
}

bool GuardedServer::widen_listen_backlog(int backlog) {
  const socket_t sock = svr_sock_;
  return sock != INVALID_SOCKET && ::listen(sock, backlog) == 0;
}

std::string GuardedServer::handle(const RequestHead& head, const std::string& body, bool close,
                                  const std::string& peer_ip, int peer_port, const std::string& local_ip,
                                  int local_port) {
  std::string canonical = head.method + " " + head.target + " HTTP/1." + std::to_string(head.minor_version) +
                          "\r\nHost: canonical\r\n";
  if (!body.empty()) canonical += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  canonical += "\r\n";
  canonical += body;
  std::string output;
  ReplayStream stream(canonical, output, peer_ip, peer_port, local_ip, local_port);
  bool connection_closed = false;
  process_request(stream, close, connection_closed,
                  [&](httplib::Request& request) { adopt_client_headers(request, head); });
  return output;
}

}  // namespace article_search::server
