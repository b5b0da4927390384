#!/usr/bin/env bash
# The services' base image, built without a Docker daemon and without a registry to pull from: a Java runtime made by
# jlink from this build's JDK (the modules Quarkus and the services use), the C libraries it needs from Debian's own
# packages (libc6, libgcc-s1, libstdc++6, zlib1g: apt-get download, unpacked, never installed), the user leadstream
# (uid 185) and nothing else: no shell, no package manager. Written as a Docker image archive (docker save's format)
# that Jib takes as a base (quarkus.jib.base-jvm-image=tar://...). Run by deploy/local/images.sh.
#
#   deploy/images/build-base.sh OUT.tar
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"
OUT="${1:?usage: build-base.sh OUT.tar}"
ensure_java
log="$(log_file images-base)"
: >"$log"
work="$(mktemp -d)"
trap 'umount "$work/rootfs/proc" 2>/dev/null || true; rm -rf --one-file-system "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"

# the Java runtime: the JDK's modules that the services load (java.desktop for java.beans, jdk.jfr for the profiles)
JAVA_MODULES=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management,java.management.rmi,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs,jdk.localedata
"$JAVA_HOME/bin/jlink" --add-modules "$JAVA_MODULES" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$root/opt/java" >>"$log" 2>&1 \
  || fail_with_log "jlink failed (it needs the JDK's jmods, or a JDK 24+ that links from its own run-time image)" "$log"
# Debian's JDK keeps its CA certificates outside the JDK (a link into /etc): the runtime gets the file itself
if [[ -L "$JAVA_HOME/lib/security/cacerts" || ! -s "$root/opt/java/lib/security/cacerts" ]]; then
  cp --dereference "$JAVA_HOME/lib/security/cacerts" "$root/opt/java/lib/security/cacerts"
fi

# the C libraries, from Debian's packages
debian_unpack "$root" "$log" libc6 libgcc-s1 libstdc++6 zlib1g
rm -rf "$root/usr/share/doc" "$root/usr/share/lintian" "$root/usr/share/locale"
# the loader's cache: the C libraries and the runtime's own (found without /proc, where $ORIGIN cannot be read)
printf 'include /etc/ld.so.conf.d/*.conf\n' >"$root/etc/ld.so.conf"
printf '/opt/java/lib\n/opt/java/lib/server\n' >"$root/etc/ld.so.conf.d/java.conf"
ldconfig -r "$root" >>"$log" 2>&1 || fail_with_log "ldconfig on the image's tree failed" "$log"
# a check before it goes into an image: the runtime starts in that tree alone, as a container runtime starts it
mkdir -p "$root/proc"
mount -t proc proc "$root/proc"
if ! chroot "$root" /opt/java/bin/java -version >>"$log" 2>&1; then
  umount "$root/proc"
  fail_with_log "the runtime does not start in its own tree" "$log"
fi
umount "$root/proc"

mkdir -p "$root/etc" "$root/tmp" "$root/home/leadstream" "$root/deployments"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nleadstream:x:185:185:Leadstream:/home/leadstream:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nleadstream:x:185:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
chown 185:185 "$root/home/leadstream" "$root/deployments"

# the image archive: one layer, its config, docker save's manifest (reproducible: fixed times and owners)
mkdir -p "$work/image"
tar -C "$root" --sort=name --mtime=@0 --numeric-owner -cf "$work/layer.tar" .
diff_id="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
mkdir -p "$work/image/$diff_id"
mv "$work/layer.tar" "$work/image/$diff_id/layer.tar"
cat >"$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":{"User":"185","WorkingDir":"/deployments","Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","MALLOC_ARENA_MAX=2","LANG=C.UTF-8"]},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/images/build-base.sh: jlink $(java_feature "$JAVA_HOME"), Debian libc6 libgcc-s1 libstdc++6 zlib1g"}]}
JSON
config_id="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
mv "$work/config.json" "$work/image/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["leadstream/jre-base:latest"],"Layers":["%s/layer.tar"]}]\n' \
  "$config_id" "$diff_id" >"$work/image/manifest.json"
mkdir -p "$(dirname "$OUT")"
# (entries named without ./: Jib refuses an archive entry that names the destination itself)
tar -C "$work/image" --mtime=@0 --numeric-owner -cf "$OUT.tmp" manifest.json "$config_id.json" "$diff_id/layer.tar" \
  && mv "$OUT.tmp" "$OUT"
ok "base image $(rel "$OUT") ($(du -h "$OUT" | cut -f1), Java $(java_feature "$JAVA_HOME"), uid 185)"
