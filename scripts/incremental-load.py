#!/usr/bin/env python3
"""Keeps a local SQLite table in step with a datadump table: a full load the first time (or when the dump it last
loaded is no longer retained), then only the changes since that dump. Standard library only.

  DATADUMP_URL=https://dump.example.com DATADUMP_API_KEY=dd_... \\
    python3 incremental-load.py --table contacts --db crm.sqlite

The table holds one row per id with the row as JSON (query it with SQLite's json_extract); a second table remembers
the dump each table was loaded from.
"""
import argparse
import json
import os
import sqlite3
import sys
import urllib.error
import urllib.parse
import urllib.request


def get(base, path, key, **params):
    query = urllib.parse.urlencode({**params, "api_key": key})
    return urllib.request.urlopen(f"{base}{path}?{query}", timeout=1800)  # follows the redirect to the file


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", required=True)
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    base = os.environ.get("DATADUMP_URL", "http://localhost:8080").rstrip("/")
    key = os.environ.get("DATADUMP_API_KEY")
    if not key:
        sys.exit("set DATADUMP_API_KEY to your API key")
    db = sqlite3.connect(args.db)
    db.execute("CREATE TABLE IF NOT EXISTS datadump_state (tbl TEXT PRIMARY KEY, dump_id INTEGER NOT NULL)")
    db.execute(f'CREATE TABLE IF NOT EXISTS "{args.table}" (id INTEGER PRIMARY KEY, row TEXT NOT NULL)')
    index = json.load(get(base, "/v1/datadump", key))
    current = index["dump_id"]
    state = db.execute("SELECT dump_id FROM datadump_state WHERE tbl = ?", (args.table,)).fetchone()
    upserts = deletes = 0
    full = state is None
    if not full and state[0] != current:
        try:
            with get(base, f"/v1/datadump/{args.table}/changes", key, since=state[0], dump=current) as feed:
                for line in feed:
                    change = json.loads(line)
                    if change["op"] == "upsert":
                        db.execute(f'INSERT OR REPLACE INTO "{args.table}" VALUES (?, ?)',
                                   (change["row"]["id"], json.dumps(change["row"], ensure_ascii=False)))
                        upserts += 1
                    else:
                        db.execute(f'DELETE FROM "{args.table}" WHERE id = ?', (change["id"],))
                        deletes += 1
        except urllib.error.HTTPError as e:
            if e.code != 410:  # since_not_retained: fall back to a full load
                raise
            full = True
    if full:
        rows = json.load(get(base, f"/v1/datadump/{args.table}", key, dump=current))
        db.execute(f'DELETE FROM "{args.table}"')
        db.executemany(f'INSERT INTO "{args.table}" VALUES (?, ?)',
                       [(r["id"], json.dumps(r, ensure_ascii=False)) for r in rows])
        print(f"{args.table}: full load of {len(rows)} rows from dump {current}")
    else:
        since = state[0]
        print(f"{args.table}: {upserts} upserts, {deletes} deletes since dump {since}, now at dump {current}")
    db.execute("INSERT OR REPLACE INTO datadump_state VALUES (?, ?)", (args.table, current))
    db.commit()


if __name__ == "__main__":
    main()
