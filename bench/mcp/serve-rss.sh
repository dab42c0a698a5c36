#!/usr/bin/env bash
# Resident memory of an idle `engram serve`: start it with the launcher's flags for long-lived
# commands, call /health once, let it idle, and read VmRSS/VmHWM from /proc.
#   bench/mcp/serve-rss.sh [IDLE_SECONDS=20]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
jar=${ENGRAM_JAR:-$repo/target/engram.jar}
idle=${1:-20}
dir=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
"$java" --enable-native-access=ALL-UNNAMED -Xlog:disable -Xlog:all=warning:stderr ${ENGRAM_JAVA_OPTS:-} -jar "$jar" \
  --data-dir "$dir" serve --port "$port" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs -XPOST "http://127.0.0.1:$port/observations" -H 'Content-Type: application/json' -d '{"title":"t","content":"c","project":"p"}' >/dev/null
curl -fs "http://127.0.0.1:$port/search?q=c" >/dev/null
curl -fs "http://127.0.0.1:$port/metrics" >/dev/null
sleep "$idle"
rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status); hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
printf '{"idle_s":%s,"rss_mb":%.1f,"peak_rss_mb":%.1f,"java_opts":"%s","autosync":"not wired yet"}\n' \
  "$idle" "$(echo "$rss/1024" | bc -l)" "$(echo "$hwm/1024" | bc -l)" "${ENGRAM_JAVA_OPTS:-}"
