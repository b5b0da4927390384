#!/usr/bin/env python3
"""An image in a registry (Docker Registry HTTP API v2), read as a container runtime would read it.

  check-image.py REGISTRY NAME TAG check            the image's config: runs as uid 185, starts the service with
                                                   java -jar quarkus-run.jar, with the JVM's container settings
  check-image.py REGISTRY NAME TAG unpack DIR       its layers, in order, into DIR (as root: owners kept)
  check-image.py REGISTRY NAME TAG run DIR [K=V..]  what the container runs, in DIR as its root (chroot, /proc
                                                   mounted), as its user, in its working directory, with its
                                                   environment and K=V

Used by deploy/local/images.sh.
"""
import gzip
import io
import json
import os
import sys
import subprocess
import tarfile
import urllib.request

ACCEPT = ", ".join([
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json",
])


def get(url, accept=None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def manifest(registry, name, tag):
    return json.loads(get(f"{registry}/v2/{name}/manifests/{tag}", ACCEPT))


def config(registry, name, tag):
    m = manifest(registry, name, tag)
    return m, json.loads(get(f"{registry}/v2/{name}/blobs/{m['config']['digest']}"))


def check(registry, name, tag):
    m, c = config(registry, name, tag)
    cfg = c.get("config", {})
    entry = cfg.get("Entrypoint") or []
    problems = []
    if cfg.get("User") not in ("185", "185:185"):
        problems.append(f"user {cfg.get('User')!r}, not 185 (non-root)")
    if not entry or os.path.basename(entry[0]) != "java" or "-jar" not in entry or not entry[-1].endswith("quarkus-run.jar"):
        problems.append(f"entrypoint {entry}: not java -jar quarkus-run.jar")
    for flag in ("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError"):
        if not any(a.startswith(flag) for a in entry):
            problems.append(f"entrypoint without {flag}")
    env = dict(e.split("=", 1) for e in cfg.get("Env", []))
    if env.get("JAVA_HOME") != "/opt/java":
        problems.append("JAVA_HOME is not the base image's runtime (/opt/java)")
    if len(m.get("layers", [])) < 3:
        problems.append(f"{len(m.get('layers', []))} layers: expected the base and the application's own")
    if problems:
        print(f"  ✗ {name}:{tag}: " + "; ".join(problems))
        return 1
    size = sum(layer["size"] for layer in m["layers"]) / 1024 / 1024
    print(f"  ✓ {name}:{tag}: uid {cfg['User']}, {len(m['layers'])} layers, {size:.0f} MB compressed, "
          f"workdir {cfg.get('WorkingDir')}, {' '.join(entry[:1] + ['…'] + entry[-2:])}")
    return 0


def unpack(registry, name, tag, target):
    m = manifest(registry, name, tag)
    for layer in m["layers"]:
        blob = get(f"{registry}/v2/{name}/blobs/{layer['digest']}")
        data = gzip.decompress(blob) if blob[:2] == b"\x1f\x8b" else blob
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(target, numeric_owner=True, filter="fully_trusted")
    return 0


def run(registry, name, tag, root, extra):
    _, c = config(registry, name, tag)
    cfg = c["config"]
    env = dict(e.split("=", 1) for e in cfg.get("Env", []))
    env.update(dict(e.split("=", 1) for e in extra))
    user = cfg.get("User", "0").split(":")
    uid = int(user[0])
    gid = int(user[1]) if len(user) > 1 else uid
    argv = (cfg.get("Entrypoint") or []) + (cfg.get("Cmd") or [])
    sys.stdout.flush()
    proc = os.path.join(root, "proc")
    os.makedirs(proc, exist_ok=True)
    if not os.path.ismount(proc):
        subprocess.run(["mount", "-t", "proc", "proc", proc], check=True)  # as a container runtime mounts it
    os.chroot(root)
    os.chdir(cfg.get("WorkingDir") or "/")
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
    os.execvpe(argv[0], argv, env)


def main(args):
    registry, name, tag, verb = args[:4]
    if verb == "check":
        return check(registry, name, tag)
    if verb == "unpack":
        return unpack(registry, name, tag, args[4])
    if verb == "run":
        return run(registry, name, tag, args[4], args[5:])
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
