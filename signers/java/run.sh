#!/bin/sh
# Compiles the Java signer when a source changed (javac takes seconds; the JVM starts in a fraction) and runs it;
# `run.sh vectors` runs the vectors printer instead.
set -e
root="$(cd "$(dirname "$0")/../.." && pwd)"
classes="$root/node_modules/.cache/signers/java"
stamp="$classes/.compiled"
if [ ! -f "$stamp" ] || [ -n "$(find "$root/signers/java" -name '*.java' -newer "$stamp")" ]; then
  mkdir -p "$classes"
  javac -encoding UTF-8 -d "$classes" "$root"/signers/java/*.java
  touch "$stamp"
fi
if [ "$1" = vectors ]; then
  exec java -cp "$classes" Vectors "$root/signers/vectors.json"
fi
exec java -XX:TieredStopAtLevel=1 -cp "$classes" SignatureServer
