#!/usr/bin/env python3
"""The local suite's memory for P6 (benchmarks/pipeline/pipeline.sh): each component is a process and all its
descendants (PostgreSQL's postmaster and every backend and worker; kc.sh and Keycloak's JVM), its RSS sampled once a
second and its PSS every fifth second (reading it costs about 60 ms of CPU for PostgreSQL's processes).

  footprint.py watch STATE NAME=PID...   samples until STATE.stop appears (or it is killed); after every sample it
                                         rewrites STATE (JSON): the first sample (idle, before the load) and the most
                                         each component and the whole suite reached
  footprint.py report STATE              the Markdown table of STATE

Per component: the sum of its processes' VmRSS. For the whole suite also the sum of their Pss (smaps_rollup: a page
shared by several processes, PostgreSQL's shared buffers above all, counted once in all): RSS summed over processes
counts shared pages once per process that touched them, so it overstates what the suite takes."""
import json
import os
import sys
import time

PSS_EVERY = 5


def processes():
    """pid -> parent pid of every process now."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    stat = f.read()
                parents[int(entry)] = int(stat[stat.rindex(")") + 2:].split()[1])
            except (OSError, ValueError):
                pass
    return parents


def field_kb(path, name):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(name):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def sample(roots, pss_too):
    parents = processes()
    children = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    out = {}
    for name, root in roots.items():
        group, todo = [], [root] if root in parents else []
        while todo:
            pid = todo.pop()
            group.append(pid)
            todo.extend(children.get(pid, []))
        rss = sum(field_kb(f"/proc/{p}/status", "VmRSS:") for p in group)
        out[name] = {"processes": len(group), "rss_kb": rss}
        if pss_too:
            out[name]["pss_kb"] = sum(field_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in group)
    return out


def watch(state_file, pairs):
    roots = {}
    for pair in pairs:
        name, _, pid = pair.partition("=")
        if pid.isdigit():
            roots[name] = int(pid)
    state, n = None, 0
    while not os.path.exists(state_file + ".stop"):
        pss_too = n % PSS_EVERY == 0  # Pss walks every page table: about 60 ms of CPU for PostgreSQL's processes
        n += 1
        now = sample(roots, pss_too)
        total = {key: sum(c[key] for c in now.values()) for key in ("rss_kb", "pss_kb") if key in next(iter(now.values()), {})}
        if state is None:
            state = {"idle": now, "idle_total": total, "max": {k: dict(v) for k, v in now.items()},
                     "max_total": dict(total), "samples": 0,
                     "missing": sorted(set(p.partition("=")[0] for p in pairs) - set(roots))}
        for name, c in now.items():
            m = state["max"][name]
            for key in c:
                m[key] = max(m[key], c[key])
        for key in total:
            state["max_total"][key] = max(state["max_total"][key], total[key])
        state["samples"] += 1
        with open(state_file + ".tmp", "w") as f:
            json.dump(state, f)
        os.replace(state_file + ".tmp", state_file)
        time.sleep(1)


def report(state_file):
    with open(state_file) as f:
        s = json.load(f)
    mb = lambda kb: f"{kb / 1024:.0f}"
    print("| component (most processes at once) | RSS MB idle | RSS MB most under load | PSS MB idle | PSS MB most |")
    print("|---|---:|---:|---:|---:|")
    for name, idle in s["idle"].items():
        m = s["max"][name]
        print(f"| {name} ({m['processes']}) | {mb(idle['rss_kb'])} | {mb(m['rss_kb'])} | {mb(idle['pss_kb'])} | "
              f"{mb(m['pss_kb'])} |")
    i, m = s["idle_total"], s["max_total"]
    print(f"| **whole suite** (bar < 4096 MB; PSS counts a shared page once in all, RSS once per process) | "
          f"{mb(i['rss_kb'])} | {mb(m['rss_kb'])} | **{mb(i['pss_kb'])}** | **{mb(m['pss_kb'])}** |")
    if s.get("missing"):
        print(f"\nNot running, not counted: {', '.join(s['missing'])}.")
    print(f"\n{s['samples']} samples, RSS every second, PSS every {PSS_EVERY} s; \"most\" is each row's own highest "
          "sample.")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "watch":
        watch(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) == 3 and sys.argv[1] == "report":
        report(sys.argv[2])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
