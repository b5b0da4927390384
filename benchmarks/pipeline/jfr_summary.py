#!/usr/bin/env python3
"""Summarises the JFR samples of the services (benchmarks/pipeline/profile.sh): the share of samples with each layer
anywhere on the stack (a sample counts for every layer it passes through), and the hottest methods where the samples
were taken (top of the stack).

  jfr print --json --events jdk.CPUTimeSample,jdk.ExecutionSample FILE \\
      | jfr_summary.py summary SERVICE CPU_SECONDS RESULTS     prints one service's summary, appends it to RESULTS
  jfr_summary.py table RESULTS                                 the services side by side, as Markdown

CPU-time samples (jdk.CPUTimeSample, JDK 25+) are summarised when the recording has any, else the execution samples;
CPU_SECONDS is the process's CPU time during the recording, so that a thin profile (few samples for the CPU spent)
shows as one."""
import collections
import json
import sys

LAYERS = [
    ("own code (io.leadstream)", ("io.leadstream.",)),
    ("Hibernate Reactive / ORM", ("org.hibernate.",)),
    ("reactive PG client", ("io.vertx.pgclient.", "io.vertx.sqlclient.")),
    ("Kafka client", ("org.apache.kafka.",)),
    ("SmallRye Reactive Messaging", ("io.smallrye.reactive.messaging.",)),
    ("token checks (OIDC, JWT)", ("io.quarkus.oidc.", "io.smallrye.jwt.", "org.jose4j.")),
    ("Jackson", ("com.fasterxml.jackson.",)),
    ("logging", ("org.jboss.logmanager.", "org.jboss.logging.")),
    ("RESTEasy Reactive", ("org.jboss.resteasy.reactive.",)),
    ("Netty", ("io.netty.",)),
    ("Mutiny", ("io.smallrye.mutiny.",)),
    ("Vert.x core", ("io.vertx.core.",)),
    ("CDI and context propagation", ("io.quarkus.arc.", "io.smallrye.context.")),
]
CPU_TIME, EXECUTION = "jdk.CPUTimeSample", "jdk.ExecutionSample"


def stacks(events):
    for e in events:
        frames = e["values"].get("stackTrace", {}) or {}
        frames = frames.get("frames", []) if isinstance(frames, dict) else []
        names = []
        for f in frames:
            m = f.get("method", {})
            t = (m.get("type") or {}).get("name", "")
            names.append(t.replace("/", ".") + "." + m.get("name", ""))
        if names:
            yield names


def summarise(events, service, cpu_seconds):
    by_type = collections.defaultdict(list)
    for e in events:
        by_type[e.get("type")].append(e)
    kind = CPU_TIME if by_type[CPU_TIME] else EXECUTION
    total = 0
    layers = collections.Counter()
    top = collections.Counter()
    for names in stacks(by_type[kind]):
        total += 1
        top[names[0]] += 1
        for layer, prefixes in LAYERS:
            if any(n.startswith(prefixes) for n in names):
                layers[layer] += 1
    return {
        "service": service,
        "kind": kind,
        "samples": total,
        "cpu_seconds": cpu_seconds,
        "layers": {layer: 100.0 * layers[layer] / max(total, 1) for layer, _ in LAYERS},
        "top": [[name, 100.0 * n / max(total, 1)] for name, n in top.most_common(12)],
    }


def print_summary(s):
    print(f"{s['samples']} samples ({s['kind']}) over {s['cpu_seconds']:.1f} s of the process's CPU time")
    for layer, share in s["layers"].items():
        print(f"  {share:5.1f} %  {layer}")
    print("  hottest methods (top of stack):")
    for name, share in s["top"]:
        print(f"  {share:5.1f} %  {name}")


def table(results):
    def short(service):
        return service.replace("-service", "")

    out = ["| | " + " | ".join(short(r["service"]) for r in results) + " |",
           "|---|" + "---:|" * len(results)]
    out.append("| CPU time recorded (s) | " + " | ".join(f"{r['cpu_seconds']:.1f}" for r in results) + " |")
    out.append("| samples | " + " | ".join(
        f"{r['samples']} ({'CPU time' if r['kind'] == CPU_TIME else 'execution'})" for r in results) + " |")
    for layer, _ in LAYERS:
        out.append(f"| {layer} | " + " | ".join(f"{r['layers'][layer]:.0f} %" for r in results) + " |")
    out.append("")
    out.append("Hottest methods (share of each service's samples at the top of the stack):")
    out.append("")
    for r in results:
        tops = ", ".join(f"`{name.rsplit('.', 2)[-2]}.{name.rsplit('.', 1)[-1]}` {share:.1f} %"
                         for name, share in r["top"][:5])
        out.append(f"- {short(r['service'])}: {tops or 'no samples'}")
    return "\n".join(out)


def main():
    if len(sys.argv) >= 5 and sys.argv[1] == "summary":
        service, cpu_seconds, results = sys.argv[2], float(sys.argv[3]), sys.argv[4]
        s = summarise(json.load(sys.stdin)["recording"]["events"], service, cpu_seconds)
        print_summary(s)
        with open(results, "a", encoding="utf-8") as f:
            f.write(json.dumps(s) + "\n")
    elif len(sys.argv) == 3 and sys.argv[1] == "table":
        with open(sys.argv[2], encoding="utf-8") as f:
            print(table([json.loads(line) for line in f if line.strip()]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
