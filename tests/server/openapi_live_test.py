#!/usr/bin/env python3
"""Live answers of the real article-server validated against its own OpenAPI description.

Indexes the bundled corpus and three fixtures (one of news articles) with the real article-indexer, starts the real
article-server on a free loopback port and sends a mix of good and bad requests: searches
with filters, sorts, paging and partial words, documents, similar articles, suggestions,
health, metrics, and requests the connection layer refuses (400, 404, 405, 408, 413, 414,
417, 431, 501, 505). Then the same over two local databases, and over a remote shard
(xapian-tcpsrv) while it is up and once it is down.

Each answer must be one its route documents: the status, the media type, the required
headers, and the body, validated by jsonschema against the route's schema with every
undocumented property refused (the document itself leaves objects open, so that fields
can be added). The description is first validated against the OpenAPI 3.0 schema.

Uses Debian's python3-jsonschema and openapi-specification (scripts/test.sh installs them).

usage: openapi_live_test.py --server BIN --indexer BIN --tcpsrv BIN --source DIR
"""

import argparse
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

try:
    import jsonschema
except ImportError:
    sys.exit("openapi_live_test: python3-jsonschema is missing (apt-get install python3-jsonschema; "
             "scripts/test.sh installs it)")

OPENAPI_30_SCHEMA = "/usr/share/openapi-specification/schemas/v3.0/schema.json"
WAIT_SECONDS = 15  # for a server or a shard to start, and for any answer


# --- HTTP, raw: the bad requests must reach the server exactly as written ---------------

class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def media_type(self):
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def request_bytes(method, target, headers=(), body=b""):
    head = f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers)
    return head.encode() + b"\r\n" + body


def send(port, raw):
    """Sends `raw` and reads the answer until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT_SECONDS) as connection:
        connection.sendall(raw)
        return receive(connection)


def receive(connection):
    data = b""
    while chunk := connection.recv(65536):
        data += chunk
    return parse_answer(data)


def parse_answer(data):
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Answer(status, headers, body)


# --- The document: OpenAPI 3.0 schemas as JSON Schema ------------------------------------

def as_json_schema(schema):
    """An OpenAPI 3.0 schema as JSON Schema (draft 4): `nullable` becomes a null type, and
    an object that lists its properties refuses others, so that the test sees any field
    the document forgot. (allOf would need more: the document uses none.)"""
    if not isinstance(schema, dict):
        return schema
    out = {key: value for key, value in schema.items() if key not in ("nullable", "example")}
    if "properties" in schema:
        out["properties"] = {name: as_json_schema(value) for name, value in schema["properties"].items()}
        out.setdefault("additionalProperties", False)
    for key in ("items", "not"):
        if key in schema:
            out[key] = as_json_schema(schema[key])
    for key in ("oneOf", "anyOf"):
        if key in schema:
            out[key] = [as_json_schema(choice) for choice in schema[key]]
    if schema.get("nullable"):
        out["type"] = [schema["type"], "null"]
        if "enum" in schema:
            out["enum"] = schema["enum"] + [None]
    return out


class Document:
    def __init__(self, openapi):
        self.openapi = openapi
        schemas = {name: as_json_schema(schema) for name, schema in openapi["components"]["schemas"].items()}
        self.root = {"components": {"schemas": schemas}}
        self.templates = [(template, template_regex(template)) for template in openapi["paths"]]

    def resolve(self, node):
        while "$ref" in node:
            node = self.pointer(node["$ref"])
        return node

    def pointer(self, ref):
        node = self.openapi
        for part in ref.removeprefix("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def path_template(self, path):
        for template, regex in self.templates:
            if regex.fullmatch(path):
                return template
        return None

    def validator(self, schema):
        resolver = jsonschema.RefResolver.from_schema(self.root)
        return jsonschema.Draft4Validator(as_json_schema(schema), resolver=resolver)


def template_regex(template):
    # A parameter is the rest of the path, '/' included, as in the route table.
    return re.compile(re.sub(r"\\\{[a-z_]+\\\}", "(.+)", re.escape(template)), re.DOTALL)


def check_document(openapi):
    """The description is a valid OpenAPI 3.0 document whose every $ref resolves."""
    if not os.path.exists(OPENAPI_30_SCHEMA):
        sys.exit(f"openapi_live_test: {OPENAPI_30_SCHEMA} is missing (apt-get install openapi-specification; "
                 "scripts/test.sh installs it)")
    with open(OPENAPI_30_SCHEMA, encoding="utf-8") as meta:
        jsonschema.Draft4Validator(json.load(meta)).validate(openapi)
    document = Document(openapi)
    for ref in sorted(set(all_refs(openapi))):
        document.pointer(ref)  # KeyError when dangling
    for name, schema in document.root["components"]["schemas"].items():
        jsonschema.Draft4Validator.check_schema(schema)
    return document


def all_refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from all_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from all_refs(value)


# --- An answer against the document -------------------------------------------------------

def problems_of(document, method, target, answer):
    """What is wrong with `answer` to `method target` by the document: [] when nothing."""
    problems = []
    if answer.headers.get("x-content-type-options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    path = target.split("?")[0]
    template = document.path_template(path)
    if template is None:
        # No route: the description (info) says such a path is 404 not_found.
        if answer.status != 404:
            return problems + [f"{path} is no documented path, yet answered {answer.status}"]
        return problems + body_problems(document, {"schema": {"$ref": "#/components/schemas/Error"}}, answer)
    item = document.openapi["paths"][template]
    # A method the path does not take is answered as its GET operation documents (405, 501).
    operation = item.get("get" if method == "HEAD" else method.lower()) or next(iter(item.values()))
    response = operation["responses"].get(str(answer.status), operation["responses"].get("default"))
    if response is None:
        return problems + [f"status {answer.status} is not documented for {method} {template}"]
    response = document.resolve(response)
    problems += header_problems(document, response, answer)
    if method == "HEAD":
        return problems + (["HEAD answered with a body"] if answer.body else [])
    return problems + content_problems(document, response, answer)


def header_problems(document, response, answer):
    problems = []
    for name, header in response.get("headers", {}).items():
        if document.resolve(header).get("required") and name.lower() not in answer.headers:
            problems.append(f"required header {name} is missing")
    return problems


def content_problems(document, response, answer):
    content = response.get("content")
    if not content:
        return [f"undocumented body: {answer.body[:200]!r}"] if answer.body else []
    media = answer.media_type()
    if media not in content:
        return [f"media type {media!r} is not documented (only {sorted(content)})"]
    return body_problems(document, content[media], answer)


def body_problems(document, media, answer):
    if answer.media_type() == "application/json":
        try:
            instance = json.loads(answer.body)
        except ValueError as error:
            return [f"the body is no JSON: {error}"]
    else:
        instance = answer.body.decode("utf-8")
    errors = sorted(document.validator(media["schema"]).iter_errors(instance), key=lambda e: list(e.path))
    return [f"{'/'.join(map(str, error.path)) or '(body)'}: {error.message[:300]}" for error in errors]


# --- The mix ------------------------------------------------------------------------------

ADMIN_KEY = "live-test-admin-key-0123456789"


def get(target, status=200, code=None, admin=False):
    case = {"method": "GET", "target": target, "status": status, "code": code}
    if admin:
        case["headers"] = [("Authorization", f"Bearer {ADMIN_KEY}")]
    return case


def write(method, target, body, status, code=None, content_type="application/json", key=ADMIN_KEY):
    """A write of the document API, with the admin key unless `key` says otherwise."""
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
    if key:
        headers.append(("Authorization", f"Bearer {key}"))
    return {"method": method, "target": target, "status": status, "code": code,
            "headers": headers, "body": body}


def raw(what, data, status, code):
    """A request written byte by byte: `what` says what is wrong with it."""
    method, target = data.decode("latin-1").split(" ")[:2]
    return {"method": method, "target": target, "status": status, "code": code, "raw": data, "what": what}


# A pasted paragraph: 150 words no article holds, then one that some do (issue 20: searched
# for its rarest words, never refused).
LONG_Q = "%20".join([f"zq{n}x" for n in range(150)] + ["kaspersky"])


def story_named_after(article_id):
    """The id of the story whose earliest member is `article_id` (group/components.h:
    FNV-1a 64 of "story\\xff" + the id, in hex). The Kaspersky story's is its one dated report."""
    h = 14695981039346656037
    for byte in b"story\xff" + article_id.encode():
        h = ((h ^ byte) * 1099511628211) % (1 << 64)
    return f"{h:016x}"


KASPERSKY_STORY = story_named_after("004_8f0669f797f6f4f0")

SINGLE_DATABASE = [
    get("/api/search?q=kaspersky"),
    get("/api/search?q=kaspersky&source=escaping&source=corpus&year=2024&year=2023"),
    get("/api/search?q=kaspersky&from=2024-01-01&to=2024-12-31"),
    get("/api/search"),
    get("/api/search?q=kaspersky&sort=newest&page=2&per_page=2"),
    get("/api/search?q=kaspersky&sort=oldest&offset=1&limit=3&highlight=false"),
    get("/api/search?q=russian%20kasp&partial=true"),
    get("/api/search?q=kasperskey"),  # did you mean
    get("/api/search?q=title%3A%28%20AND"),  # relaxed
    get("/api/search?q=a*%20b*%20c*%20d*%20e*%20f*%20g*%20h*%20i*%20k*"),  # over the wildcard budget
    get("/api/search?q=zzzzzz"),
    get("/api/search?page=0", 400, "invalid_parameter"),
    get("/api/search?per_page=101", 400, "invalid_parameter"),
    get("/api/search?offset=9999&limit=2", 400, "invalid_parameter"),
    get("/api/search?sort=best", 400, "invalid_parameter"),
    get("/api/search?from=2024-02-30", 400, "invalid_parameter"),
    get("/api/search?highlight=maybe", 400, "invalid_parameter"),
    get("/api/search?q=" + LONG_Q),
    get("/api/search?q=storm&author=jane%20doe&tag=weather&tag=rail&section=WORLD&language=en"),
    get("/api/search?q=storm%20author%3A%22Jane%20Doe%22%20lang%3Aen"),
    get("/api/search?q=lang%3Afr"),
    get("/api/search?language=en_US", 400, "invalid_parameter"),
    get("/api/search?author=", 400, "invalid_parameter"),
    get("/api/documents/news/storm-coast"),
    get("/api/documents/news/storm-hoax"),
    get("/api/documents/hostile?q=alert"),
    get("/api/documents/000_a79eae3ea510d341"),
    get("/api/documents/x/similar"),
    get("/api/documents/x%2Fsimilar"),
    get("/api/documents/no-such-id", 404, "not_found"),
    get("/api/documents/hostile?q=" + LONG_Q),
    get("/api/similar/x/similar?limit=2"),
    get("/api/similar/004_8f0669f797f6f4f0"),
    get("/api/similar/no-such-id", 404, "not_found"),
    get("/api/similar/x?limit=0", 400, "invalid_parameter"),
    get("/api/search?q=kaspersky&group=story&timeline=auto"),
    get("/api/search?q=kaspersky&group=none&timeline=day"),
    get("/api/search?group=sideways", 400, "invalid_parameter"),
    get("/api/search?timeline=hourly", 400, "invalid_parameter"),
    get("/api/search?q=kaspersky&boost=recent"),
    get("/api/search?q=kaspersky&boost=recent&half_life=1y&group=story&timeline=auto"),
    get("/api/search?q=kaspersky&boost=soon", 400, "invalid_parameter"),
    get("/api/search?q=kaspersky&boost=recent&half_life=0d", 400, "invalid_parameter"),
    get("/api/search?q=kaspersky&half_life=2w", 400, "invalid_parameter"),
    get("/api/search?q=kaspersky&boost=recent&sort=newest", 400, "invalid_parameter"),
    get("/api/stories/" + KASPERSKY_STORY),
    get("/api/stories/NOT-A-STORY", 400, "invalid_parameter"),
    get("/api/stories/0123456789abcdef", 404, "not_found"),
    get("/api/export"),
    get("/api/export?q=kaspersky&source=corpus&limit=2"),
    get("/api/export?q=zzzzzz"),
    get("/api/export?limit=0", 400, "invalid_parameter"),
    get("/api/export?cursor=a%20b", 400, "invalid_parameter"),
    get("/api/export?sort=newest", 400, "invalid_parameter"),
    get("/api/export?boost=recent", 400, "invalid_parameter"),
    get("/api/suggest?q=russian%20kasp"),
    get("/api/suggest?q=k&limit=1"),
    get("/api/suggest?q=k&limit=21", 400, "invalid_parameter"),
    get("/health"),
    get("/metrics"),
    get("/openapi.json"),
    # The searches above are in its lists. An admin route: it will need the admin key.
    get("/api/admin/queries?limit=5&hours=1", admin=True),
    get("/api/admin/queries?hours=0", 400, "invalid_parameter", admin=True),
    get("/api/admin/queries", 401, "unauthorized"),
    # The document API: writes answer as documented, and so do their refusals.
    write("PUT", "/api/documents/live/one", b'{"title": "Live one", "text": "Written over HTTP."}', 201),
    write("PUT", "/api/documents/live/one", b'{"title": "Live one", "text": "Written over HTTP."}', 200),
    write("PUT", "/api/documents/live/bad", b'{"title": "Bad", "text": "x", "url": "ftp://x/y"}', 400,
          "invalid_document"),
    write("PUT", "/api/documents/a%20b", b'{"text": "x"}', 400, "invalid_parameter"),
    write("PUT", "/api/documents/live/two", b"plain text", 415, "unsupported_media_type", "text/plain"),
    write("PUT", "/api/documents/live/two", b'{"text": "x"}', 401, "unauthorized", key=None),
    write("PUT", "/api/documents/live/two", b'{"text": "x"}', 401, "unauthorized", key="wrong-key-0123456789"),
    write("POST", "/api/documents", b'{"_id": "live/b1", "text": "One."}\n{"_id": "live/b2", "date": 3}\n', 200,
          content_type="application/x-ndjson"),
    write("POST", "/api/documents", b"", 400, "invalid_request", "application/x-ndjson"),
    write("DELETE", "/api/documents/live/one", b"", 200),
    write("DELETE", "/api/documents/live/one", b"", 404, "not_found"),
    get("/api/nothing", 404, "not_found"),
    raw("the head of an answer only", request_bytes("HEAD", "/api/search?q=kaspersky"), 200, None),
    raw("a body where none is taken", request_bytes("POST", "/api/search", [("Content-Length", "3")], b"q=x"),
        405, "method_not_allowed"),
    raw("a method the path does not take", request_bytes("DELETE", "/health"), 405, "method_not_allowed"),
    raw("a method HTTP does not define", request_bytes("BREW", "/api/suggest"), 501, "not_implemented"),
    raw("HTTP/1.2", b"GET /api/search HTTP/1.2\r\nHost: 127.0.0.1\r\n\r\n", 505, "http_version_not_supported"),
    raw("no Host", b"GET /api/search HTTP/1.1\r\n\r\n", 400, "invalid_request"),
    raw("a body on GET", request_bytes("GET", "/api/search", [("Content-Length", "5")], b"hello"), 400,
        "invalid_request"),
    raw("Expect other than 100-continue", request_bytes("GET", "/metrics", [("Expect", "a-miracle")]), 417,
        "expectation_failed"),
    raw("a 10 KB URI", request_bytes("GET", "/api/search?q=" + "a" * 10000), 414, "uri_too_long"),
    raw("a 9 KB header line", request_bytes("GET", "/api/documents/x", [("X-Big", "b" * 9000)]), 431,
        "headers_too_large"),
    raw("201 header lines", request_bytes("GET", "/health", [(f"X-{i}", "1") for i in range(201)]), 431,
        "headers_too_large"),
    raw("a Content-Length of 30 digits", request_bytes("GET", "/api/similar/x", [("Content-Length", "9" * 30)]),
        413, "payload_too_large"),
]

SEVERAL_DATABASES = [get("/health"), get("/api/search?q=kaspersky"), get("/api/similar/hostile"),
                     get("/api/export?limit=3")]

REMOTE_SHARD_UP = [
    get("/health"),
    get("/api/search?q=kaspersky"),
    get("/api/search?q=kaspersky&sort=oldest"),
    get("/api/search?q=kaspersky&boost=recent&half_life=1y"),  # Xapian's own posting source
    get("/api/suggest?q=kasp"),
    get("/api/export?q=kaspersky&limit=2"),
    get("/api/documents/004_8f0669f797f6f4f0"),
    get("/metrics"),
]

REMOTE_SHARD_DOWN = [
    get("/health", 503),
    get("/api/search?q=kaspersky", 503, "shard_unavailable"),
    get("/api/documents/004_8f0669f797f6f4f0", 503, "shard_unavailable"),
    get("/api/similar/004_8f0669f797f6f4f0", 503, "shard_unavailable"),
    get("/api/suggest?q=kasp", 503, "shard_unavailable"),
    get("/api/export", 503, "shard_unavailable"),
]


def run_case(document, port, case):
    """Problems with one request of the mix: its expected status and code, then the document."""
    answer = send(port, case.get("raw") or request_bytes(case["method"], case["target"], case.get("headers", ()),
                                                         case.get("body", b"")))
    problems = expectation_problems(case, answer)
    return problems + problems_of(document, case["method"], case["target"], answer)


def expectation_problems(case, answer):
    if answer.status != case["status"]:
        return [f"status {answer.status}, expected {case['status']}: {answer.body[:300]!r}"]
    if case["code"] is None:
        return []
    code = json.loads(answer.body).get("error", {}).get("code")
    return [] if code == case["code"] else [f"error code {code}, expected {case['code']}"]


def report(label, problems):
    """Prints the outcome of one check; returns 1 if it failed."""
    print(("FAIL " if problems else "ok   ") + label)
    for problem in problems:
        print("       " + problem)
    return 1 if problems else 0


def run_mix(document, port, name, cases):
    failures = 0
    for case in cases:
        label = f"{name}: {case['method']} {case['target'][:70]}" + (f" ({case['what']})" if "what" in case else "")
        failures += report(label, run_case(document, port, case))
    return failures


def timed_out_request(document, port):
    """408: a head that never ends is answered once the request timeout (5 s) has passed.
    Started first and read last, so that the wait overlaps the rest of the mix."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=WAIT_SECONDS)
    connection.sendall(b"GET /api/suggest?q=k HTTP/1.1\r\nHost: 127.0.0.1\r\n")

    def finish():
        with connection:
            answer = receive(connection)
        case = get("/api/suggest?q=k", 408, "request_timeout")
        return expectation_problems(case, answer) + problems_of(document, "GET", case["target"], answer)
    return finish


# --- Processes ------------------------------------------------------------------------------

def index(indexer, db, inputs):
    subprocess.run([indexer, "--db", db, *inputs], check=True, stdout=subprocess.DEVNULL, timeout=120)


@contextlib.contextmanager
def article_server(binary, work, dbs, *options, admin_key=None):
    """The server on a free loopback port (it prints the URL it serves); yields the port."""
    args = [binary, "--host", "127.0.0.1", "--port", "0", *options]
    for db in dbs:
        args += ["--db", db]
    log = open(os.path.join(work, f"server-{time.monotonic_ns()}.log"), "w+")
    env = dict(os.environ)
    if admin_key:
        env["ARTICLE_SEARCH_ADMIN_KEY"] = admin_key
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log, text=True, env=env)
    try:
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not found:
            log.seek(0)
            raise RuntimeError(f"article-server did not start: {line}{log.read()}")
        yield int(found.group(1))
    finally:
        process.terminate()
        process.wait(timeout=WAIT_SECONDS)
        log.close()


@contextlib.contextmanager
def tcp_shard(tcpsrv, db):
    """xapian-tcpsrv serving `db` on a loopback port that was free; yields HOST:PORT and a stop()."""
    for _ in range(5):  # another process may take the free port first
        port = free_port()
        process = subprocess.Popen([tcpsrv, "--port", str(port), "--interface", "127.0.0.1", "--quiet", db],
                                   start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if wait_for_connections(port, process):
            break
        stop_group(process)
    else:
        raise RuntimeError("xapian-tcpsrv did not start")
    try:
        yield f"127.0.0.1:{port}", lambda: stop_group(process)
    finally:
        stop_group(process)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_connections(port, process):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
        time.sleep(0.05)
    return False


def stop_group(process):
    # xapian-tcpsrv forks a child per connection: its whole process group goes.
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=WAIT_SECONDS)


# --- The run -----------------------------------------------------------------------------------

def single_database(args, work, fixtures):
    db = os.path.join(work, "db")
    index(args.indexer, db, fixtures)
    with article_server(args.server, work, [db], admin_key=ADMIN_KEY) as port:
        document = check_document(json.loads(send(port, request_bytes("GET", "/openapi.json")).body))
        print("ok   openapi.json is a valid OpenAPI 3.0 document, its $refs resolve")
        finish_408 = timed_out_request(document, port)
        failures = run_mix(document, port, "one database", SINGLE_DATABASE)
        return document, failures + report("one database: a request that never ends (408)", finish_408())


def several_databases(args, work, document, fixtures):
    dbs = [os.path.join(work, "corpus-db"), os.path.join(work, "escaping-db")]
    index(args.indexer, dbs[0], fixtures[:1])
    index(args.indexer, dbs[1], fixtures[1:2])
    with article_server(args.server, work, dbs) as port:
        return run_mix(document, port, "two databases", SEVERAL_DATABASES)


def remote_shard(args, work, document):
    with tcp_shard(args.tcpsrv, os.path.join(work, "corpus-db")) as (address, stop):
        stub = os.path.join(work, "remote.stub")
        with open(stub, "w", encoding="utf-8") as out:
            out.write(f"remote {address}\n")
        with article_server(args.server, work, [stub], "--remote-timeout", "1000") as port:
            failures = run_mix(document, port, "remote shard", REMOTE_SHARD_UP)
            stop()
            return failures + run_mix(document, port, "remote shard down", REMOTE_SHARD_DOWN)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for option in ("--server", "--indexer", "--tcpsrv", "--source"):
        parser.add_argument(option, required=True)
    args = parser.parse_args()
    # The news articles (the browser tests' fixture) state authors, tags, sections, languages.
    fixtures = [os.path.join(args.source, "corpus"), os.path.join(args.source, "tests", "data", "escaping"),
                os.path.join(args.source, "tests", "data", "similar-suffix"),
                os.path.join(args.source, "tests", "e2e", "fixtures", "news.jsonl")]
    with tempfile.TemporaryDirectory(prefix="article-search-openapi-") as work:
        document, failures = single_database(args, work, fixtures)
        failures += several_databases(args, work, document, fixtures)
        failures += remote_shard(args, work, document)
    cases = len(SINGLE_DATABASE) + 1 + len(SEVERAL_DATABASES) + len(REMOTE_SHARD_UP) + len(REMOTE_SHARD_DOWN)
    print(f"{cases - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
