#!/usr/bin/env bash
# Builds the services' base root filesystem under .local/image/rootfs, without a Docker engine or a registry:
# Debian 12 packages (glibc, libstdc++, zlib, a static busybox for /bin/sh) unpacked with dpkg-deb, and a Java 17
# runtime cut to the modules the services use with jlink from this machine's JDK. The Maven build (Jib, profile
# -Pimage, deploy/image/build.sh) puts it under every service image as its bottom layer.
# Package versions are pinned in deploy/image/packages.txt; the runtime's modules are listed below.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/.local/image"
FS="$OUT/rootfs"
MODULES=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs,jdk.localedata
log() { echo "[image] $*" >&2; }

mkdir -p "$OUT/debs"
cd "$OUT/debs"
while read -r pkg; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  name="${pkg%%=*}"
  if ! ls "${name}"_*.deb > /dev/null 2>&1; then
    log "fetching $pkg"
    for attempt in 1 2 3 4 5; do
      apt-get download "$pkg" 2> >(grep -v "unsandboxed" >&2) && break
      (( attempt == 5 )) && { log "cannot download $pkg (Debian mirror unreachable?)"; exit 1; }
      (( attempt == 1 )) && apt-get update -qq || true   # a fresh machine has no package lists yet
      log "download of $pkg failed; retrying in $((attempt * 10)) s"; sleep $((attempt * 10))
    done
  fi
done < "$ROOT/deploy/image/packages.txt"

rm -rf "$FS"
mkdir -p "$FS"
for deb in "$OUT"/debs/*.deb; do dpkg-deb -x "$deb" "$FS"; done
rm -rf "$FS"/usr/share/doc "$FS"/usr/share/man "$FS"/usr/share/lintian "$FS"/usr/share/locale "$FS"/usr/share/gdb \
  "$FS"/usr/lib/x86_64-linux-gnu/gconv "$FS"/usr/bin "$FS"/sbin "$FS"/usr/sbin "$FS"/etc/ld.so.conf.d
mkdir -p "$FS/bin" "$FS/proc" "$FS/sys" "$FS/dev"
ln -sf busybox "$FS/bin/sh"     # busybox-static's /bin/busybox: the entrypoint's shell
# Debian 12 ships glibc under /lib; the loader's path is /lib64/ld-linux-x86-64.so.2
mkdir -p "$FS/lib64"
[[ -e "$FS/lib64/ld-linux-x86-64.so.2" ]] || ln -sf ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$FS/lib64/ld-linux-x86-64.so.2"

log "jlink: $MODULES"
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$FS/opt/java"
# the JDK's CA certificates (a symlink into the host's /etc in Debian's JDK): copied as a file
rm -f "$FS/opt/java/lib/security/cacerts"
cp -L "$JAVA_HOME/lib/security/cacerts" "$FS/opt/java/lib/security/cacerts"

mkdir -p "$FS/etc" "$FS/tmp" "$FS/deployments"
chmod 1777 "$FS/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\njboss:x:185:185:service:/deployments:/sbin/nologin\n' > "$FS/etc/passwd"
printf 'root:x:0:\njboss:x:185:\n' > "$FS/etc/group"
printf 'hosts: files dns\n' > "$FS/etc/nsswitch.conf"
log "base root filesystem ready: $FS ($(du -sh "$FS" | cut -f1))"
