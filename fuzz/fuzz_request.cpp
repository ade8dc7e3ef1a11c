/// @file Fuzz target: any bytes as what a client sends on one connection → RequestReader,
/// the way the event loop drives it (feed, accept_body once the head is complete, feed on).
///
/// The same input is read three ways: whole, split in two at a position taken from its
/// first two bytes, and one byte at a time. Aborts unless all three agree (state, head,
/// body, refusal, bytes taken) and the reader keeps its promises: feed never takes more
/// than it is given, a refused or complete reader takes nothing more, a body never
/// exceeds what accept_body granted, and a complete Content-Length body is that long.
///
/// The limits are small so that inputs of a few KiB reach every bound (request line,
/// header line, head, header count, chunk line, body).
#include "request_reader.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

using article_search::server::BodyFraming;
using article_search::server::RequestLimits;
using article_search::server::RequestReader;
using State = RequestReader::State;

constexpr RequestLimits limits{256, 128, 1024, 8, 32};
constexpr std::uint64_t max_body = 100;

void require(bool condition) {
  if (!condition) std::abort();
}

struct Read {
  RequestReader reader{limits};
  std::size_t taken = 0;
};

/// Feeds `input` in the given pieces, as a connection receives it.
Read read_in(std::string_view input, const std::vector<std::size_t>& cuts) {
  Read read;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= cuts.size(); ++i) {
    const std::size_t end = i < cuts.size() ? cuts[i] : input.size();
    std::string_view piece = input.substr(start, end - start);
    start = end;
    while (true) {
      const std::size_t n = read.reader.feed(piece);
      require(n <= piece.size());
      read.taken += n;
      piece.remove_prefix(n);
      if (read.reader.state() == State::head_done) {
        read.reader.accept_body(max_body);
        continue;
      }
      if (read.reader.state() == State::done || read.reader.state() == State::refused) {
        // Whatever follows belongs to the next request, or to nobody: a finished reader
        // takes none of it and stays where it is.
        const State state = read.reader.state();
        require(read.reader.feed(input.substr(read.taken)) == 0);
        require(read.reader.feed("GET / HTTP/1.1\r\nHost: a\r\n\r\n") == 0);
        require(read.reader.state() == state);
        return read;
      }
      require(piece.empty());  // head or body: it took the whole piece
      break;
    }
  }
  return read;
}

bool same(const Read& a, const Read& b) {
  const RequestReader& x = a.reader;
  const RequestReader& y = b.reader;
  if (a.taken != b.taken || x.state() != y.state() || x.started() != y.started()) return false;
  if (x.state() == State::refused) {
    return x.refusal().code == y.refusal().code && x.refusal().message == y.refusal().message;
  }
  if (x.state() == State::head) return true;
  const auto& h = x.head();
  const auto& k = y.head();
  if (h.method != k.method || h.target != k.target || h.minor_version != k.minor_version ||
      h.framing != k.framing || h.content_length != k.content_length || h.keep_alive != k.keep_alive ||
      h.expect_continue != k.expect_continue || h.headers.size() != k.headers.size()) {
    return false;
  }
  for (std::size_t i = 0; i < h.headers.size(); ++i) {
    if (h.headers[i].name != k.headers[i].name || h.headers[i].value != k.headers[i].value) return false;
  }
  return x.body() == y.body();
}

void check_promises(const Read& read) {
  const RequestReader& reader = read.reader;
  require(reader.body().size() <= max_body);
  if (reader.state() == State::done && reader.head().framing == BodyFraming::length) {
    require(reader.body().size() == reader.head().content_length);
  }
  if (reader.state() == State::done && reader.head().framing == BodyFraming::none) require(reader.body().empty());
  if (reader.state() == State::refused) {
    const int status = reader.refusal().status();
    require(status >= 400 && status < 600 && !reader.refusal().message.empty());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const Read whole = read_in(input, {});
  check_promises(whole);

  const std::size_t seed = size == 0 ? 0 : size == 1 ? data[0] : data[0] * 256u + data[1];
  const Read split = read_in(input, {size == 0 ? 0 : seed % (size + 1)});
  require(same(whole, split));

  std::vector<std::size_t> bytes;
  for (std::size_t i = 1; i < size; ++i) bytes.push_back(i);
  const Read byte_by_byte = read_in(input, bytes);
  require(same(whole, byte_by_byte));
  return 0;
}
