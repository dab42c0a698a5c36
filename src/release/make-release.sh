#!/usr/bin/env bash
# Builds target/engram-VERSION-linux-x64.tar.gz from the shaded jar (run by `mvn -Prelease package`):
#   runtime/        a Java runtime trimmed with jlink from the building JDK (with its CDS archive)
#   lib/engram.jar  the application; lib/engram.aot its AOT cache, recorded on this runtime;
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
log() { printf '[release] %s\n' "$*" >&2; }
die() { printf '[release] error: %s\n' "$*" >&2; exit 1; }

[ "$(uname -s)/$(uname -m)" = Linux/x86_64 ] || die "the release archive is built on linux x86_64 (this is $(uname -s)/$(uname -m))"
[ -f "$jar" ] || die "$jar is missing; run the package phase first"

log "checking the module list against jdeps"
needed=$("$java_home/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 "$jar")
for m in ${needed//,/ }; do
  case ",$modules," in *",$m,"*) ;; *) die "jdeps says the jar needs module $m: add it to release.modules in pom.xml" ;; esac
done

rm -rf "$out"
mkdir -p "$stage/bin" "$stage/lib/native"
log "jlink: $modules"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --generate-cds-archive --output "$stage/runtime"

cp "$jar" "$stage/lib/engram.jar"
(cd "$out" && "$java_home/bin/jar" xf "$stage/lib/engram.jar" org/sqlite/native/Linux/x86_64/libsqlitejdbc.so)
mv "$out/org/sqlite/native/Linux/x86_64/libsqlitejdbc.so" "$stage/lib/native/libsqlitejdbc.so"
rm -rf "$out/org"
install -m 0755 "$root/src/release/engram" "$stage/bin/engram"
cp "$root/README.md" "$stage/README.md"
bash "$root/src/release/third-party.sh" "$target/release-dependencies.txt" > "$stage/THIRD-PARTY.txt"

# The AOT cache, recorded on the bundled runtime with the flags bin/engram gives one-shot commands,
# on a throw-away data directory and HOME, with nothing written to stdout.
log "recording the AOT cache"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if ! env -i HOME="$scratch" PATH=/usr/bin:/bin "$stage/runtime/bin/java" \
    --enable-native-access=ALL-UNNAMED -Xlog:disable -Xlog:all=warning:stderr -XX:+UseSerialGC \
    "-Dorg.sqlite.lib.path=$stage/lib/native" -Dorg.sqlite.lib.name=libsqlitejdbc.so \
    "-XX:AOTCacheOutput=$stage/lib/engram.aot" -cp "$stage/lib/engram.jar" \
    dev.engram.app.AotTraining "$scratch/data" > /dev/null 2> "$scratch/training.log"; then
  cat "$scratch/training.log" >&2
  die "AOT training failed"
fi
[ -s "$stage/lib/engram.aot" ] || die "no AOT cache was written"

# The archive works without any other Java: run it with an empty environment, and insist on the cache.
check=$(env -i HOME="$scratch" PATH=/usr/bin:/bin ENGRAM_JAVA_OPTS=-XX:AOTMode=on "$stage/bin/engram" --version)
case "$check" in "engram $version (commit "*) ;; *) die "bin/engram --version printed '$check'" ;; esac
log "$check"

tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$(stat -c %Y "$jar")" \
  -C "$out" -czf "$target/$name.tar.gz" "$name"
log "$target/$name.tar.gz: $(du -h "$target/$name.tar.gz" | cut -f1) (unpacked $(du -sh "$stage" | cut -f1))"
