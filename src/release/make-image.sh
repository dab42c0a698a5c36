#!/usr/bin/env bash
# Builds target/engram-cloud-VERSION-oci.tar: an OCI image (image layout, with a docker-archive
# manifest.json beside it so `docker load` also reads it) of `engram cloud serve`, without a Docker
# daemon or a base image from a registry. Three layers:
#   1. base: the glibc, libtinfo and friends the bundled runtime, SQLite's native library and bash
#      need (copied from this Debian machine), bash and env, /etc/passwd with user engram (10001),
#      /tmp, and /data (owned by engram; a volume)
#   2. the jlinked runtime (/opt/engram/runtime)
#   3. the application (/opt/engram/bin, lib with the server AOT cache, README.md, THIRD-PARTY.txt)
# Run after make-release.sh. Usage: make-image.sh VERSION
set -euo pipefail
version=$1
root=$(CDPATH= cd -- "$(dirname "$0")/../.." && pwd)
target="$root/target"
release="$target/release/engram-$version-linux-x64"
work="$target/image"
out="$target/engram-cloud-$version-oci.tar"
uid=10001
log() { printf '[image] %s\n' "$*" >&2; }
die() { printf '[image] error: %s\n' "$*" >&2; exit 1; }
[ -x "$release/runtime/bin/java" ] || die "$release is missing: run make-release.sh first"
command -v sha256sum >/dev/null || die "sha256sum is needed"

rm -rf "$work"
mkdir -p "$work/base/usr/bin" "$work/base/etc" "$work/base/tmp" "$work/base/proc" "$work/base/dev" "$work/base/sys" "$work/data/data" "$work/runtime/opt/engram" \
  "$work/app/opt/engram" "$work/layout/blobs/sha256"
chmod 1777 "$work/base/tmp"
chmod 0750 "$work/data/data"
ln -s usr/bin "$work/base/bin"

# Shared libraries: what ldd reports for the runtime's own libraries (not the AWT, X11 and sound ones,
# which a server never loads), SQLite's native library, bash and env.
skip='libawt_xawt.so|libsplashscreen.so|libjsound.so'
objects=("$release/runtime/bin/java" "$release/lib/native/libsqlitejdbc.so" /usr/bin/bash /usr/bin/env)
for so in "$release"/runtime/lib/*.so "$release"/runtime/lib/server/*.so; do
  [[ "$(basename "$so")" =~ ^($skip)$ ]] || objects+=("$so")
done
libs=$(for o in "${objects[@]}"; do ldd "$o"; done | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/lib64\// {print $1}' \
  | grep -v "^$release/" | sort -u)
# glibc loads libgcc_s at run time (thread cancellation, unwinding); ldd cannot see that.
for extra in /lib/x86_64-linux-gnu/libgcc_s.so.1; do [ -f "$extra" ] && libs+=$'\n'"$extra"; done
for lib in $libs; do
  mkdir -p "$work/base$(dirname "$lib")"
  cp -L "$lib" "$work/base$lib"
done
cp -L /usr/bin/bash /usr/bin/env "$work/base/usr/bin/"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nengram:x:%s:%s:engram:/data:/usr/sbin/nologin\n' "$uid" "$uid" > "$work/base/etc/passwd"
printf 'root:x:0:\nengram:x:%s:\n' "$uid" > "$work/base/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$work/base/etc/nsswitch.conf"

cp -a "$release/runtime" "$work/runtime/opt/engram/runtime"
cp -a "$release/bin" "$release/lib" "$release/README.md" "$release/THIRD-PARTY.txt" "$work/app/opt/engram/"
rm -f "$work/app/opt/engram/lib/engram.aot" # the one-shot commands' cache: the image runs servers (engram-server.aot)

mtime="@$(stat -c %Y "$release/lib/engram.jar")"
tarball() { # tarball OUT DIR [owner]: a reproducible layer tar of DIR's contents
  local owner=${3:-0}
  tar --sort=name --numeric-owner --owner="$owner" --group="$owner" --mtime="$mtime" --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -C "$2" -cf "$1" .
}
blob() { # blob FILE: moves FILE into the layout under its digest, prints "digest size"
  local d s
  d=$(sha256sum "$1" | cut -d' ' -f1); s=$(stat -c %s "$1")
  mv -f "$1" "$work/layout/blobs/sha256/$d"
  printf '%s %s' "$d" "$s"
}
tarball "$work/base.tar" "$work/base"
tar --numeric-owner --owner="$uid" --group="$uid" --mtime="$mtime" --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -C "$work/data" -rf "$work/base.tar" ./data
tarball "$work/runtime.tar" "$work/runtime"
tarball "$work/app.tar" "$work/app"
read -r base_d base_s <<< "$(blob "$work/base.tar")"
read -r runtime_d runtime_s <<< "$(blob "$work/runtime.tar")"
read -r app_d app_s <<< "$(blob "$work/app.tar")"

commit=$(sed -n 's/.*(commit \(.*\))$/\1/p' <<< "$(env -i HOME="$work" "$release/bin/engram" --version)")
created=$(date -u -d "$mtime" +%Y-%m-%dT%H:%M:%SZ)
health='exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /health HTTP/1.0\r\n\r\n" >&3 && read -r status <&3 && [[ $status == *" 200 "* ]]'
health_json=${health//\\/\\\\}; health_json=${health_json//\"/\\\"}
cat > "$work/config.json" <<JSON
{"created":"$created","architecture":"amd64","os":"linux",
 "config":{"User":"$uid:$uid","WorkingDir":"/data",
  "Env":["PATH=/opt/engram/bin:/usr/bin:/bin","HOME=/data","LANG=C.UTF-8","ENGRAM_CLOUD_HOST=0.0.0.0","ENGRAM_CLOUD_DB=/data/engram-cloud.db"],
  "Entrypoint":["/opt/engram/bin/engram"],"Cmd":["cloud","serve"],
  "ExposedPorts":{"8080/tcp":{}},"Volumes":{"/data":{}},"StopSignal":"SIGTERM",
  "Healthcheck":{"Test":["CMD","/usr/bin/bash","-c","$health_json"],"Interval":30000000000,"Timeout":5000000000,"StartPeriod":10000000000,"Retries":3},
  "Labels":{"org.opencontainers.image.title":"engram-cloud","org.opencontainers.image.version":"$version","org.opencontainers.image.revision":"$commit","org.opencontainers.image.description":"Engram cloud server (engram cloud serve); data in /data; health: GET /health on port 8080"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$base_d","sha256:$runtime_d","sha256:$app_d"]},
 "history":[{"created":"$created","created_by":"make-image.sh: base files from Debian $(cat /etc/debian_version 2>/dev/null || echo '?')"},{"created":"$created","created_by":"make-image.sh: jlinked Java runtime"},{"created":"$created","created_by":"make-image.sh: engram $version"}]}
JSON
read -r config_d config_s <<< "$(blob "$work/config.json")"
layer='application/vnd.oci.image.layer.v1.tar'
cat > "$work/manifest.json" <<JSON
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
 "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:$config_d","size":$config_s},
 "layers":[{"mediaType":"$layer","digest":"sha256:$base_d","size":$base_s},{"mediaType":"$layer","digest":"sha256:$runtime_d","size":$runtime_s},{"mediaType":"$layer","digest":"sha256:$app_d","size":$app_s}],
 "annotations":{"org.opencontainers.image.version":"$version","org.opencontainers.image.revision":"$commit"}}
JSON
read -r manifest_d manifest_s <<< "$(blob "$work/manifest.json")"
ref="engram-cloud:$version"
printf '{"imageLayoutVersion":"1.0.0"}' > "$work/layout/oci-layout"
cat > "$work/layout/index.json" <<JSON
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json",
 "manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:$manifest_d","size":$manifest_s,
  "platform":{"architecture":"amd64","os":"linux"},
  "annotations":{"org.opencontainers.image.ref.name":"$version","io.containerd.image.name":"docker.io/library/$ref"}}]}
JSON
cat > "$work/layout/manifest.json" <<JSON
[{"Config":"blobs/sha256/$config_d","RepoTags":["$ref"],"Layers":["blobs/sha256/$base_d","blobs/sha256/$runtime_d","blobs/sha256/$app_d"]}]
JSON
tar --sort=name --numeric-owner --owner=0 --group=0 --mtime="$mtime" -C "$work/layout" -cf "$out" .
log "$out: $(du -h "$out" | cut -f1), $ref, manifest sha256:$manifest_d"
