#!/usr/bin/env python3
"""P3 (quality.md): bulk imports through capture's POST /api/leads/import against PostgreSQL's COPY of the same rows,
measured in the same run. Run by benchmarks/capture/p3.sh, which starts a capture-service of its own on a database of
its own; usable alone against such a copy (never against the local suite's capture: the rows would flood the pipeline):

    p3.py --base http://127.0.0.1:8096 --pid PID --db capture_bench --rows 100000 [--markdown out.md]

What it does, in order:
  1. writes the rows: N people as CSV and the next N people as NDJSON (the same fields, other people, so that both
     imports create every row instead of the second merging into the first), and a few hundred more for a warm-up.
     Deterministic: the same files every run. Varied names and companies, emails @load.example, every other person
     with a Chicago phone (+1 312; the system tests draw theirs from Washington's +1 202).
  2. the baseline: COPY of the CSV file into a bare table of text columns (copy_baseline, no index) through psql,
     COPY ... FROM STDIN, timed by psql's own \\timing, the median of three; before the imports.
  3. a warm-up import (not measured), then the CSV import, then the NDJSON import, each with curl (which reads the
     streamed report while it sends, as the endpoint needs), the capture process' VmRSS sampled every second.
  4. the baseline again, after the imports; ratios are to the mean of the two.
  5. checks: every import answered 200, its report lists every row, every row CREATED (or FLAGGED: created, a similar
     name at the same company noted), none MERGED, REJECTED or FAILED, no lead id twice; the database holds exactly
     as many leads and lead.captured outbox events as rows were imported. Anything else fails the run (exit 1).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

FIRST = ["Ada", "Grace", "Katherine", "Dorothy", "Mary", "Annie", "Hedy", "Radia", "Frances", "Barbara", "Margaret",
         "Joan", "Evelyn", "Lynn", "Alan", "Edsger", "Donald", "Ken", "Dennis", "Barbara", "Niklaus", "Tony", "John",
         "Leslie", "Fran", "Shafi", "Silvio", "Butler", "Whitfield", "Martin", "Ivan", "Douglas", "Vint", "Bob",
         "Tim", "Sophie", "Jean", "Carl", "Sally", "Marian", "Ida", "Kathleen", "Betty", "Ruth", "Adele"]
LAST = ["Lovelace", "Hopper", "Johnson", "Vaughan", "Jackson", "Easley", "Lamarr", "Perlman", "Allen", "Liskov",
        "Hamilton", "Clarke", "Boyd", "Conway", "Turing", "Dijkstra", "Knuth", "Thompson", "Ritchie", "Wirth",
        "Hoare", "McCarthy", "Lamport", "Goldwasser", "Micali", "Lampson", "Diffie", "Hellman", "Sutherland",
        "Engelbart", "Cerf", "Kahn", "Berners-Lee", "Wilson", "Sammet", "Shaw", "Goldberg", "Floyd", "Rhodes",
        "Croft", "Kay", "Booth", "Holberton", "Teitelbaum", "Goldstine", "Bartik"]
COMPANY_A = ["Analytical", "Lakeshore", "Prairie", "Northside", "Riverwalk", "Union", "Midway", "Granite", "Harbor",
             "Summit", "Beacon", "Cedar", "Meridian", "Pioneer", "Keystone", "Atlas", "Orchard", "Copper", "Silver",
             "Evergreen", "Windy", "Loop", "Canal", "Bridgeport"]
COMPANY_B = ["Engines", "Logistics", "Foods", "Energy", "Robotics", "Textiles", "Printing", "Health", "Software",
             "Freight", "Materials", "Optics", "Furniture", "Brewing", "Analytics", "Machines", "Finance", "Media",
             "Ceramics", "Instruments"]
COMPANY_C = ["Ltd", "Inc", "LLC", "Corp", "Co"]
TITLES = ["Head of Operations", "Purchasing Manager", "CTO", "Facilities Manager", "Owner", "Office Manager",
          "Procurement Lead", "Director of Finance", ""]
CAMPAIGNS = ["spring-fair-2026", "trade-show-chicago", "webinar-q3", "partner-list", ""]
COLUMNS = ["firstName", "lastName", "email", "phone", "company", "jobTitle", "country", "language", "campaign"]


def person(i):
    """Person number i: a dict of COLUMNS (empty string: absent). Unique email and (when present) phone per i."""
    first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
    k = i // (len(FIRST) * len(LAST))  # the same name comes back after 2 070 people, at another company
    company = "%s %s %s" % (COMPANY_A[(i * 7 + k) % len(COMPANY_A)], COMPANY_B[(i * 13 + k * 3) % len(COMPANY_B)],
                            COMPANY_C[i % len(COMPANY_C)])
    # Chicago: +1 312, exchanges 230-989, one number per person (i < 7 600 000)
    phone = "+1 312 %03d %04d" % (230 + i // 10_000, i % 10_000) if i % 2 == 0 else ""
    return {
        "firstName": first, "lastName": last,
        "email": "%s.%s.%d@load.example" % (first.lower(), last.lower().replace("-", ""), i),
        "phone": phone, "company": company, "jobTitle": TITLES[i % len(TITLES)], "country": "US", "language": "en",
        "campaign": CAMPAIGNS[i % len(CAMPAIGNS)],
    }


def csv_cell(value):
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_csv(path, start, n):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(COLUMNS) + "\n")
        for i in range(start, start + n):
            p = person(i)
            f.write(",".join(csv_cell(p[c]) for c in COLUMNS) + "\n")


def write_ndjson(path, start, n):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(start, start + n):
            f.write(json.dumps({k: v for k, v in person(i).items() if v}, separators=(",", ":")) + "\n")


def token(url):
    data = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": "crm-app",
                                   "client_secret": "crm-app-secret"}).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=30) as response:
        return json.load(response)["access_token"]


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid, encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


class RssSampler:
    """VmRSS of a process every second (and once at the start and the end) while an import runs."""

    def __init__(self, pid):
        self.pid, self.samples, self.stop = pid, [], threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def __enter__(self):
        self.samples.append(rss_kb(self.pid))
        self.thread.start()
        return self

    def run(self):
        while not self.stop.wait(1.0):
            self.samples.append(rss_kb(self.pid))

    def __exit__(self, *_):
        self.stop.set()
        self.thread.join()
        self.samples.append(rss_kb(self.pid))

    def figures(self):
        s = [x for x in self.samples if x is not None]
        return {"start": s[0] / 1024, "max": max(s) / 1024, "end": s[-1] / 1024, "growth": (max(s) - s[0]) / 1024,
                "samples": len(s)}


def psql(args, sql, stdin=None):
    return subprocess.run(["psql", *args, "-v", "ON_ERROR_STOP=1", "-Atq", "-c", sql], stdin=stdin, check=True,
                          capture_output=True, text=True).stdout.strip()


def copy_baseline(conn, csv_path, rows, times=3):
    """COPY of the CSV into copy_baseline, timed by psql (the statement alone: no connection, no truncate); the median
    rate of `times` runs (a single COPY of a few MB moved by half between runs on this shared machine)."""
    rates = []
    for _ in range(times):
        psql(conn, "truncate copy_baseline")
        with open(csv_path, "rb") as f:
            out = subprocess.run(["psql", *conn, "-v", "ON_ERROR_STOP=1", "-q", "-c", "\\timing on",
                                  "-c", "copy copy_baseline from stdin with (format csv, header true)"],
                                 stdin=f, check=True, capture_output=True, text=True).stdout
        ms = [float(line.split()[1]) for line in out.splitlines() if line.startswith("Time:")]
        copied = int(psql(conn, "select count(*) from copy_baseline"))
        if copied != rows:
            raise SystemExit("COPY stored %d rows of %d" % (copied, rows))
        rates.append(rows / (ms[-1] / 1000.0))
    return sorted(rates)[len(rates) // 2]


def run_import(base, tok, path, content_type, rows, pid):
    """One import with curl, the capture process' RSS sampled meanwhile; checks the report."""
    report = path + ".report.json"
    with RssSampler(pid) as rss:
        started = time.perf_counter()
        curl = subprocess.run(["curl", "-sS", "-X", "POST", "--max-time", "7200", "-o", report, "-w", "%{http_code}",
                               "-H", "Authorization: Bearer " + tok, "-H", "Content-Type: " + content_type,
                               "--data-binary", "@" + path, base + "/api/leads/import"],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - started
    problems = []
    if curl.returncode != 0 or curl.stdout != "200":
        problems.append("HTTP %s (curl exit %d: %s)" % (curl.stdout, curl.returncode, curl.stderr.strip()[:300]))
        body = open(report, encoding="utf-8", errors="replace").read(500) if os.path.exists(report) else ""
        return {"problems": problems + [body]}
    with open(report, encoding="utf-8") as f:
        answer = json.load(f)
    totals = answer.get("totals", {})
    listed = answer.get("rows", [])
    ids = [r.get("leadId") for r in listed if r.get("leadId")]
    bad = [r for r in listed if r.get("outcome") not in ("CREATED", "FLAGGED")]
    if answer.get("aborted"):
        problems.append("aborted: " + answer["aborted"])
    if totals.get("rows") != rows or len(listed) != rows:
        problems.append("%d rows sent, the report lists %d (totals.rows %s)" % (rows, len(listed), totals.get("rows")))
    if bad:
        problems.append("%d rows not created, e.g. %s" % (len(bad), "; ".join(json.dumps(r) for r in bad[:3])))
    if len(set(ids)) != len(ids):
        problems.append("%d lead ids reported twice" % (len(ids) - len(set(ids))))
    return {"seconds": seconds, "rate": rows / seconds, "totals": totals, "rss": rss.figures(), "problems": problems,
            "bytes": os.path.getsize(path), "ids": len(set(ids))}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8096")
    parser.add_argument("--token-url", default="http://127.0.0.1:8180/realms/leads/protocol/openid-connect/token")
    parser.add_argument("--pid", type=int, required=True, help="the capture-service process whose RSS is sampled")
    parser.add_argument("--db", default="capture_bench", help="its database (role and password the same)")
    parser.add_argument("--pg-port", default="5432")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--warmup", type=int, default=500)
    parser.add_argument("--markdown", help="write the results table here")
    a = parser.parse_args()

    os.environ["PGPASSWORD"] = a.db
    conn = ["-h", "127.0.0.1", "-p", a.pg_port, "-U", a.db, "-d", a.db]
    work = tempfile.mkdtemp(prefix="p3-")
    warm, csv_path, ndjson_path = (os.path.join(work, n) for n in ("warmup.csv", "rows.csv", "rows.ndjson"))
    write_csv(warm, 5_000_000, a.warmup)  # people of their own, far from the measured ones
    write_csv(csv_path, 0, a.rows)
    write_ndjson(ndjson_path, a.rows, a.rows)
    print("  rows written: %d CSV (%.1f MB), %d NDJSON (%.1f MB), %d warm-up" % (
        a.rows, os.path.getsize(csv_path) / 1e6, a.rows, os.path.getsize(ndjson_path) / 1e6, a.warmup), flush=True)

    psql(conn, "create table if not exists copy_baseline (%s)" % ", ".join('"%s" text' % c for c in COLUMNS))
    idle = rss_kb(a.pid) / 1024
    before = copy_baseline(conn, csv_path, a.rows)
    print("  baseline before: COPY %.0f rows/s" % before, flush=True)

    tok = token(a.token_url)
    warmed = run_import(a.base, tok, warm, "text/csv", a.warmup, a.pid)
    if warmed["problems"]:
        raise SystemExit("the warm-up import failed: " + "; ".join(warmed["problems"]))
    results = {}
    for name, path, content_type in (("CSV", csv_path, "text/csv"), ("NDJSON", ndjson_path, "application/x-ndjson")):
        tok = token(a.token_url)  # a fresh one for each import: a long import outlives a 15-minute token otherwise
        r = results[name] = run_import(a.base, tok, path, content_type, a.rows, a.pid)
        if "rate" in r:
            print("  %s import: %d rows in %.1f s, %.0f rows/s; RSS %.0f MB at the start, %.0f max, %.0f at the end" % (
                name, a.rows, r["seconds"], r["rate"], r["rss"]["start"], r["rss"]["max"], r["rss"]["end"]),
                flush=True)
        for p in r["problems"]:
            print("  %s import: %s" % (name, p), file=sys.stderr, flush=True)
    after = copy_baseline(conn, csv_path, a.rows)
    print("  baseline after: COPY %.0f rows/s" % after, flush=True)
    psql(conn, "drop table copy_baseline")

    # what the database holds: one lead and one lead.captured event per row imported, nothing else
    expected = a.warmup + 2 * a.rows
    leads = int(psql(conn, "select count(*) from lead"))
    events = int(psql(conn, "select count(*) from outbox_event where event_type = 'leadstream.lead.captured.v1'"))
    others = psql(conn, "select coalesce(string_agg(event_type || ' ' || n, ', '), '') from "
                        "(select event_type, count(*) n from outbox_event where event_type <> 'leadstream.lead.captured.v1' "
                        "group by event_type) e")
    stored_problems = []
    if leads != expected:
        stored_problems.append("the database holds %d leads, %d were imported" % (leads, expected))
    if events != expected:
        stored_problems.append("%d lead.captured events in the outbox for %d leads" % (events, expected))
    if others:
        stored_problems.append("other events in the outbox: " + others)
    for p in stored_problems:
        print("  stored: " + p, file=sys.stderr)

    baseline = (before + after) / 2
    if a.markdown:
        with open(a.markdown, "w", encoding="utf-8") as out:
            out.write(markdown(a, results, before, after, baseline, idle, leads, events))
    failed = stored_problems + [p for r in results.values() for p in r["problems"]]
    if failed:
        raise SystemExit("P3 failed: " + "; ".join(failed[:5]))
    print("  ratios (import rows/s / COPY rows/s, mean %.0f): CSV %.4f, NDJSON %.4f; every row created once, "
          "%d leads and %d lead.captured events stored" % (baseline, results["CSV"]["rate"] / baseline,
                                                          results["NDJSON"]["rate"] / baseline, leads, events))


def markdown(a, results, before, after, baseline, idle, leads, events):
    c, n = results["CSV"], results["NDJSON"]

    def both(f):
        return "| %s | %s |" % (f(c), f(n))

    def totals(r):
        t = r["totals"]
        return "%d / %d / %d / %d / %d" % (t["created"], t["flagged"], t["merged"], t["rejected"], t["failed"])

    rows = [
        "| figure | CSV | NDJSON |",
        "|---|---:|---:|",
        "| rows (distinct people; the NDJSON rows are the next %d) %s" % (a.rows, both(lambda r: "%d" % a.rows)),
        "| body | %.1f MB | %.1f MB |" % (c["bytes"] / 1e6, n["bytes"] / 1e6),
        "| import, until the report's last byte %s" % both(lambda r: "%.1f s" % r["seconds"]),
        "| **import rows/s** %s" % both(lambda r: "**%.0f**" % r["rate"]),
        "| report: created / flagged / merged / rejected / failed %s"
        % both(totals),
        "| capture RSS at the start / max / end (MB, every second: %s samples) %s" % (
            "/".join(str(r["rss"]["samples"]) for r in (c, n)),
            both(lambda r: "%.0f / %.0f / %.0f" % (r["rss"]["start"], r["rss"]["max"], r["rss"]["end"]))),
        "| RSS max − start %s" % both(lambda r: "%+.0f MB" % r["rss"]["growth"]),
        "| baseline: `COPY … FROM STDIN` of the CSV into a bare table, median of 3, before / after | %.0f / %.0f rows/s | (the same) |"
        % (before, after),
        "| **ratio** (import rows/s ÷ COPY's mean; bar ≥ 0.25) %s" % both(lambda r: "**%.4f**" % (r["rate"] / baseline)),
    ]
    return "\n".join(rows) + "\n\n" + (
        "capture-service idle before the imports: %.0f MB RSS (`-Xmx256m`); a warm-up import of %d rows before the "
        "measured ones. Stored afterwards: %d leads and %d `lead.captured` outbox events (the warm-up's and both "
        "imports', each once; the relay off).\n" % (idle, a.warmup, leads, events))


if __name__ == "__main__":
    main()
