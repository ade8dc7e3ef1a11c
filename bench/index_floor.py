#!/usr/bin/python3
"""The smallest Xapian database of a corpus's text that still answers phrases.

    index_floor.py CORPUS OUT_DIR

Indexes each article's title and body as one field, with Xapian's default stemming
(STEM_SOME: each word as written, with positions, and its English stem), and nothing
else: no stored text, no fields, no values, no spelling data. Then compacts it as
article-indexer compacts a fresh build. Prints the bytes of each table and their total:

    total_bytes N postlist_bytes N position_bytes N termlist_bytes N

This is what Xapian itself needs for the text, the floor under any index built on it,
set beside FTS5's database in `bench/run.sh --size` (Debian's python3-xapian).
"""
import json
import os
import shutil
import subprocess
import sys

import xapian


def articles(corpus):
    """(title, body) of each article: JSON Lines records, or text files whose first
    line is the title, as article-indexer reads them."""
    if os.path.isfile(corpus):
        with open(corpus, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    record = json.loads(line)
                    yield record.get("title", ""), record.get("text") or record.get("body", "")
        return
    for root, dirs, files in os.walk(corpus):
        dirs.sort()
        for name in sorted(files):
            if name.endswith((".txt", ".md")):
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    title, _, body = f.read().partition("\n")
                yield title, body


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    corpus, out = sys.argv[1], sys.argv[2]
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    loose, compacted = os.path.join(out, "loose"), os.path.join(out, "compacted")
    db = xapian.WritableDatabase(loose, xapian.DB_CREATE_OR_OVERWRITE)
    generator = xapian.TermGenerator()
    generator.set_stemmer(xapian.Stem("en"))
    for title, body in articles(corpus):
        document = xapian.Document()
        generator.set_document(document)
        generator.index_text(title)
        generator.increase_termpos()
        generator.index_text(body)
        db.add_document(document)
    db.commit()
    db.close()
    subprocess.run(["xapian-compact", loose, compacted],
                   check=True, stdout=subprocess.DEVNULL)
    sizes = {}
    for table in ("postlist", "position", "termlist", "docdata", "spelling", "synonym"):
        path = os.path.join(compacted, table + ".glass")
        sizes[table] = os.path.getsize(path) if os.path.exists(path) else 0
    print("total_bytes", sum(sizes.values()),
          " ".join(f"{t}_bytes {sizes[t]}" for t in ("postlist", "position", "termlist")))


if __name__ == "__main__":
    main()
