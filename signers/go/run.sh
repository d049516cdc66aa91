#!/bin/sh
# Builds the Go signer once per change (go build caches) and runs it; `run.sh vectors` runs the vectors printer.
# Offline and with the installed toolchain only: the module has no dependencies to download.
set -e
root="$(cd "$(dirname "$0")/../.." && pwd)"
# CGO_ENABLED=0: pure-Go networking, so no C compiler is needed (Go 1.19 would otherwise look for gcc).
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS= CGO_ENABLED=0
# Inside node_modules/.cache: writable wherever `npm ci` ran, even when $HOME is not.
export GOCACHE="${GOCACHE:-$root/node_modules/.cache/go-build}"
bin="$root/node_modules/.cache/signers"
mkdir -p "$bin"
cd "$root/signers/go"
if [ "$1" = vectors ]; then
  go build -o "$bin/go-vectors" ./cmd/vectors
  exec "$bin/go-vectors" "$root/signers/vectors.json"
fi
go build -o "$bin/go-signer" .
exec "$bin/go-signer"
