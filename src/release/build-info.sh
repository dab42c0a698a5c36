#!/bin/sh
# Writes the properties `engram --version` prints: the project version and the git commit the build
# came from ("unknown" without git or outside a work tree; "-dirty" when tracked files were changed).
# Usage: build-info.sh OUTPUT_FILE VERSION SOURCE_DIR   (run by Maven in generate-resources)
set -u
out=$1 version=$2 src=$3
commit=unknown
if command -v git >/dev/null 2>&1 && git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  commit=$(git -C "$src" rev-parse --short=12 HEAD 2>/dev/null) || commit=unknown
  if [ "$commit" != unknown ] && [ -n "$(git -C "$src" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    commit="$commit-dirty"
  fi
fi
mkdir -p "$(dirname "$out")"
printf 'version=%s\ncommit=%s\n' "$version" "$commit" > "$out.tmp" && mv -f "$out.tmp" "$out"
