/// @file httplib::Server behind an event loop of its own and a strict request reader.
///
/// httplib 0.11.4 gives every accepted connection a worker thread until it closes, reads
/// with a timeout that restarts with every byte, and trusts framing it should refuse. So
/// 64 silent sockets took all 64 workers, a fast sender was read for ever, and smuggled
/// requests went through. Here:
///
/// - One event-loop thread owns every socket: it accepts, reads, writes and times out.
///   Idle, trickling or slow-reading connections cost a file descriptor and a buffer, never
///   a worker. A worker gets a request only once all of it has arrived, and hands back the
///   whole response, which the loop sends.
/// - Each request is read by RequestReader (request_reader.h): exact framing, bounded
///   head and body; a method or body the route does not take is answered at once, before
///   the body is read. httplib then sees a canonical copy of the request (request line,
///   Host, the body's length) and gets the client's headers, undecoded, through its
///   setup hook: its parser never meets the client's bytes.
/// - Deadlines: a first byte within `first_byte_timeout`, a whole request within
///   `request_timeout` of its first byte (checked on every read: fast senders too), a
///   kept-alive connection idle at most `idle_timeout` (shorter when connections crowd),
///   and a response taken by the client with progress every `write_timeout` and whole at
///   `min_send_rate`.
/// - Bounded: at most `max_connections` (then the oldest idle one is closed, or accepting
///   pauses and the kernel's backlog holds the rest), at most `max_queued` requests waiting
///   for a worker (then 503 `overloaded`). Light requests (health, metrics, static files)
///   have a worker of their own, so a queue of searches never delays /health.
/// - Closing with unread input shuts down writing first and drains what the client still
///   sends for a moment (lingering close), so a reset does not destroy answers sent.
#pragma once

#include "cors.h"
#include "request_reader.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace article_search::server {

/// Pending connections the kernel queues for accept() (httplib listens with 5).
inline constexpr int listen_backlog = 1024;

struct ConnectionLimits {
  RequestLimits request;
  std::chrono::milliseconds first_byte_timeout{2000};
  std::chrono::milliseconds request_timeout{5000};
  std::chrono::milliseconds idle_timeout{5000};
  /// Idle timeout once more than half of max_connections are open.
  std::chrono::milliseconds crowded_idle_timeout{500};
  std::chrono::milliseconds write_timeout{5000};
  /// A whole answer must be taken at this rate, plus write_timeout (bytes a second).
  std::size_t min_send_rate = 64 * 1024;
  /// Bytes of answers held for slow clients; beyond, new requests get 503 `overloaded`.
  std::size_t max_buffered_output = 512 * 1024 * 1024;
  std::chrono::milliseconds linger_timeout{1000};
  /// Bytes drained while lingering before closing anyway (a flood is not read for the
  /// whole linger_timeout: the client had its answer and is sending regardless).
  std::size_t max_linger_bytes = 1024 * 1024;
  std::size_t max_connections = 4096;
  std::size_t max_queued = 512;
  /// Requests served on one keep-alive connection before it is closed.
  std::size_t keep_alive_requests = 100;
};

/// What a path allows: the methods (as an `Allow` value) and the largest body.
struct MethodRule {
  std::string allow = "GET, HEAD, OPTIONS";
  std::uint64_t max_body = 0;
  bool allows(std::string_view method) const;
};

/// A request that may not go on (auth.h): the answer, and its extra header lines.
struct Denial {
  Refusal refusal;
  std::string headers;
};

/// A request answered by the connection layer itself (refused, timed out, OPTIONS).
struct RefusedRequest {
  std::string method, target;
  int status = 0;
};

class GuardedServer : public httplib::Server {
 public:
  using RulesFor = std::function<MethodRule(std::string_view path)>;
  using LaneOf = std::function<bool(std::string_view path)>;  ///< true: a light request
  using RefusalLog = std::function<void(const RefusedRequest&)>;
  /// Whether a request may go on, from its head: checked before its body is read.
  using Admission = std::function<std::optional<Denial>(const RequestHead&)>;

  GuardedServer();
  ~GuardedServer() override;

  void set_limits(ConnectionLimits limits) { limits_ = limits; }
  void set_workers(std::size_t workers) { workers_ = workers; }
  void set_rules(RulesFor rules) { rules_ = std::move(rules); }
  void set_light_lane(LaneOf light) { light_ = std::move(light); }
  void set_refusal_log(RefusalLog log) { refusal_log_ = std::move(log); }
  void set_admission(Admission admission) { admission_ = std::move(admission); }
  /// Preflights (OPTIONS) are granted by `cors`; the routes add its headers to answers.
  void set_cors(CorsPolicy cors) { cors_ = std::move(cors); }

  /// Serves the socket bound by bind_to_port()/bind_to_any_port() until shut_down():
  /// blocking. Requests being handled are finished and sent before it returns.
  bool serve();
  /// Stops serve(); safe from any thread (and from a signal handler).
  void shut_down();
  bool serving() const { return serving_; }
  /// Widens the backlog of the bound socket (listen() again changes only that).
  bool widen_listen_backlog(int backlog);

  /// Runs httplib's routing and handlers on a canonical copy of `head` and `body`;
  /// returns the response bytes. Called on worker threads.
  std::string handle(const RequestHead& head, const std::string& body, bool close,
                     const std::string& peer_ip, int peer_port, const std::string& local_ip,
                     int local_port);

  class Loop;  // the event loop (guarded_server.cpp)

 private:
  friend class Loop;
  ConnectionLimits limits_;
  std::size_t workers_ = 16;
  RulesFor rules_;
  LaneOf light_;
  RefusalLog refusal_log_;
  Admission admission_;
  CorsPolicy cors_;
  int wake_fd_ = -1;  ///< eventfd: wakes the loop (responses ready, shut_down)
  std::atomic<bool> stopping_{false};
  std::atomic<bool> serving_{false};
};

}  // namespace article_search::server
