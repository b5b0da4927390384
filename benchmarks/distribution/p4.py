#!/usr/bin/env python3
"""P4 (quality.md): concurrent reps claiming from one pull queue through distribution's POST /api/queues/{queue}/claim.
Run by benchmarks/distribution/p4.sh, which starts a distribution-service of its own, fills its queue and measures the
pgbench baseline; usable alone against such a copy:

    p4.py --base http://127.0.0.1:8097 --queue bench --leads 10000 --claimers 20 [--json out.json]

Each claimer is a thread with a keep-alive connection and a real rep's token (password grant; the realm has the reps
rep1, rep2 and rep3, so claimer i is rep (i mod 3) + 1 and several claimers share a rep, as one rep's browser tabs
would), claiming in a closed loop until the queue answers 204. Every 200 is recorded: which lead, for which rep,
when. A lead handed out twice (a double claim), a claim whose rep is not the caller, any answer other than 200 or
204, or fewer leads claimed than were queued fails the run (exit 1). Prints a JSON summary (claims/s, latency
percentiles, the rate over the first and the last tenth of the claims).
"""
import argparse
import http.client
import json
import sys
import threading
import time
import urllib.parse
import urllib.request


class Tokens:
    """One token per rep, fetched again before it expires (Keycloak gives 15 minutes)."""

    def __init__(self, url):
        self.url, self.lock, self.tokens = url, threading.Lock(), {}

    def get(self, rep):
        with self.lock:
            value, at = self.tokens.get(rep, (None, 0.0))
            if value is None or time.monotonic() - at > 300:
                data = urllib.parse.urlencode({"grant_type": "password", "client_id": "leadstream-cli",
                                               "username": rep, "password": rep}).encode()
                with urllib.request.urlopen(urllib.request.Request(self.url, data=data), timeout=30) as response:
                    value = json.load(response)["access_token"]
                self.tokens[rep] = (value, time.monotonic())
            return value


def percentile(sorted_values, p):
    """Nearest-rank percentile."""
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8097")
    parser.add_argument("--token-url", default="http://127.0.0.1:8180/realms/leads/protocol/openid-connect/token")
    parser.add_argument("--queue", default="bench")
    parser.add_argument("--leads", type=int, required=True, help="how many leads wait in the queue")
    parser.add_argument("--claimers", type=int, default=20)
    parser.add_argument("--reps", default="rep1,rep2,rep3")
    parser.add_argument("--json", help="write the summary here too")
    a = parser.parse_args()

    reps = a.reps.split(",")
    tokens = Tokens(a.token_url)
    for rep in reps:
        tokens.get(rep)
    host = urllib.parse.urlsplit(a.base)
    path = "/api/queues/%s/claim" % a.queue
    lock = threading.Lock()
    claims, errors = [], []  # (lead, rep, claimer, start, end)
    start_gate = threading.Barrier(a.claimers)

    def claimer(i):
        rep = reps[i % len(reps)]
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
        start_gate.wait()
        while True:
            started = time.perf_counter()
            try:
                conn.request("POST", path, headers={"Authorization": "Bearer " + tokens.get(rep),
                                                    "Content-Length": "0"})
                response = conn.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as e:
                with lock:
                    errors.append("claimer %d (%s): %r" % (i, rep, e))
                return
            ended = time.perf_counter()
            if response.status == 204:
                return
            if response.status != 200:
                with lock:
                    errors.append("claimer %d (%s): HTTP %d %s" % (i, rep, response.status, body[:300]))
                return
            claim = json.loads(body)
            if claim.get("repId") != rep:
                with lock:
                    errors.append("claimer %d (%s): the claim names rep %s" % (i, rep, claim.get("repId")))
            with lock:
                claims.append((claim["leadId"], rep, i, started, ended))

    threads = [threading.Thread(target=claimer, args=(i,)) for i in range(a.claimers)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    claims.sort(key=lambda c: c[4])
    by_lead = {}
    for lead, rep, _, _, _ in claims:
        by_lead.setdefault(lead, []).append(rep)
    doubles = {lead: r for lead, r in by_lead.items() if len(r) > 1}
    wall = (claims[-1][4] - t0) if claims else 0.0
    latencies = sorted((c[4] - c[3]) * 1000 for c in claims)
    tenth = max(1, len(claims) // 10)

    def rate(part):
        span = part[-1][4] - part[0][3]
        return len(part) / span if span > 0 else 0.0

    per_rep = {rep: sum(1 for c in claims if c[1] == rep) for rep in reps}
    summary = {
        "leads": a.leads, "claimers": a.claimers, "reps": reps, "claims": len(claims), "distinct": len(by_lead),
        "doubles": len(doubles), "errors": errors[:10], "error_count": len(errors), "seconds": wall,
        "claims_per_s": len(claims) / wall if wall > 0 else 0.0,
        "first_tenth_per_s": rate(claims[:tenth]) if claims else 0.0,
        "last_tenth_per_s": rate(claims[-tenth:]) if claims else 0.0,
        "p50_ms": percentile(latencies, 50) if latencies else None,
        "p99_ms": percentile(latencies, 99) if latencies else None,
        "max_ms": latencies[-1] if latencies else None, "per_rep": per_rep,
    }
    text = json.dumps(summary)
    print(text)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            f.write(text)
    failed = []
    if doubles:
        failed.append("%d leads claimed twice, e.g. %s" % (len(doubles), list(doubles.items())[:3]))
    if errors:
        failed.append("%d claims refused or failed: %s" % (len(errors), "; ".join(errors[:3])))
    if len(by_lead) != a.leads:
        failed.append("%d of %d queued leads claimed" % (len(by_lead), a.leads))
    if failed:
        print("P4 failed: " + "; ".join(failed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
