/// @file A strict, incremental HTTP/1.1 request reader (RFC 9112), in front of httplib.
///
/// httplib 0.11.4 trusts framing it should refuse: bare-LF lines, duplicate or
/// non-numeric Content-Length, Content-Length with Transfer-Encoding, URL-decoded header
/// values (`Transfer-Encoding: %63hunked`), bodies of any size when chunked. This reader
/// sees every byte first and accepts only unambiguous requests:
///
///     request     = request-line *( header-line ) CRLF [ body ]
///     request-line = method SP target SP "HTTP/1." ("0" / "1") CRLF
///     header-line = token ":" OWS *( VCHAR / SP / HTAB / obs-text ) OWS CRLF
///     body        = Content-Length bytes / chunked (hex size, extensions ignored, trailers dropped)
///
/// Lines end in CRLF exactly; no obs-fold; at most one Host (required in HTTP/1.1) and
/// one Content-Length (digits only); Transfer-Encoding only as `chunked` and never with
/// Content-Length. Sizes are bounded as they arrive, not after: the request line, each
/// header line, the whole head, the number of header lines, and the body to the limit the
/// caller grants once it has seen the head. Anything else is a Refusal, after which the
/// connection is closed: the rest of its bytes cannot be trusted to frame a request.
///
/// Pure: no sockets, no clock. The connection loop feeds it bytes; tests and the fuzzer
/// call it directly.
#pragma once

#include "errors.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::server {

struct RequestLimits {
  std::size_t max_request_line = 8 * 1024;  ///< 414 beyond
  std::size_t max_header_line = 8 * 1024;   ///< 431 beyond
  std::size_t max_head_bytes = 16 * 1024;   ///< header lines together (431 beyond)
  std::size_t max_header_lines = 200;       ///< 431 beyond
  std::size_t max_chunk_line = 1024;        ///< a chunk-size line with its extensions
};

struct Header {
  std::string name, value;  ///< as sent (value without surrounding whitespace)
};

enum class BodyFraming { none, length, chunked };

struct RequestHead {
  std::string method, target;
  int minor_version = 1;  ///< HTTP/1.minor_version
  std::vector<Header> headers;
  BodyFraming framing = BodyFraming::none;
  std::uint64_t content_length = 0;  ///< with BodyFraming::length
  bool keep_alive = true;            ///< the client did not ask to close
  bool expect_continue = false;      ///< `Expect: 100-continue`

  /// The first header of that name (case-insensitive), or nullptr.
  const std::string* find(std::string_view name) const;
  /// The target's path: before any `?`.
  std::string_view path() const;
  bool has_body() const { return framing != BodyFraming::none; }
};

/// Why a request is not served, as an answer: the connection closes after it.
struct Refusal {
  search::ErrorCode code;
  std::string message;
  int status() const { return search::error_info(code).status; }
};

class RequestReader {
 public:
  enum class State {
    head,       ///< reading the request line and headers
    head_done,  ///< the head is complete: call accept_body() (or refuse it)
    body,       ///< reading a body granted by accept_body()
    done,       ///< a whole request: head() and body() hold it
    refused,    ///< refusal() says why
  };

  explicit RequestReader(RequestLimits limits = {}) : limits_(limits) {}

  /// Reads from `input` what belongs to this request (never more) and returns how many
  /// bytes it took. It stops at head_done, done and refused.
  std::size_t feed(std::string_view input);

  /// After head_done: reads a body of at most `max_bytes` (a larger one is refused with
  /// 413: before it is read when its length is announced, as it arrives when chunked).
  void accept_body(std::uint64_t max_bytes);

  State state() const { return state_; }
  /// True once any byte of this request has arrived.
  bool started() const { return started_; }
  const RequestHead& head() const { return head_; }
  const std::string& body() const { return body_; }
  const Refusal& refusal() const { return *refusal_; }

 private:
  std::size_t feed_head(std::string_view input);
  std::size_t feed_length_body(std::string_view input);
  std::size_t feed_chunked_body(std::string_view input);
  bool take_body_line(std::string_view line);
  bool take_chunk_line(std::string_view line);
  bool take_trailer_line(std::string_view line);
  /// What the header lines said about framing, checked once all are in.
  struct HeaderTally {
    std::size_t hosts = 0, lengths = 0, encodings = 0;
    bool chunked = false, close = false;
  };
  void finish_head();
  bool take_request_line(std::string_view line);
  bool take_header_line(std::string_view line, HeaderTally& tally);
  bool settle_framing(const HeaderTally& tally);
  /// Records the refusal; false, so that a failing step can `return refuse(...)`.
  bool refuse(search::ErrorCode code, std::string message);
  /// refuse(), then `consumed`: what a feed step returns when it refuses.
  std::size_t refused(std::size_t consumed, search::ErrorCode code, std::string message);

  RequestLimits limits_;
  State state_ = State::head;
  bool started_ = false;
  std::string line_;          ///< the line being read (head, chunk sizes, trailers)
  bool line_has_cr_ = false;  ///< line_ ended in CR, waiting for LF
  std::vector<std::string> lines_;  ///< the head's lines so far, without CRLF
  std::size_t head_bytes_ = 0;      ///< header lines' bytes so far
  std::size_t leading_blank_lines_ = 0;
  RequestHead head_;
  std::string body_;
  std::uint64_t max_body_ = 0;
  std::uint64_t body_left_ = 0;  ///< of the current chunk or Content-Length
  enum class ChunkPart { size, data, data_end, trailers } chunk_part_ = ChunkPart::size;
  std::size_t trailer_lines_ = 0;
  std::optional<Refusal> refusal_;
};

/// ASCII case-insensitive equality, as header names and tokens compare.
bool iequals(std::string_view a, std::string_view b);

/// Whether an `Accept-Encoding` value accepts gzip (listed, or `*`, with q above 0).
bool accepts_gzip(std::string_view accept_encoding);

/// One byte range of a representation `size` bytes long, from a `Range` value.
struct ByteRange {
  std::uint64_t first = 0, last = 0;  ///< inclusive
};
/// The range a `Range` value asks for: nullopt when the header is to be ignored (not
/// `bytes=`, malformed, or several ranges: only one is served); `unsatisfiable` set when
/// it is one well-formed range that lies outside the representation (416).
struct RangeRequest {
  std::optional<ByteRange> range;
  bool unsatisfiable = false;
};
std::optional<RangeRequest> parse_single_range(std::string_view value, std::uint64_t size);

}  // namespace article_search::server
