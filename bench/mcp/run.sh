#!/usr/bin/env bash
# MCP benchmark: Engram beside three peer memory servers, same data, same client.
#   bench/mcp/run.sh [N ...]            (default: 10000 100000)
# Needs node 20+, npm, the built jar (mvn -B -ntp package) and test classes (mvn test-compile).
# Peers and the client SDK are installed once into ~/.cache/engram-bench (outside the repository).
# Results: one JSON line per (target, N) on stdout and in $BENCH_DIR/results.jsonl, with the counts of
# verified seeding, saves and searches; a target whose saves or searches did not do their work shows
# "INVALID" instead of a latency (see bench.mjs). A one-line summary per target goes to stderr.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
work=${BENCH_DIR:-/tmp/engram-mcp-bench}
peers=${ENGRAM_BENCH_PEERS:-$HOME/.cache/engram-bench}
targets=${BENCH_TARGETS:-engram server-memory libsql keeper}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)

mkdir -p "$work" "$peers"
if [ ! -d "$peers/node_modules/mcp-memory-keeper" ]; then
  (cd "$peers" && npm install --no-audit --no-fund --loglevel=error @modelcontextprotocol/sdk@1.32.2 \
    @modelcontextprotocol/server-memory@2026.8.31 mcp-memory-libsql@0.0.17 mcp-memory-keeper@0.14.1) >&2
fi
cp "$repo/bench/mcp/bench.mjs" "$peers/bench.mjs" # resolves the SDK from the peers' node_modules

max=0; for n in "${sizes[@]}"; do [ "$n" -gt "$max" ] && max=$n; done
[ -f "$work/data-$max.jsonl" ] || node "$repo/bench/mcp/gen.mjs" $((max + 2000)) > "$work/data-$max.jsonl"
jar=${ENGRAM_JAR:-$repo/target/engram.jar}
cp_test="${ENGRAM_TEST_CLASSES:-$repo/target/test-classes}:$jar"

for n in "${sizes[@]}"; do
  for t in $targets; do
    dir="$work/$t-$n"
    if [ "$t" = engram ] && [ ! -f "$dir/engram.db" ]; then
      head -n "$n" "$work/data-$max.jsonl" > "$work/seed-$n.jsonl"
      # SeedStore exits 1 when a save did not create its row; bench.mjs then reports engram INVALID (row count check).
      "$java" --enable-native-access=ALL-UNNAMED -cp "$cp_test" dev.engram.bench.mcp.SeedStore "$dir" "$work/seed-$n.jsonl" bench >&2 \
        || echo "engram seeding at $n did not store every row" >&2
    fi
    [ "$t" = engram ] || rm -rf "$dir"
    counts=(--warm 200 --saves 500 --searches 500)
    # server-memory rewrites its whole file on every save (about 1 s per call at 100k): fewer calls.
    [ "$t" = server-memory ] && [ "$n" -gt 20000 ] && counts=(--warm 20 --saves 100 --searches 100)
    node "$peers/bench.mjs" --target "$t" --n "$n" --data "$work/data-$max.jsonl" --dir "$dir" "${counts[@]}" --stderr "$work/$t-$n.stderr" \
      --peers "$peers/node_modules/.bin" --java "$java" --jar "$jar" | tee -a "$work/results.jsonl"
    rm -rf "$dir" # every run starts from a freshly seeded directory
  done
done
