#!/usr/bin/env python3
"""Saved searches as Atom feeds, read by a real feed parser (Debian's python3-feedparser).

Indexes the bundled corpus and the escaping fixture with the real article-indexer, starts
the real article-server on a free loopback port, and reads /api/search.atom as a feed
reader would: the feed must parse without a problem (feedparser's `bozo` flag off), as
Atom 1.0, with one entry per hit of the same search in JSON, in its order, each with an id,
a title, a time and a link; the hostile headline must come out as text; fetching twice must
give the same ids; group=story must give one entry per story.

usage: atom_feed_test.py --server BIN --indexer BIN --source DIR
"""

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request

try:
    import feedparser
except ImportError:
    sys.exit("atom_feed_test: python3-feedparser is missing (apt-get install python3-feedparser; "
             "scripts/test.sh installs it)")

WAIT_SECONDS = 15


@contextlib.contextmanager
def article_server(binary, work, db):
    """The server on a free loopback port (it prints the URL it serves); yields the base URL."""
    log = open(os.path.join(work, "server.log"), "w+")
    process = subprocess.Popen([binary, "--host", "127.0.0.1", "--port", "0", "--db", db],
                               stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        line = process.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
        if not found:
            log.seek(0)
            raise RuntimeError(f"article-server did not start: {line}{log.read()}")
        yield found.group(1)
    finally:
        process.terminate()
        process.wait(timeout=WAIT_SECONDS)
        log.close()


def fetch(url):
    with urllib.request.urlopen(url, timeout=WAIT_SECONDS) as answer:
        return answer.headers.get("Content-Type"), answer.read()


def parsed_feed(base, query):
    content_type, body = fetch(f"{base}/api/search.atom?{query}")
    if content_type != "application/atom+xml; charset=utf-8":
        raise AssertionError(f"{query}: Content-Type {content_type}")
    feed = feedparser.parse(body)
    if feed.bozo:
        raise AssertionError(f"{query}: the feed parser found a problem: {feed.bozo_exception}")
    if feed.version != "atom10":
        raise AssertionError(f"{query}: read as {feed.version!r}, not Atom 1.0")
    return feed


def search(base, query):
    return json.loads(fetch(f"{base}/api/search?{query}")[1])


def check(condition, message, problems):
    if not condition:
        problems.append(message)


def check_articles(base, problems):
    feed = parsed_feed(base, "q=kaspersky")
    hits = search(base, "q=kaspersky&sort=newest&limit=20")["hits"]
    ids = [entry.id for entry in feed.entries]
    check(ids == [f"urn:article-search:article:{hit['id']}" for hit in hits],
          f"entries {ids} are not the hits of the same search", problems)
    check(len(ids) > 0, "no entries", problems)
    for entry, hit in zip(feed.entries, hits):
        check(entry.title == hit["title_text"], f"{entry.id}: title {entry.title!r}", problems)
        check(entry.get("updated_parsed") is not None, f"{entry.id}: no time a reader can use", problems)
        check(hit["date"] is None or entry.updated.startswith(hit["date"][:10]),
              f"{entry.id}: updated {entry.updated} is not its date {hit['date']}", problems)
        check(any(link.get("href", "").startswith(base + "/api/documents/") for link in entry.links),
              f"{entry.id}: no link to its document", problems)
    times = [entry.updated_parsed for entry in feed.entries]
    check(times == sorted(times, reverse=True), "entries are not newest first", problems)
    check(feed.feed.get("updated_parsed") == (times[0] if times else None),
          "the feed's time is not its newest entry's", problems)
    again = parsed_feed(base, "q=kaspersky")
    check([entry.id for entry in again.entries] == ids, "ids changed between two fetches", problems)


def check_escaping(base, problems):
    feed = parsed_feed(base, "q=alert")
    titles = [entry.title for entry in feed.entries]
    check(any(title.startswith("Hostile <script>alert(1)</script>") for title in titles),
          f"the hostile headline is not read back as its text: {titles}", problems)


def check_stories(base, problems):
    feed = parsed_feed(base, "q=kaspersky&group=story")
    hits = search(base, "q=kaspersky&group=story&sort=newest&limit=20")["hits"]
    ids = [entry.id for entry in feed.entries]
    check(ids == [f"urn:article-search:story:{hit['story']['id']}" for hit in hits],
          f"story entries {ids} are not the stories of the same search", problems)
    check(len(set(ids)) == len(ids), "a story has two entries", problems)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--indexer", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        db = os.path.join(work, "db")
        inputs = [os.path.join(args.source, "corpus"), os.path.join(args.source, "tests", "data", "escaping")]
        subprocess.run([args.indexer, "--db", db, *inputs], check=True, stdout=subprocess.DEVNULL, timeout=120)
        problems = []
        with article_server(args.server, work, db) as base:
            check_articles(base, problems)
            check_escaping(base, problems)
            check_stories(base, problems)
    if problems:
        print("\n".join(problems))
        return 1
    print("ok: the feeds parse as Atom 1.0 and match their searches")
    return 0


if __name__ == "__main__":
    sys.exit(main())
