#!/usr/bin/env bash
# Prints an Engram export (JSON, `engram import` reads it) with N observations in project "bench",
# made of words from a small vocabulary, for start-up and search benchmarks. Usage: gen-export.sh N
set -euo pipefail
n=${1:?usage: gen-export.sh N}
awk -v n="$n" 'BEGIN {
  words="wal sqlite replication cursor journal lease backoff token snippet index vacuum checkpoint writer reader merge conflict tombstone project session prompt"
  nw=split(words, w, " ")
  printf "{\"format\":\"engram-export\",\"format_version\":1,\"exported_at\":\"2026-01-01T00:00:00.000Z\",\"replica_id\":\"r-bench000000000001\",\"sessions\":[{\"id\":\"bench\",\"project\":\"bench\",\"directory\":\"\",\"started_at\":\"2026-01-01T00:00:00.000Z\",\"ended_at\":null,\"summary\":null,\"version\":\"019b7a5d8000.0000.r-bench000000000001\"}],\"observations\":["
  srand(42)
  for (i = 1; i <= n; i++) {
    t = ""; c = ""
    for (j = 0; j < 4; j++) t = t " " w[int(rand()*nw)+1]
    for (j = 0; j < 30; j++) c = c " " w[int(rand()*nw)+1]
    printf "%s{\"sync_id\":\"obs-%016x\",\"session_id\":\"bench\",\"type\":\"manual\",\"title\":\"note %d%s\",\"content\":\"observation %d%s\",\"tool_name\":null,\"project\":\"bench\",\"scope\":\"project\",\"topic_key\":null,\"revision_count\":1,\"created_at\":\"2026-01-01T00:00:00.000Z\",\"updated_at\":\"2026-01-01T00:00:00.000Z\",\"deleted_at\":null,\"version\":\"019b7a5d8000.%04x.r-bench000000000001\",\"duplicate_count\":1}", (i>1?",":""), i, i, t, i, c, i % 65536
  }
  printf "],\"prompts\":[],\"tombstones\":[]}\n"
}'
