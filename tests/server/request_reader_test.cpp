/// @file RequestReader (every framing rule of request_reader.h), accepts_gzip,
/// parse_single_range and answer_static: pure functions, fed from tables.
#include "request_reader.h"

#include "static_files.h"

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace {

using namespace std::string_literals;
using article_search::server::RequestReader;
using State = RequestReader::State;

constexpr std::size_t whole = std::numeric_limits<std::size_t>::max();

/// Where a reader stands after `input`, fed in pieces of `piece` bytes, with
/// accept_body(max_body) called as soon as the head is complete.
struct Outcome {
  RequestReader reader;
  std::size_t consumed = 0;  ///< what feed() took, over all pieces
  State state() const { return reader.state(); }
  int status() const { return reader.state() == State::refused ? reader.refusal().status() : 0; }
};

Outcome read(std::string_view input, std::uint64_t max_body = 1024, std::size_t piece = whole) {
  Outcome out;
  while (out.consumed < input.size()) {
    const std::string_view next = input.substr(out.consumed, piece);
    const std::size_t n = out.reader.feed(next);
    REQUIRE(n <= next.size());
    out.consumed += n;
    if (out.reader.state() == State::head_done) {
      out.reader.accept_body(max_body);
      continue;
    }
    if (n < next.size()) break;  // done or refused: the rest is not this request's
  }
  if (out.reader.state() == State::head_done) out.reader.accept_body(max_body);
  return out;
}

const std::string host = "Host: a\r\n";

std::string get(const std::string& headers = host) { return "GET / HTTP/1.1\r\n" + headers + "\r\n"; }

struct Row {
  const char* why;
  std::string input;
  State state;
  int status;  ///< of the refusal, 0 when not refused
};

void check_rows(const Row* begin, const Row* end, std::uint64_t max_body = 1024) {
  for (const Row* row = begin; row != end; ++row) {
    for (const std::size_t piece : {whole, std::size_t{1}, std::size_t{7}}) {
      INFO(row->why, " (pieces of ", piece == whole ? 0 : piece, ")");
      const Outcome out = read(row->input, max_body, piece);
      CHECK(out.state() == row->state);
      CHECK(out.status() == row->status);
      if (row->state == State::done) CHECK(out.consumed == row->input.size());
    }
  }
}

}  // namespace

TEST_SUITE("RequestReader") {
  TEST_CASE("the request line and header lines are framed strictly") {
    const std::string line_8k = "GET /" + std::string(8192 - 14, 'a') + " HTTP/1.1";
    const std::string header_8k = "X: " + std::string(8192 - 3, 'v');
    const Row rows[] = {
        // valid
        {"GET", get(), State::done, 0},
        {"HEAD with a query", "HEAD /x?y=1 HTTP/1.1\r\nHost: a\r\n\r\n", State::done, 0},
        {"HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n", State::done, 0},
        {"4 leading empty lines", "\r\n\r\n\r\n\r\n" + get(), State::done, 0},
        {"5 leading empty lines", "\r\n\r\n\r\n\r\n\r\n" + get(), State::refused, 400},
        {"obs-text in a value", get("Host: a\r\nX: caf\xc3\xa9\r\n"), State::done, 0},
        {"a tab in a value", get("Host: a\r\nX: a\tb\r\n"), State::done, 0},
        {"an empty value", get("Host: a\r\nX:\r\n"), State::done, 0},
        // bare LF, lone CR
        {"bare LF after the request line", "GET / HTTP/1.1\nHost: a\r\n\r\n", State::refused, 400},
        {"bare LF after a header", "GET / HTTP/1.1\r\nHost: a\n\r\n", State::refused, 400},
        {"bare LF ending the head", "GET / HTTP/1.1\r\nHost: a\r\n\n", State::refused, 400},
        {"bare LF as a leading line", "\n" + get(), State::refused, 400},
        {"CR inside a value", get("Host: a\rb\r\n"), State::refused, 400},
        {"CR CR LF", "GET / HTTP/1.1\r\r\nHost: a\r\n\r\n", State::refused, 400},
        // sizes: exactly at the limit, one byte over
        {"request line of 8 KiB", line_8k + "\r\n" + host + "\r\n", State::done, 0},
        {"request line over 8 KiB", "GET /a" + line_8k.substr(5) + "\r\n" + host + "\r\n", State::refused, 414},
        {"header line of 8 KiB", get(host + header_8k + "\r\n"), State::done, 0},
        {"header line over 8 KiB", get(host + header_8k + "v\r\n"), State::refused, 431},
        {"head of 2 x 6000 bytes", get(host + "A: " + std::string(6000, 'v') + "\r\nB: " + std::string(6000, 'v') + "\r\n"),
         State::done, 0},
        {"head over 16 KiB", get(host + "A: " + std::string(6000, 'v') + "\r\nB: " + std::string(6000, 'v') + "\r\nC: " +
                                 std::string(6000, 'v') + "\r\n"),
         State::refused, 431},
        // header syntax
        {"obs-fold with a space", get("Host: a\r\nX: a\r\n b\r\n"), State::refused, 400},
        {"obs-fold with a tab", get("Host: a\r\nX: a\r\n\tb\r\n"), State::refused, 400},
        {"space before the colon", get("Host : a\r\n"), State::refused, 400},
        {"no colon", get("Host: a\r\nX\r\n"), State::refused, 400},
        {"empty name", get("Host: a\r\n: v\r\n"), State::refused, 400},
        {"NUL in a value", get("Host: a\r\nX: a\0b\r\n"s), State::refused, 400},
        {"SOH in a value", get("Host: a\r\nX: a\x01z\r\n"), State::refused, 400},
        {"DEL in a value", get("Host: a\r\nX: a\x7f\r\n"), State::refused, 400},
        // Host
        {"HTTP/1.1 without Host", get(""), State::refused, 400},
        {"two Host headers", get("Host: a\r\nHost: a\r\n"), State::refused, 400},
        {"two Host headers in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nhost: b\r\n\r\n", State::refused, 400},
        // request line and version
        {"HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", State::refused, 505},
        {"HTTP/1.2", "GET / HTTP/1.2\r\nHost: a\r\n\r\n", State::refused, 505},
        {"lower-case version", "GET / http/1.1\r\nHost: a\r\n\r\n", State::refused, 400},
        {"version with no minor", "GET / HTTP/1\r\nHost: a\r\n\r\n", State::refused, 400},
        {"version with junk", "GET / HTTP/1.1x\r\nHost: a\r\n\r\n", State::refused, 400},
        {"no version", "GET /\r\nHost: a\r\n\r\n", State::refused, 400},
        {"two spaces", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", State::refused, 400},
        {"trailing space", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", State::refused, 400},
        {"method not a token", "G@T / HTTP/1.1\r\nHost: a\r\n\r\n", State::refused, 400},
        {"non-ASCII target", "GET /caf\xc3\xa9 HTTP/1.1\r\nHost: a\r\n\r\n", State::refused, 400},
        // Expect
        {"Expect: 100-continue", get("Host: a\r\nExpect: 100-continue\r\n"), State::done, 0},
        {"Expect: something else", get("Host: a\r\nExpect: 200-ok\r\n"), State::refused, 417},
    };
    check_rows(std::begin(rows), std::end(rows));
  }

  TEST_CASE("200 header lines are read and the 201st is refused with 431 before the head ends") {
    std::string headers = host;
    for (int i = 1; i < 200; ++i) headers += "X-" + std::to_string(i) + ": v\r\n";
    CHECK(read(get(headers)).state() == State::done);
    headers += "X-200: v\r\n";
    const Outcome out = read("GET / HTTP/1.1\r\n" + headers);  // no empty line: incomplete
    CHECK(out.state() == State::refused);
    CHECK(out.status() == 431);
  }

  TEST_CASE("oversized lines are refused as they arrive, not when the head is complete") {
    struct Oversized {
      const char* why;
      std::string input;  ///< never a complete head
      int status;
    };
    const Oversized rows[] = {
        {"9 KiB request line", "GET /" + std::string(9 * 1024, 'a'), 414},
        {"9 KiB header line", "GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(9 * 1024, 'v'), 431},
        {"17 KiB of header lines", "GET / HTTP/1.1\r\nA: " + std::string(8000, 'v') + "\r\nB: " + std::string(8000, 'v') +
                                       "\r\nC: " + std::string(1000, 'v'),
         431},
    };
    for (const Oversized& row : rows) {
      for (const std::size_t piece : {whole, std::size_t{1}}) {
        INFO(row.why);
        const Outcome out = read(row.input, 0, piece);
        CHECK(out.state() == State::refused);
        CHECK(out.status() == row.status);
        CHECK(out.consumed < row.input.size());  // stopped at the byte over the limit
      }
    }
  }

  TEST_CASE("the head's fields are kept as sent, values trimmed, names found case-insensitively") {
    const Outcome out = read("POST /api/x?q=1 HTTP/1.1\r\nHost:  example.org \t\r\nContent-Length: 2\r\n\r\nab");
    REQUIRE(out.state() == State::done);
    const auto& head = out.reader.head();
    CHECK(head.method == "POST");
    CHECK(head.target == "/api/x?q=1");
    CHECK(head.path() == "/api/x");
    CHECK(head.minor_version == 1);
    REQUIRE(head.find("HOST") != nullptr);
    CHECK(*head.find("HOST") == "example.org");
    CHECK(head.find("Accept") == nullptr);
    CHECK(head.framing == article_search::server::BodyFraming::length);
    CHECK(head.content_length == 2);
    CHECK(out.reader.body() == "ab");
    CHECK_FALSE(head.expect_continue);
    CHECK(read(get("Host: a\r\nExpect: 100-Continue\r\n")).reader.head().expect_continue);
    // RFC 9110 10.1.1: an HTTP/1.0 client gets no interim 100 response
    CHECK_FALSE(read("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx").reader.head().expect_continue);
  }

  TEST_CASE("keep-alive follows the version and the Connection header, and close wins") {
    struct KeepAlive {
      std::string input;
      bool keep_alive;
    };
    const KeepAlive rows[] = {
        {get(), true},
        {get("Host: a\r\nConnection: close\r\n"), false},
        {get("Host: a\r\nConnection: keep-alive, Close\r\n"), false},
        {get("Host: a\r\nConnection: upgrade\r\n"), true},
        {"GET / HTTP/1.0\r\n\r\n", false},
        {"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true},
        {"GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true},
        // "close" is final (RFC 9112 9.6), whichever option or header comes last
        {"GET / HTTP/1.0\r\nConnection: close, keep-alive\r\n\r\n", false},
        {"GET / HTTP/1.0\r\nConnection: close\r\nConnection: keep-alive\r\n\r\n", false},
    };
    for (const KeepAlive& row : rows) {
      INFO(row.input);
      const Outcome out = read(row.input);
      REQUIRE(out.state() == State::done);
      CHECK(out.reader.head().keep_alive == row.keep_alive);
    }
  }

  TEST_CASE("Content-Length and Transfer-Encoding frame a body only when unambiguous") {
    const std::string post = "POST / HTTP/1.1\r\nHost: a\r\n";
    const Row rows[] = {
        {"Content-Length: 5", post + "Content-Length: 5\r\n\r\nhello", State::done, 0},
        {"Content-Length: 0", post + "Content-Length: 0\r\n\r\n", State::done, 0},
        {"leading zeros", post + "Content-Length: 005\r\n\r\nhello", State::done, 0},
        // OWS around a field value is not part of it (RFC 9110 5.5)
        {"Content-Length: 5 (trailing OWS)", post + "Content-Length: 5 \r\n\r\nhello", State::done, 0},
        {"two equal Content-Length", post + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", State::refused, 400},
        {"two Content-Length", post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello", State::refused, 400},
        {"Content-Length: +5", post + "Content-Length: +5\r\n\r\nhello", State::refused, 400},
        {"Content-Length: 5 5", post + "Content-Length: 5 5\r\n\r\nhello", State::refused, 400},
        {"Content-Length: 5,5", post + "Content-Length: 5,5\r\n\r\nhello", State::refused, 400},
        {"Content-Length: 0x10", post + "Content-Length: 0x10\r\n\r\nhello", State::refused, 400},
        {"Content-Length: -1", post + "Content-Length: -1\r\n\r\nhello", State::refused, 400},
        {"Content-Length: (empty)", post + "Content-Length:\r\n\r\nhello", State::refused, 400},
        {"Content-Length with chunked", post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         State::refused, 400},
        {"chunked with Content-Length", post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
         State::refused, 400},
        {"Transfer-Encoding: Chunked", post + "Transfer-Encoding: Chunked\r\n\r\n0\r\n\r\n", State::done, 0},
        {"Transfer-Encoding: gzip", post + "Transfer-Encoding: gzip\r\n\r\n0\r\n\r\n", State::refused, 400},
        {"Transfer-Encoding: chunked, gzip", post + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", State::refused, 400},
        {"Transfer-Encoding: gzip, chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", State::refused, 400},
        {"Transfer-Encoding: %63hunked", post + "Transfer-Encoding: %63hunked\r\n\r\n0\r\n\r\n", State::refused, 400},
        {"two Transfer-Encoding", post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         State::refused, 400},
        {"Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", State::refused,
         400},
    };
    check_rows(std::begin(rows), std::end(rows));
  }

  TEST_CASE("bodies are read to the granted limit, whole or byte by byte") {
    struct Body {
      const char* why;
      std::string input;
      std::uint64_t max_body;
      State state;
      int status;
      std::string body;
    };
    const std::string chunked = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
    const std::string length = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: ";
    const Body rows[] = {
        // Content-Length
        {"length at the limit", length + "5\r\n\r\nhello", 5, State::done, 0, "hello"},
        {"length over the limit", length + "6\r\n\r\nhello!", 5, State::refused, 413, ""},
        {"length of 19 digits", length + "1000000000000000000\r\n\r\n", 5, State::refused, 413, ""},
        // chunked
        {"several chunks", chunked + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", 1024, State::done, 0, "hello world"},
        {"chunk extensions", chunked + "5;name=value\r\nhello\r\n1;x;y=\"z\"\r\n!\r\n0;last\r\n\r\n", 1024, State::done, 0,
         "hello!"},
        {"trailers dropped", chunked + "2\r\nab\r\n0\r\nX-Sum: 1\r\nY: 2\r\n\r\n", 1024, State::done, 0, "ab"},
        {"upper and lower hex", chunked + "a\r\n0123456789\r\nB\r\nabcdefghijk\r\n0\r\n\r\n", 1024, State::done, 0,
         "0123456789abcdefghijk"},
        {"leading zeros", chunked + "0003\r\nabc\r\n000\r\n\r\n", 1024, State::done, 0, "abc"},
        {"no chunks at all", chunked + "0\r\n\r\n", 0, State::done, 0, ""},
        {"chunks at the limit", chunked + "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", 5, State::done, 0, "abcde"},
        {"one chunk over the limit", chunked + "6\r\nabcdef\r\n0\r\n\r\n", 5, State::refused, 413, ""},
        {"chunks over the limit together", chunked + "3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n", 5, State::refused, 413, "abc"},
        {"a size of 20 hex digits", chunked + "FFFFFFFFFFFFFFFFFFFF\r\n", 1024, State::refused, 413, ""},
        {"a size that is not hex", chunked + "x\r\nhello\r\n0\r\n\r\n", 1024, State::refused, 400, ""},
        {"a size with 0x", chunked + "0x5\r\nhello\r\n0\r\n\r\n", 1024, State::refused, 400, ""},
        {"a negative size", chunked + "-5\r\nhello\r\n0\r\n\r\n", 1024, State::refused, 400, ""},
        {"an empty size line", chunked + "\r\nhello\r\n0\r\n\r\n", 1024, State::refused, 400, ""},
        {"a size line over 1 KiB", chunked + "5;" + std::string(1100, 'e') + "\r\nhello\r\n0\r\n\r\n", 1024, State::refused,
         400, ""},
        {"no CRLF after the data", chunked + "5\r\nhelloX\r\n0\r\n\r\n", 1024, State::refused, 400, "hello"},
        {"bare LF after the data", chunked + "5\r\nhello\n0\r\n\r\n", 1024, State::refused, 400, "hello"},
        {"bare LF after the size", chunked + "5\nhello\r\n0\r\n\r\n", 1024, State::refused, 400, ""},
        {"CR without LF after the size", chunked + "5\rhello\r\n0\r\n\r\n", 1024, State::refused, 400, ""},
        {"bare LF ending the trailers", chunked + "0\r\n\n", 1024, State::refused, 400, ""},
        {"a malformed trailer", chunked + "0\r\nnot a trailer\r\n\r\n", 1024, State::refused, 400, ""},
    };
    for (const Body& row : rows) {
      for (const std::size_t piece : {whole, std::size_t{1}}) {
        INFO(row.why, " (pieces of ", piece == whole ? 0 : piece, ")");
        const Outcome out = read(row.input, row.max_body, piece);
        CHECK(out.state() == row.state);
        CHECK(out.status() == row.status);
        CHECK(out.reader.body() == row.body);
        CHECK(out.reader.body().size() <= row.max_body);
      }
    }
  }

  TEST_CASE("a Content-Length over the limit is refused at accept_body, before any body byte") {
    const std::string head = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\n";
    RequestReader reader;
    CHECK(reader.feed(head + "hello!") == head.size());
    REQUIRE(reader.state() == State::head_done);
    reader.accept_body(5);
    CHECK(reader.state() == State::refused);
    CHECK(reader.refusal().status() == 413);
    CHECK(reader.feed("hello!") == 0);
    CHECK(reader.body().empty());
  }

  TEST_CASE("a chunk over the limit is refused as soon as its size line arrives") {
    RequestReader reader;
    const std::string head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
    REQUIRE(reader.feed(head) == head.size());
    reader.accept_body(1024);
    REQUIRE(reader.state() == State::body);
    CHECK(reader.feed("401\r\n") == 5);  // no data yet
    CHECK(reader.state() == State::refused);
    CHECK(reader.refusal().status() == 413);
  }

  TEST_CASE("a refused or complete reader takes no more bytes") {
    RequestReader refused;
    CHECK(refused.feed("GET / HTTP/1.1\nHost: a\r\n\r\n") == 15);
    CHECK(refused.state() == State::refused);
    CHECK(refused.feed(get()) == 0);
    CHECK(refused.state() == State::refused);
    RequestReader done;
    CHECK(done.feed(get()) == get().size());
    done.accept_body(0);
    CHECK(done.state() == State::done);
    CHECK(done.feed(get()) == 0);
  }

  TEST_CASE("feed never takes bytes of a pipelined next request") {
    const std::string second = "GET /second HTTP/1.1\r\nHost: a\r\n\r\n";
    const std::string firsts[] = {
        get(),
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX: 1\r\n\r\n",
        "GET / HTTP/1.0\r\n\r\n",
    };
    for (const std::string& first : firsts) {
      for (const std::size_t piece : {whole, std::size_t{1}, std::size_t{4}}) {
        INFO(first, " (pieces of ", piece == whole ? 0 : piece, ")");
        const std::string both = first + second;
        const Outcome out = read(both, 1024, piece);
        CHECK(out.state() == State::done);
        CHECK(out.consumed == first.size());
        const Outcome next = read(std::string_view(both).substr(out.consumed), 1024, piece);
        CHECK(next.state() == State::done);
        CHECK(next.reader.head().target == "/second");
        CHECK(next.consumed == second.size());
      }
    }
  }

  TEST_CASE("started is set by the first byte, even an empty line's") {
    RequestReader reader;
    CHECK_FALSE(reader.started());
    CHECK(reader.feed("") == 0);
    CHECK_FALSE(reader.started());
    CHECK(reader.feed("\r") == 1);
    CHECK(reader.started());
  }
}

TEST_SUITE("accepts_gzip") {
  TEST_CASE("gzip is accepted when listed, or as *, with a q above 0") {
    using article_search::server::accepts_gzip;
    struct Row {
      const char* value;
      bool gzip;
    };
    const Row rows[] = {
        // listed
        {"gzip", true},
        {"br, gzip", true},
        {"gzip;q=0.5", true},
        {"gzip; q=1", true},
        {"GZIP", true},
        {"x-gzip", true},
        {"deflate,gzip;q=0.001", true},
        // refused
        {"gzip;q=0", false},
        {"gzip;q=0.000", false},
        {"gzip;Q=0", false},
        // wildcard
        {"*", true},
        {"*;q=0", false},
        {"*, gzip;q=0", false},
        {"gzip;q=0, *", false},
        // other codings
        {"br", false},
        {"identity", false},
        {"gzipx", false},
        {"", false},
    };
    for (const Row& row : rows) {
      INFO(row.value);
      CHECK(accepts_gzip(row.value) == row.gzip);
    }
  }
}

TEST_SUITE("answer_static") {
  TEST_CASE("one satisfiable byte range gets 206, one outside the file 416, anything else the whole file") {
    using article_search::server::answer_static;
    const std::string file = "abcdefghijklmnopqrst";  // 20 bytes
    struct Row {
      const char* range;
      std::string content;
      int status;
      std::string body;
      const char* content_range;
    };
    const Row rows[] = {
        // one range
        {"bytes=0-9", file, 206, "abcdefghij", "bytes 0-9/20"},
        {"bytes=5-", file, 206, "fghijklmnopqrst", "bytes 5-19/20"},
        {"bytes=-3", file, 206, "rst", "bytes 17-19/20"},
        {"bytes=15-100", file, 206, "pqrst", "bytes 15-19/20"},
        {"bytes=-100", file, 206, file, "bytes 0-19/20"},
        {"bytes=19-19", file, 206, "t", "bytes 19-19/20"},
        {"bytes=0-99999999999999999999", file, 206, file, "bytes 0-19/20"},
        // outside the file
        {"bytes=20-", file, 416, "", "bytes */20"},
        {"bytes=30-40", file, 416, "", "bytes */20"},
        {"bytes=-0", file, 416, "", "bytes */20"},
        {"bytes=99999999999999999999-", file, 416, "", "bytes */20"},
        // ignored: the whole file
        {"", file, 200, file, ""},
        {"bytes=9-5", file, 200, file, ""},
        {"bytes=0-1,3-4", file, 200, file, ""},
        {"items=0-1", file, 200, file, ""},
        {"bytes=a-b", file, 200, file, ""},
        {"bytes=-", file, 200, file, ""},
        {"bytes=5", file, 200, file, ""},
        // an empty file has no byte to serve
        {"bytes=0-9", "", 416, "", "bytes */0"},
        {"bytes=-3", "", 416, "", "bytes */0"},
        {"", "", 200, "", ""},
    };
    for (const Row& row : rows) {
      INFO(row.range, " of ", row.content.size(), " bytes");
      const auto answer = answer_static(row.content, row.range);
      CHECK(answer.status == row.status);
      CHECK(answer.body == row.body);
      CHECK(answer.content_range == row.content_range);
    }
  }

  TEST_CASE("parse_single_range tells an ignored header from an unsatisfiable range") {
    using article_search::server::parse_single_range;
    CHECK_FALSE(parse_single_range("bytes=9-5", 20).has_value());
    CHECK_FALSE(parse_single_range("bytes=0-1, 3-4", 20).has_value());
    const auto outside = parse_single_range("bytes=20-", 20);
    REQUIRE(outside.has_value());
    CHECK(outside->unsatisfiable);
    CHECK_FALSE(outside->range.has_value());
    const auto inside = parse_single_range("Bytes= 2-4", 20);
    REQUIRE(inside.has_value());
    REQUIRE(inside->range.has_value());
    CHECK(inside->range->first == 2);
    CHECK(inside->range->last == 4);
  }
}
