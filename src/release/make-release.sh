#!/usr/bin/env bash
# Builds target/engram-VERSION-linux-x64.tar.gz from the shaded jar (run by `mvn -Prelease package`):
#   runtime/        a Java runtime trimmed with jlink from the building JDK (with its CDS archive)
#   lib/engram.jar  the application; lib/engram.aot, lib/engram-quick.aot and lib/engram-server.aot its AOT caches
#                   (one-shot commands and MCP; serve and cloud serve), recorded on this runtime;
#   lib/sqlite-jdbc.jar  SQLite's driver, first on the class path (see pom.xml), without its native libraries:
#   lib/native/     SQLite's native library, extracted once here instead of at every start
#   bin/engram      the launcher (uses runtime/ only)
#   README.md, THIRD-PARTY.txt (bundled libraries and their licences; the JDK's are in runtime/legal)
# Usage: make-release.sh JAVA_HOME VERSION MODULES
set -euo pipefail
java_home=$1 version=$2 modules=$3
root=$(CDPATH= cd -- "$(dirname "$0")/../.." && pwd)
target="$root/target"
name="engram-$version-linux-x64"
out="$target/release"
stage="$out/$name"
jar="$target/engram.jar"
sqlite_jar="$target/sqlite-jdbc.jar"
log() { printf '[release] %s\n' "$*" >&2; }
die() { printf '[release] error: %s\n' "$*" >&2; exit 1; }

[ "$(uname -s)/$(uname -m)" = Linux/x86_64 ] || die "the release archive is built on linux x86_64 (this is $(uname -s)/$(uname -m))"
[ -f "$jar" ] && [ -f "$sqlite_jar" ] || die "$jar or $sqlite_jar is missing; run the package phase first"

log "checking the module list against jdeps"
needed=$("$java_home/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 "$jar" "$sqlite_jar")
for m in ${needed//,/ }; do
  case ",$modules," in *",$m,"*) ;; *) die "jdeps says the jar needs module $m: add it to release.modules in pom.xml" ;; esac
done

rm -rf "$out"
mkdir -p "$stage/bin" "$stage/lib/native"
log "jlink: $modules"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --generate-cds-archive --output "$stage/runtime"

cp "$jar" "$stage/lib/engram.jar"
cp "$sqlite_jar" "$stage/lib/sqlite-jdbc.jar"
(cd "$out" && "$java_home/bin/jar" xf "$stage/lib/sqlite-jdbc.jar" org/sqlite/native/Linux/x86_64/libsqlitejdbc.so)
mv "$out/org/sqlite/native/Linux/x86_64/libsqlitejdbc.so" "$stage/lib/native/libsqlitejdbc.so"
rm -rf "$out/org"
# bin/engram loads SQLite's library from lib/native: the jar's copies for every other platform go
# (about 11 MB). Without zip the archive keeps them, and is only bigger.
if command -v zip >/dev/null; then
  zip -q -d "$stage/lib/sqlite-jdbc.jar" 'org/sqlite/native/*' || die "could not strip SQLite's native libraries from its jar"
else
  log "zip is not installed: the jar keeps SQLite's libraries for every platform"
fi
install -m 0755 "$root/src/release/engram" "$stage/bin/engram"
cp "$root/README.md" "$stage/README.md"
bash "$root/src/release/third-party.sh" "$target/release-dependencies.txt" > "$stage/THIRD-PARTY.txt"

# The AOT caches, recorded on the bundled runtime with the flags bin/engram gives each kind of command,
# on a throw-away data directory and HOME, with nothing written to stdout: lib/engram.aot (one-shot
# commands and an MCP session; C1, SerialGC), lib/engram-quick.aot (search and hook, what agents run
# most: a smaller cache starts faster) and lib/engram-server.aot (serve and cloud serve).
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
train() { # train CACHE MODE [JVM options...]
  local cache=$1 mode=$2
  shift 2
  log "recording $(basename "$cache") ($mode)"
  if ! env -i HOME="$scratch" PATH=/usr/bin:/bin "$stage/runtime/bin/java" \
      --enable-native-access=ALL-UNNAMED -Xlog:disable -Xlog:all=warning:stderr "$@" \
      "-Dorg.sqlite.lib.path=$stage/lib/native" -Dorg.sqlite.lib.name=libsqlitejdbc.so \
      "-XX:AOTCacheOutput=$cache" -cp "$stage/lib/sqlite-jdbc.jar:$stage/lib/engram.jar" \
      dev.engram.app.AotTraining "$scratch/$mode" "$mode" > /dev/null 2> "$scratch/training.log"; then
    cat "$scratch/training.log" >&2
    die "AOT training ($mode) failed"
  fi
  [ -s "$cache" ] || die "no AOT cache was written to $cache"
}
train "$stage/lib/engram.aot" all -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m
train "$stage/lib/engram-quick.aot" quick -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m
train "$stage/lib/engram-server.aot" servers

# The archive works without any other Java: run it with an empty environment, and insist on the cache.
check=$(env -i HOME="$scratch" PATH=/usr/bin:/bin ENGRAM_JAVA_OPTS=-XX:AOTMode=on "$stage/bin/engram" --version)
case "$check" in "engram $version (commit "*) ;; *) die "bin/engram --version printed '$check'" ;; esac
log "$check"
env -i HOME="$scratch" PATH=/usr/bin:/bin ENGRAM_JAVA_OPTS=-XX:AOTMode=on "$stage/bin/engram" cloud > /dev/null 2>&1 \
  || die "bin/engram cannot start a server command from lib/engram-server.aot"

tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$(stat -c %Y "$jar")" \
  -C "$out" -czf "$target/$name.tar.gz" "$name"
log "$target/$name.tar.gz: $(du -h "$target/$name.tar.gz" | cut -f1) (unpacked $(du -sh "$stage" | cut -f1))"
