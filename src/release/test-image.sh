#!/usr/bin/env bash
# Checks the OCI image tar without a container engine: the layout (oci-layout, index.json, blobs and
# their digests), the config (entrypoint, user, port, volume, env), that a layer holds bin/engram;
# then, when run as root with chroot available, unpacks the layers into a root file system and runs
# the image's command in it as the image's user, checking /health with the image's own health check.
# Usage: test-image.sh IMAGE_TAR
set -euo pipefail
image=$1
work=$(mktemp -d)
pid=
# The server dies of the SIGTERM sent here (status 143): that is the expected end, not the script's result.
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
fail() { printf 'image test failed: %s\n' "$*" >&2; exit 1; }
command -v jq >/dev/null || fail "jq is needed"

mkdir "$work/img" "$work/rootfs"
tar -xf "$image" -C "$work/img"
cd "$work/img"
[ "$(jq -r .imageLayoutVersion oci-layout)" = 1.0.0 ] || fail "oci-layout"
blob() { local d=${1#sha256:}; [ "$(sha256sum "blobs/sha256/$d" | cut -d' ' -f1)" = "$d" ] || fail "blob $d does not match its digest"; printf 'blobs/sha256/%s' "$d"; }
manifest=$(blob "$(jq -r '.manifests[0].digest' index.json)")
[ "$(jq -r .mediaType "$manifest")" = application/vnd.oci.image.manifest.v1+json ] || fail "manifest media type"
config=$(blob "$(jq -r .config.digest "$manifest")")
jq -e '.config.User == "10001:10001"' "$config" >/dev/null || fail "user is not 10001"
jq -e '.config.Entrypoint == ["/opt/engram/bin/engram"] and .config.Cmd == ["cloud","serve"]' "$config" >/dev/null || fail "entrypoint"
jq -e '.config.ExposedPorts | has("8080/tcp")' "$config" >/dev/null || fail "port 8080 is not exposed"
jq -e '.config.Volumes | has("/data")' "$config" >/dev/null || fail "/data is not a volume"
jq -e '.config.Env | index("ENGRAM_CLOUD_HOST=0.0.0.0") and index("ENGRAM_CLOUD_DB=/data/engram-cloud.db")' "$config" >/dev/null || fail "env"
[ "$(jq -r '.rootfs.diff_ids | length' "$config")" = "$(jq -r '.layers | length' "$manifest")" ] || fail "diff_ids and layers differ"
found=0
for d in $(jq -r '.layers[].digest' "$manifest"); do
  layer=$(blob "$d")
  if tar -tf "$layer" | grep -x './opt/engram/bin/engram' >/dev/null; then found=1; fi
  tar -xf "$layer" -C "$work/rootfs"
done
[ "$found" = 1 ] || fail "no layer holds /opt/engram/bin/engram"
[ "$(jq -r '.[0].Config' manifest.json)" = "$config" ] || fail "docker manifest.json names another config"
echo "image layout, config and layers: ok ($(jq -r '.config.Labels["org.opencontainers.image.version"]' "$config"))"

if [ "$(id -u)" != 0 ] || [ ! -x /usr/sbin/chroot ] || [ ! -x /usr/bin/unshare ] || ! /usr/bin/unshare -m true 2>/dev/null; then
  echo "not root, or no chroot/unshare: the image's command was not run"
  exit 0
fi
port=$(( 20000 + RANDOM % 20000 ))
mapfile -t env_list < <(jq -r '.config.Env[]' "$config")
mapfile -t cmd < <(jq -r '(.config.Entrypoint + .config.Cmd)[]' "$config")
# A container engine gives the process /proc (the dynamic loader reads /proc/self/exe) and /dev; so
# does this private mount namespace, which takes its mounts with it when the server exits.
mkdir -p "$work/rootfs/proc" "$work/rootfs/dev"
env -i "${env_list[@]}" /usr/bin/unshare -m /usr/bin/bash -c \
  'mount -t proc proc "$0/proc" && mount --rbind /dev "$0/dev" && exec /usr/sbin/chroot --userspec=10001:10001 "$0" /usr/bin/bash -c '"'"'cd /data && exec "$@"'"'"' _ "$@"' \
  "$work/rootfs" "${cmd[@]}" --port "$port" > "$work/server.log" 2>&1 &
pid=$!
health=$(jq -r '.config.Healthcheck.Test[3]' "$config")
for _ in $(seq 1 150); do
  if env -i /usr/sbin/chroot --userspec=10001:10001 "$work/rootfs" /usr/bin/bash -c "${health//8080/$port}" 2>/dev/null; then
    [ -f "$work/rootfs/data/engram-cloud.db" ] || fail "the server did not keep its database in /data"
    [ "$(stat -c %u "$work/rootfs/data/engram-cloud.db")" = 10001 ] || fail "the database is not owned by user 10001"
    if command -v ss >/dev/null; then
      ss -Hltn "sport = :$port" | grep -Eq "(0\.0\.0\.0|\*|\[::\]):$port" || fail "the server does not listen on all addresses: $(ss -Hltn "sport = :$port")"
    fi
    # What docs/cloud-server.md tells operators to run with `docker exec`: a token, in the server's database.
    token=$(env -i "${env_list[@]}" /usr/bin/unshare -m /usr/bin/bash -c \
      'mount -t proc proc "$0/proc" && exec /usr/sbin/chroot --userspec=10001:10001 "$0" /usr/bin/bash -c "cd /data && exec engram cloud token create --name image-test --project demo"' \
      "$work/rootfs" 2>"$work/token.log") || { cat "$work/token.log" >&2; fail "engram cloud token create failed in the image"; }
    [[ "$token" == egr_* ]] || fail "token create printed '$token'"
    echo "image command in a chroot as user 10001: /health 200 on 0.0.0.0:$port (the image's health check), data in /data, token create: ok"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; fail "the server exited"; }
  sleep 0.2
done
cat "$work/server.log" >&2
fail "no /health 200 within 30 s"
