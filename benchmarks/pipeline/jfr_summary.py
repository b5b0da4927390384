#!/usr/bin/env python3
"""Summarises JFR execution samples of a service (benchmarks/pipeline/profile.sh): the share of samples with each
layer anywhere on the stack (a sample counts for every layer it passes through), and the hottest methods where the
samples were taken (top of the stack). Reads `jfr print --json --events jdk.ExecutionSample <file>` on stdin."""
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


def main():
    events = json.load(sys.stdin)["recording"]["events"]
    total = 0
    layers = collections.Counter()
    top = collections.Counter()
    for e in events:
        frames = e["values"].get("stackTrace", {}) or {}
        frames = frames.get("frames", []) if isinstance(frames, dict) else []
        names = []
        for f in frames:
            m = f.get("method", {})
            t = (m.get("type") or {}).get("name", "")
            names.append(t.replace("/", ".") + "." + m.get("name", ""))
        if not names:
            continue
        total += 1
        top[names[0]] += 1
        for layer, prefixes in LAYERS:
            if any(n.startswith(prefixes) for n in names):
                layers[layer] += 1
    print(f"{total} samples")
    for layer, _ in LAYERS:
        print(f"  {100.0 * layers[layer] / max(total, 1):5.1f} %  {layer}")
    print("  hottest methods (top of stack):")
    for name, n in top.most_common(12):
        print(f"  {100.0 * n / max(total, 1):5.1f} %  {name}")


if __name__ == "__main__":
    main()
