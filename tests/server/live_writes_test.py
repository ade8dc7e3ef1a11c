#!/usr/bin/env python3
"""Writes over HTTP against the real article-server: durability under SIGKILL, and writes
beside 64 searching connections.

Indexes the bundled corpus with the real article-indexer and starts the real article-server
on a free loopback port with an admin key, then one of two scenarios:

crash   Four client threads send bulk POSTs of 50 records each, continuously, recording
        which requests were acknowledged (200, every record accepted) and which were in
        flight. After a random 1-3 s the server is SIGKILLed and started again on the same
        database (a new port). Every acknowledged id must be there; every unacknowledged
        request must be there wholly or not at all; nothing that was never sent may appear;
        the restarted server must answer /health ok with the right document count and
        search. Repeated (up to 3 kills) while --seconds allows; the ids of every round must
        survive the later ones.

load    For --seconds, 64 threads each keep one HTTP/1.1 keep-alive connection and search
        (any non-200 or exception is a failed search), beside three writers: two PUT single
        articles and one POSTs bulk requests of 20. After each acknowledged write the same
        thread reads it back at once (GET of the id and a search for a word only it has;
        a bulk by a word only its batch has): a miss is a read-your-write failure. At the
        end: no failed search, no miss, and every acknowledged write present (by export).

Prints `ok ...` lines; exits non-zero on any failure. Standard library only.

usage: live_writes_test.py --server BIN --indexer BIN --source DIR --scenario crash|load --seconds N
"""

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import select
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

WAIT_SECONDS = 15        # for a server to start, and for any answer
ADMIN_KEY = "live-writes-test-admin-key-0123456789"
CRASH_WORD = "zebracrashmark"   # in every record of the crash scenario
LOAD_WORD = "quokkaloadmark"    # in every record of the load scenario
SEARCH_WORDS = ["kaspersky", "ban", "russian", "software", "security", "commerce",
                "employees", "department", "market", "nothingmatchesthis", LOAD_WORD]


# Words for the records' text, so that they are not near-duplicates of one another.
VOCABULARY = [a + b + c for a in ("bar", "cor", "dun", "fel", "gar", "hol", "kin", "lom", "mer", "nor",
                                 "pel", "ros", "sun", "tav", "vor", "wel")
              for b in ("ab", "el", "ix", "od", "um", "ar", "en") for c in ("ton", "wick", "ley", "ford", "ham", "by")]


class Failure(Exception):
    pass


def say(message):
    print(message, flush=True)


# --- The server ----------------------------------------------------------------------------

class Server:
    """article-server on a free loopback port; .port once it printed the URL it serves."""

    def __init__(self, binary, db, work):
        self.log = open(os.path.join(work, f"server-{time.monotonic_ns()}.log"), "w+")
        env = dict(os.environ, ARTICLE_SEARCH_ADMIN_KEY=ADMIN_KEY)
        self.process = subprocess.Popen([binary, "--db", db, "--host", "127.0.0.1", "--port", "0"],
                                        stdout=subprocess.PIPE, stderr=self.log, text=True, env=env)
        ready, _, _ = select.select([self.process.stdout], [], [], WAIT_SECONDS)
        line = self.process.stdout.readline() if ready else ""
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not found:
            self.stop()
            self.log.seek(0)
            raise Failure(f"article-server did not start: {line!r} {self.log.read()[-2000:]}")
        self.port = int(found.group(1))

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=WAIT_SECONDS)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=WAIT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=WAIT_SECONDS)
                raise Failure("article-server did not stop within 15 s of SIGTERM")
        self.log.close()
        return self.process.returncode

    def log_tail(self):
        with open(self.log.name, encoding="utf-8", errors="replace") as log:
            return log.read()[-2000:]


def index(indexer, db, inputs):
    subprocess.run([indexer, "--db", db, *inputs], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=120)


def connect(port):
    return http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT_SECONDS)


def call(connection, method, target, body=None, content_type=None):
    """(status, body bytes) over a kept-alive connection."""
    headers = {}
    if body is not None:
        headers["Authorization"] = f"Bearer {ADMIN_KEY}"
        headers["Content-Type"] = content_type
    elif method == "DELETE":
        headers["Authorization"] = f"Bearer {ADMIN_KEY}"
    connection.request(method, target, body=body, headers=headers)
    answer = connection.getresponse()
    return answer.status, answer.read(), answer


def get_json(port, target):
    with contextlib.closing(connect(port)) as connection:
        status, body, _ = call(connection, "GET", target)
        return status, (json.loads(body) if body[:1] == b"{" else body)


def document_path(doc_id):
    return "/api/documents/" + urllib.parse.quote(doc_id, safe="/")


def exported_ids(port, query):
    """The ids of every match of `query`, through /api/export pages (at most 1,000 pages)."""
    ids = set()
    cursor = None
    with contextlib.closing(connect(port)) as connection:
        for _ in range(1000):
            target = f"/api/export?q={urllib.parse.quote(query)}&limit=10000"
            if cursor:
                target += "&cursor=" + urllib.parse.quote(cursor, safe="")
            status, body, answer = call(connection, "GET", target)
            if status != 200:
                raise Failure(f"GET {target}: {status} {body[:300]!r}")
            for line in body.splitlines():
                if line.strip():
                    doc_id = json.loads(line)["_id"]
                    if doc_id in ids:
                        raise Failure(f"the export of {query!r} gives {doc_id} twice")
                    ids.add(doc_id)
            cursor = answer.getheader("X-Next-Cursor")
            if not cursor:
                return ids
    raise Failure(f"the export of {query!r} never ended")


# --- crash ---------------------------------------------------------------------------------

class CrashRound:
    def __init__(self, number, rng):
        self.number = number
        self.rng = rng
        self.lock = threading.Lock()
        self.acknowledged = {}   # request name -> ids
        self.unknown = {}        # request name -> ids: in flight at the kill, or answered with an error
        self.errors = []         # answers that were neither a full 200 nor a broken connection
        self.killed = threading.Event()

    def client(self, port, thread, stop_at):
        connection = connect(port)
        batch = 0
        while not self.killed.is_set() and time.monotonic() < stop_at and batch < 100000:
            name = f"crash/R{self.number}-T{thread}-B{batch}"
            ids = [f"{name}-I{i}" for i in range(50)]
            body = "".join(json.dumps({"_id": doc_id, "title": " ".join(self.rng.choices(VOCABULARY, k=5)) + f" ({doc_id})",
                                       "text": f"{CRASH_WORD} written by thread {thread} in batch {batch}: "
                                               + " ".join(self.rng.choices(VOCABULARY, k=80)) + ".",
                                       "date": "2026-12-03", "source": "live-writes"}) + "\n"
                           for doc_id in ids).encode()
            with self.lock:
                self.unknown[name] = ids
            try:
                status, answer, _ = call(connection, "POST", "/api/documents", body, "application/x-ndjson")
            except (OSError, http.client.HTTPException):
                if not self.killed.is_set():
                    with self.lock:
                        self.errors.append(f"{name}: connection failed before the kill")
                return  # the server is gone: this request stays unknown
            result = json.loads(answer) if status == 200 else None
            if result is not None and result.get("accepted") == 50 and not result.get("errors") and \
                    sorted(r.get("id") for r in result["results"]) == sorted(ids):
                with self.lock:
                    self.acknowledged[name] = self.unknown.pop(name)
            else:
                with self.lock:
                    self.errors.append(f"{name}: {status} {answer[:300]!r}")
            batch += 1
        connection.close()


def crash_scenario(args, work):
    db = os.path.join(work, "db")
    index(args.indexer, db, [os.path.join(args.source, "corpus")])
    seed = int(time.time() * 1000) & 0xFFFFFF
    rng = random.Random(seed)
    say(f"ok crash: seed {seed}")
    started = time.monotonic()
    deadline = started + args.seconds
    base_documents = None
    committed = set()     # ids found after an earlier kill: they must stay
    never_there = set()   # ids of requests found absent: they must not come back
    problems = []
    rounds = 0
    server = Server(args.server, db, work)
    try:
        status, health = get_json(server.port, "/health")
        base_documents = health["documents"]
        while rounds < 3:
            # A round: up to 3 s of writes, a restart and the checks; about 6 s with margin.
            if rounds > 0 and time.monotonic() + 7 > deadline:
                break
            rounds += 1
            state = CrashRound(rounds, rng)
            kill_after = rng.uniform(1.0, 3.0)
            threads = [threading.Thread(target=state.client, args=(server.port, t, time.monotonic() + 30),
                                        daemon=True) for t in range(4)]
            for thread in threads:
                thread.start()
            time.sleep(kill_after)
            # At least one acknowledged request before the kill, waiting at most 10 s more.
            wait_until = time.monotonic() + 10
            while time.monotonic() < wait_until:
                with state.lock:
                    if state.acknowledged:
                        break
                time.sleep(0.05)
            state.killed.set()
            server.kill()
            for thread in threads:
                thread.join(timeout=WAIT_SECONDS)
                if thread.is_alive():
                    raise Failure("a client thread did not end within 15 s of the kill")
            acknowledged = {doc_id for ids in state.acknowledged.values() for doc_id in ids}
            server = Server(args.server, db, work)
            present_all = exported_ids(server.port, CRASH_WORD)
            # (a) every acknowledged id survived the kill, and every earlier round's too
            lost = acknowledged - present_all
            if lost:
                problems.append(f"round {rounds}: {len(lost)} acknowledged ids lost, e.g. {sorted(lost)[:5]}")
            lost_earlier = committed - present_all
            if lost_earlier:
                problems.append(f"round {rounds}: {len(lost_earlier)} ids of earlier rounds lost, "
                                f"e.g. {sorted(lost_earlier)[:5]}")
            back = never_there & present_all
            if back:
                problems.append(f"round {rounds}: {len(back)} ids absent after an earlier kill came back")
            # (b) each unacknowledged request wholly there or not at all
            whole = half = 0
            for name, ids in state.unknown.items():
                found = sum(doc_id in present_all for doc_id in ids)
                if found == len(ids):
                    whole += 1
                    committed.update(ids)
                elif found == 0:
                    never_there.update(ids)
                else:
                    half += 1
                    problems.append(f"round {rounds}: request {name} half written: {found} of {len(ids)} ids")
            sent = {doc_id for ids in list(state.acknowledged.values()) + list(state.unknown.values())
                    for doc_id in ids}
            strangers = {doc_id for doc_id in present_all if doc_id.startswith(f"crash/R{rounds}-")} - sent
            if strangers:
                problems.append(f"round {rounds}: {len(strangers)} ids present that were never sent")
            committed.update(acknowledged)
            # (c) the database is sound: /health, its count, searches
            status, health = get_json(server.port, "/health")
            if status != 200 or health.get("status") != "ok":
                problems.append(f"round {rounds}: /health after the restart: {status} {health}")
            elif health.get("documents") != base_documents + len(present_all):
                problems.append(f"round {rounds}: /health counts {health.get('documents')} documents, "
                                f"expected {base_documents} + {len(present_all)}")
            status, found = get_json(server.port, f"/api/search?q={CRASH_WORD}&limit=10")
            total = found.get("total", {}) if status == 200 else {}
            if status != 200 or (total.get("relation") == "eq" and total.get("value") != len(present_all)):
                problems.append(f"round {rounds}: search for {CRASH_WORD}: {status} total {total}, "
                                f"expected {len(present_all)}")
            status, found = get_json(server.port, "/api/search?q=kaspersky&limit=10")
            if status != 200 or found["total"]["value"] < 1:
                problems.append(f"round {rounds}: search for kaspersky after the restart: {status}")
            sample = sorted(acknowledged)[:: max(1, len(acknowledged) // 20)][:20]
            for doc_id in sample:
                status, _ = get_json(server.port, document_path(doc_id))
                if status != 200:
                    problems.append(f"round {rounds}: GET {doc_id} (acknowledged): {status}")
            problems.extend(f"round {rounds}: unexpected answer {error}" for error in state.errors)
            verdict = "ok" if not lost and not half else "FAIL"
            say(f"{verdict} crash round {rounds}: killed after {kill_after:.2f} s; {len(state.acknowledged)} requests "
                f"({len(acknowledged)} ids) acknowledged, {len(lost)} of their ids lost; "
                f"{len(state.unknown)} unacknowledged: "
                f"{whole} wholly there, {len(state.unknown) - whole - half} not at all, {half} half; "
                f"{len(present_all)} records in all")
        if rounds < 2 and args.seconds >= 14:
            problems.append(f"only {rounds} kill rounds in {args.seconds} s")
        if sum(len(ids) for ids in [committed]) == 0:
            problems.append("no request was ever acknowledged: the test proved nothing")
    finally:
        code = server.stop()
    if code != 0:
        problems.append(f"the last server exited {code} on SIGTERM")
    if problems:
        raise Failure("\n".join(problems))
    say(f"ok crash: {rounds} kills, {len(committed)} records durable, none half written, none lost")


# --- load ----------------------------------------------------------------------------------

class LoadState:
    def __init__(self):
        self.lock = threading.Lock()
        self.searches = 0
        self.failed_searches = []
        self.acknowledged = {}    # id -> monotonic time of its 2xx
        self.unknown = set()      # ids whose write got no answer
        self.write_requests = 0
        self.write_failures = []
        self.misses = []          # read-your-write misses
        self.latencies = []       # (sent, seconds to its 2xx) of each acknowledged write request
        self.stop = threading.Event()


def searcher(port, state, number, stop_at):
    rng = random.Random(number)
    connection = connect(port)
    done = 0
    while time.monotonic() < stop_at and not state.stop.is_set() and done < 10_000_000:
        word = rng.choice(SEARCH_WORDS)
        target = f"/api/search?q={word}&limit=10"
        try:
            status, body, _ = call(connection, "GET", target)
            if status != 200:
                with state.lock:
                    state.failed_searches.append(f"{target}: {status} {body[:200]!r}")
            else:
                json.loads(body)["total"]["value"]
        except (OSError, http.client.HTTPException, ValueError, KeyError) as error:
            with state.lock:
                state.failed_searches.append(f"{target}: {type(error).__name__} {error}")
            connection.close()
            connection = connect(port)
        done += 1
    with state.lock:
        state.searches += done
    connection.close()


def total_of(connection, query):
    """(total, status, the ids of the first hits) of a search."""
    status, body, _ = call(connection, "GET", f"/api/search?q={query}&limit=25")
    if status != 200:
        return None, status, []
    found = json.loads(body)
    return found["total"]["value"], status, [hit["id"] for hit in found["hits"]]


def putter(port, state, number, stop_at):
    rng = random.Random(1000 + number)  # distinct texts: near-copies would all join one story
    connection = connect(port)
    count = 0
    while time.monotonic() < stop_at and not state.stop.is_set() and count < 1_000_000:
        doc_id = f"load/P{number}-{count}"
        token = f"rywp{number}n{count}k"  # digits and a k: no stemmer folds two into one
        body = json.dumps({"title": " ".join(rng.choices(VOCABULARY, k=5)) + f" ({doc_id})",
                           "text": f"{LOAD_WORD} {token} written beside the searches: "
                                   + " ".join(rng.choices(VOCABULARY, k=60)) + ".",
                           "date": "2026-12-03", "source": "live-writes"}).encode()
        count += 1
        sent = time.monotonic()
        try:
            status, answer, _ = call(connection, "PUT", document_path(doc_id), body, "application/json")
        except (OSError, http.client.HTTPException) as error:
            with state.lock:
                state.unknown.add(doc_id)
                state.write_failures.append(f"PUT {doc_id}: {type(error).__name__} {error}")
            connection.close()
            connection = connect(port)
            continue
        with state.lock:
            state.write_requests += 1
        if status not in (200, 201):
            with state.lock:
                state.write_failures.append(f"PUT {doc_id}: {status} {answer[:200]!r}")
            continue
        now = time.monotonic()
        with state.lock:
            state.acknowledged[doc_id] = now
            state.latencies.append((sent, now - sent))
        try:
            got, _, _ = call(connection, "GET", document_path(doc_id))
            total, search_status, hits = total_of(connection, token)
        except (OSError, http.client.HTTPException, ValueError) as error:
            with state.lock:
                state.misses.append(f"{doc_id}: reading it back failed: {type(error).__name__} {error}")
            connection.close()
            connection = connect(port)
            continue
        if got != 200 or total != 1:
            with state.lock:
                state.misses.append(f"{doc_id}: right after its {status}: GET {got}, "
                                    f"search {token}: {search_status} total {total}, hits {hits}")
    connection.close()


def bulker(port, state, number, stop_at):
    rng = random.Random(2000 + number)
    connection = connect(port)
    batch = 0
    while time.monotonic() < stop_at and not state.stop.is_set() and batch < 1_000_000:
        token = f"rywb{number}n{batch}k"
        ids = [f"load/B{number}-{batch}-{i}" for i in range(20)]
        body = "".join(json.dumps({"_id": doc_id, "title": " ".join(rng.choices(VOCABULARY, k=5)) + f" ({doc_id})",
                                   "text": f"{LOAD_WORD} {token} one of a batch of twenty: "
                                           + " ".join(rng.choices(VOCABULARY, k=60)) + ".",
                                   "source": "live-writes"}) + "\n" for doc_id in ids).encode()
        batch += 1
        sent = time.monotonic()
        try:
            status, answer, _ = call(connection, "POST", "/api/documents", body, "application/x-ndjson")
        except (OSError, http.client.HTTPException) as error:
            with state.lock:
                state.unknown.update(ids)
                state.write_failures.append(f"POST batch {token}: {type(error).__name__} {error}")
            connection.close()
            connection = connect(port)
            continue
        with state.lock:
            state.write_requests += 1
        result = json.loads(answer) if status == 200 else {}
        if status != 200 or result.get("accepted") != 20 or result.get("errors"):
            with state.lock:
                state.write_failures.append(f"POST batch {token}: {status} {answer[:300]!r}")
                state.unknown.update(ids)
            continue
        now = time.monotonic()
        with state.lock:
            state.acknowledged.update((doc_id, now) for doc_id in ids)
            state.latencies.append((sent, now - sent))
        try:
            total, search_status, hits = total_of(connection, token)
        except (OSError, http.client.HTTPException, ValueError) as error:
            with state.lock:
                state.misses.append(f"batch {token}: reading it back failed: {type(error).__name__} {error}")
            connection.close()
            connection = connect(port)
            continue
        if total != 20:
            with state.lock:
                state.misses.append(f"batch {token}: right after its 200: search {search_status} total {total}, hits {hits}")
    connection.close()


def load_scenario(args, work):
    db = os.path.join(work, "db")
    index(args.indexer, db, [os.path.join(args.source, "corpus")])
    server = Server(args.server, db, work)
    problems = []
    try:
        state = LoadState()
        started = time.monotonic()
        stop_at = started + args.seconds
        threads = [threading.Thread(target=searcher, args=(server.port, state, n, stop_at), daemon=True)
                   for n in range(64)]
        threads += [threading.Thread(target=putter, args=(server.port, state, n, stop_at), daemon=True)
                    for n in range(2)]
        threads.append(threading.Thread(target=bulker, args=(server.port, state, 0, stop_at), daemon=True))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(0.0, stop_at - time.monotonic()) + 2 * WAIT_SECONDS)
        state.stop.set()
        if any(thread.is_alive() for thread in threads):
            problems.append("a client thread did not end within 30 s of the end of the run")
        elapsed = time.monotonic() - started
        if server.process.poll() is not None:
            raise Failure(f"the server died during the run: {server.process.returncode}\n{server.log_tail()}")
        present = exported_ids(server.port, LOAD_WORD)
        lost = set(state.acknowledged) - present
        strangers = present - set(state.acknowledged) - state.unknown
        with state.lock:
            searches, failed, misses = state.searches, list(state.failed_searches), list(state.misses)
            writes, requests, write_failures = len(state.acknowledged), state.write_requests, list(state.write_failures)
        say(f"ok load: {searches} searches in {elapsed:.1f} s, {searches / elapsed:.0f} searches/s over 64 "
            f"connections, {len(failed)} failed")
        say(f"ok load: {writes} articles written and acknowledged in {requests} write requests, "
            f"{writes / elapsed:.0f} articles/s, {requests / elapsed:.1f} write requests/s; "
            f"{len(misses)} read-your-write misses; {len(write_failures)} writes refused or unanswered")
        latencies = [seconds for _, seconds in sorted(state.latencies)]
        if len(latencies) >= 8:
            quarter = len(latencies) // 4
            say(f"ok load: write latency, median of the first quarter {statistics.median(latencies[:quarter]) * 1000:.0f} ms, "
                f"of the last {statistics.median(latencies[-quarter:]) * 1000:.0f} ms, "
                f"max {max(latencies) * 1000:.0f} ms")
        if failed:
            problems.append(f"{len(failed)} failed searches, e.g.: " + "; ".join(failed[:5]))
        if misses:
            problems.append(f"{len(misses)} read-your-write misses, e.g.: " + "; ".join(misses[:5]))
        if write_failures:
            problems.append(f"{len(write_failures)} writes failed, e.g.: " + "; ".join(write_failures[:5]))
        if lost:
            problems.append(f"{len(lost)} acknowledged writes not found at the end, e.g. {sorted(lost)[:5]}")
        if strangers:
            problems.append(f"{len(strangers)} records present that were never written: {sorted(strangers)[:5]}")
        if searches < 64 or writes == 0:
            problems.append(f"too little happened to prove anything: {searches} searches, {writes} writes")
        status, health = get_json(server.port, "/health")
        if status != 200 or health.get("status") != "ok":
            problems.append(f"/health at the end: {status} {health}")
        if not problems:
            say(f"ok load: every one of the {writes} acknowledged writes is there")
    finally:
        code = server.stop()
    if code != 0:
        problems.append(f"the server exited {code} on SIGTERM")
    if problems:
        raise Failure("\n".join(problems))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--indexer", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--scenario", required=True, choices=["crash", "load"])
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="live-writes-") as work:
        try:
            (crash_scenario if args.scenario == "crash" else load_scenario)(args, work)
        except Failure as failure:
            print(f"FAIL live_writes_test {args.scenario}:\n{failure}", file=sys.stderr, flush=True)
            sys.exit(1)


if __name__ == "__main__":
    main()
