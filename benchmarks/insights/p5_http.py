#!/usr/bin/env python3
"""P5 (quality.md): the latency of each insights endpoint over a loaded database, as ratios to a baseline measured in
the same run. Run by benchmarks/insights/p5.sh, which starts the service and loads the data; usable alone:

    p5_http.py --base http://127.0.0.1:8095 --token-url http://127.0.0.1:8180/realms/leads/protocol/openid-connect/token \
        --requests 60 --concurrency 2 --now 2026-12-01T00:00:00Z [--markdown out.md]

Every scenario is warmed up, then asked --requests times by --concurrency clients at once (a closed loop: each client
asks again when answered). The baseline is the same HTTP stack, token check and database round trip for an empty
range (the summary of a day with no leads), so that the ratio says what the data costs, not what the machine is
doing. Any answer other than 200 fails the run.
"""
import argparse
import json
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone


def token(url, user, password):
    data = urllib.parse.urlencode({"grant_type": "password", "client_id": "leadstream-cli", "username": user,
                                   "password": password}).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=30) as response:
        return json.load(response)["access_token"]


class Tokens:
    """A manager's token, fetched again before it expires (Keycloak gives 15 minutes)."""

    def __init__(self, url, user, password):
        self.url, self.user, self.password = url, user, password
        self.lock = threading.Lock()
        self.value, self.at = None, 0.0

    def get(self):
        with self.lock:
            if self.value is None or time.monotonic() - self.at > 600:
                self.value, self.at = token(self.url, self.user, self.password), time.monotonic()
            return self.value


def ask(base, path, tokens, accept):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + tokens.get(),
                                                            "Accept": accept})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"{path} ({accept}): {e.code} {e.read()[:300]!r}") from None
    elapsed = (time.perf_counter() - start) * 1000.0
    if status != 200:
        raise RuntimeError(f"{path}: {status}")
    return elapsed, len(body)


def measure(base, path, tokens, requests, concurrency, accept="application/json", warmup=5):
    for _ in range(warmup):
        ask(base, path, tokens, accept)
    latencies, sizes, errors = [], [], []
    remaining = [requests]
    lock = threading.Lock()

    def client():
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            try:
                ms, size = ask(base, path, tokens, accept)
                with lock:
                    latencies.append(ms)
                    sizes.append(size)
            except Exception as e:  # noqa: BLE001 - every failure is reported
                with lock:
                    errors.append(f"{path}: {e}")

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    if errors:
        raise RuntimeError("; ".join(errors[:3]) + (f" (+{len(errors) - 3} more)" if len(errors) > 3 else ""))
    latencies.sort()
    return {
        "p50": percentile(latencies, 50), "p95": percentile(latencies, 95), "p99": percentile(latencies, 99),
        "max": latencies[-1], "mean": statistics.fmean(latencies), "rps": len(latencies) / wall,
        "bytes": int(statistics.fmean(sizes)),
    }


def percentile(sorted_values, p):
    """Nearest-rank percentile."""
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def scenarios(now):
    """What a manager's dashboard asks, over ranges up to the whole two years of data."""
    day = lambda d: (now - timedelta(days=d)).strftime("%Y-%m-%d")  # noqa: E731
    to = now.strftime("%Y-%m-%d")
    last30, last90, last365, all_ = f"from={day(30)}&to={to}", f"from={day(90)}&to={to}", \
        f"from={day(365)}&to={to}", f"from={day(731)}&to={to}"
    return [
        ("summary, 30 days", "/api/insights/summary?" + last30),
        ("summary, 365 days", "/api/insights/summary?" + last365),
        ("funnel, 30 days", "/api/insights/funnel?" + last30),
        ("funnel, 365 days", "/api/insights/funnel?" + last365),
        ("funnel, 2 years", "/api/insights/funnel?" + all_),
        ("funnel, 365 days, one product", "/api/insights/funnel?product=prod-01&" + last365),
        ("leads by day, 30 days", "/api/insights/leads?period=day&" + last30),
        ("leads by day, 90 days, by source", "/api/insights/leads?period=day&groupBy=source&" + last90),
        ("leads by week, 365 days, by product", "/api/insights/leads?period=week&groupBy=product&" + last365),
        ("leads by month, 2 years, by source, Berlin", "/api/insights/leads?period=month&groupBy=source"
                                                      "&tz=Europe/Berlin&" + all_),
        ("leads by quarter, 2 years, by rep", "/api/insights/leads?period=quarter&groupBy=rep&" + all_),
        ("time in stage, 30 days", "/api/insights/time-in-stage?" + last30),
        ("time in stage, 365 days", "/api/insights/time-in-stage?" + last365),
        ("time in stage, 90 days, Berlin", "/api/insights/time-in-stage?tz=Europe/Berlin&" + last90),
        ("reps, 90 days", "/api/insights/reps?" + last90),
        ("reps, 365 days", "/api/insights/reps?" + last365),
        ("sources, 365 days", "/api/insights/sources?" + last365),
        ("scoring, 365 days", "/api/insights/scoring?" + last365),
        ("funnel.svg, 365 days", "/api/insights/funnel.svg?" + last365, "image/svg+xml"),
        ("leads.svg by week, 365 days, by source", "/api/insights/leads.svg?period=week&groupBy=source&" + last365,
         "image/svg+xml"),
        ("funnel as CSV, 365 days", "/api/insights/funnel?" + last365, "text/csv"),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8095")
    parser.add_argument("--token-url", default="http://127.0.0.1:8180/realms/leads/protocol/openid-connect/token")
    parser.add_argument("--user", default="manager")
    parser.add_argument("--password", default="manager")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--now", default="2026-12-01T00:00:00Z", help="the end of the loaded data")
    parser.add_argument("--markdown", help="write the results table here")
    args = parser.parse_args()
    now = datetime.fromisoformat(args.now.replace("Z", "+00:00")).astimezone(timezone.utc)
    tokens = Tokens(args.token_url, args.user, args.password)

    baseline_path = "/api/insights/summary?from=2000-01-01&to=2000-01-02"
    # the service warmed up first (JIT, connection pool, caches): every scenario a few times
    for scenario in scenarios(now):
        for _ in range(3):
            ask(args.base, scenario[1], tokens, scenario[2] if len(scenario) > 2 else "application/json")
    for _ in range(30):
        ask(args.base, baseline_path, tokens, "application/json")
    print(f"baseline: {baseline_path}", flush=True)
    first = measure(args.base, baseline_path, tokens, args.requests, args.concurrency)
    rows = [("baseline: summary of an empty day, at the start", baseline_path, first)]
    results = []
    for scenario in scenarios(now):
        name, path = scenario[0], scenario[1]
        accept = scenario[2] if len(scenario) > 2 else "application/json"
        result = measure(args.base, path, tokens, args.requests, args.concurrency, accept)
        results.append((name, path, result))
        print(f"{name:48s} p50 {result['p50']:7.1f} ms  p95 {result['p95']:7.1f} ms", flush=True)
    # the baseline again at the end: the ratio is to the mean of both, and their difference is the machine's drift
    again = measure(args.base, baseline_path, tokens, args.requests, args.concurrency)
    baseline = {"p95": (first["p95"] + again["p95"]) / 2}
    rows += results
    rows.append(("baseline again, at the end", baseline_path, again))

    slowest = max(r[2]["p95"] for r in rows[1:-1])
    lines = [
        f"| scenario | p50 ms | p95 ms | p99 ms | max ms | p95 / baseline p95 | answer bytes |",
        f"|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, path, r in rows:
        lines.append(f"| {name} (`{path.split('?')[0]}`) | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | "
                     f"{r['max']:.1f} | {r['p95'] / baseline['p95']:.2f} | {r['bytes']} |")
    lines.append("")
    lines.append(f"Slowest p95: **{slowest:.1f} ms** (bar: 100 ms); baseline p95 {first['p95']:.1f} ms at the "
                 f"start, {again['p95']:.1f} ms at the end (ratios are to their mean). {args.requests} requests per scenario, "
                 f"{args.concurrency} clients at once, after a warm-up pass over every scenario.")
    table = "\n".join(lines)
    print()
    print(table)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as out:
            out.write(table + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
