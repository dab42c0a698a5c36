#!/usr/bin/env bash
# Prints THIRD-PARTY.txt: every library bundled in lib/ with its version and licence, read
# from the artifacts' POMs in the local Maven repository (following <parent> when a POM names none).
# Usage: third-party.sh DEPENDENCY_LIST   (the output of dependency:list with absolute file names)
set -euo pipefail
list=$1

tag() { # tag NAME FILE: the text of the first <NAME> element directly in the file's outer project
  sed -n "s:.*<$1>\([^<]*\)</$1>.*:\1:p" "$2" | head -n1
}

licences() { # licences POM: "name (url)" for each licence, following parents
  local pom=$1 depth=0 names
  while [ -f "$pom" ] && [ "$depth" -lt 8 ]; do
    names=$(tr -d '\r' < "$pom" | tr '\n' ' ' | grep -o '<licenses>.*</licenses>' | grep -o '<license>[^@]*\?</license>' \
      | sed -e 's:</license>:&\n:g' | sed -n 's:.*<name>\([^<]*\)</name>.*:\1:p' | sed 's/^ *//; s/ *$//' | paste -sd ';' - | sed 's/;/; /g' || true)
    if [ -n "$names" ]; then printf '%s' "$names"; return; fi
    local parent pg pa pv
    parent=$(tr -d '\r' < "$pom" | tr '\n' ' ' | grep -o '<parent>.*</parent>' | head -n1 || true)
    [ -n "$parent" ] || break
    pg=$(printf '%s' "$parent" | sed -n 's:.*<groupId>\([^<]*\)</groupId>.*:\1:p')
    pa=$(printf '%s' "$parent" | sed -n 's:.*<artifactId>\([^<]*\)</artifactId>.*:\1:p')
    pv=$(printf '%s' "$parent" | sed -n 's:.*<version>\([^<]*\)</version>.*:\1:p')
    pom="$repo/${pg//.//}/$pa/$pv/$pa-$pv.pom"
    depth=$((depth + 1))
  done
  printf 'see the project page'
}

cat <<'HEAD'
Engram for Java bundles the following libraries: SQLite's driver as lib/sqlite-jdbc.jar (without its
native libraries for other platforms; Linux x86-64's is lib/native/libsqlitejdbc.so), all others in
lib/engram.jar (shaded into one jar, unchanged except that picocli's Java 5 class files were
re-emitted as Java 8 class files with stack maps).
Their licence texts are published with each project; the licences named here are the ones the
projects declare in their Maven POMs.

The Java runtime in runtime/ is Eclipse Temurin (OpenJDK), GPLv2 with the Classpath Exception;
its notices and licences are in runtime/legal/.

HEAD
printf '%-70s %s\n' "LIBRARY (group:artifact:version)" "LICENCE"
repo=
grep -E '^ +[^ :]+:[^ :]+:jar:' "$list" | while read -r line; do
  coords=${line%% *}
  IFS=: read -r g a _ v _ <<< "$coords"
  file=$(printf '%s' "$line" | grep -o ':/[^ ]*\.jar' | head -n1 | cut -c2-)
  pom="${file%.jar}.pom"
  [ -n "$repo" ] || repo=${file%%/${g//.//}/$a/*}
  printf '%-70s %s\n' "$g:$a:$v" "$(licences "$pom")"
done
