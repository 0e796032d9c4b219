#!/usr/bin/env bash
# Makes actionlint (the GitHub Actions workflow checker) available and prints its path on stdout; log lines go to
# stderr, prefixed [actionlint]. tests/examples/ci/github-actions.test.ts runs it on examples/ci/github-actions.yml.
#
# The version is the one tools/actionlint/go.mod pins (go.sum checks every module). First match wins:
#   1. the cache outside the clone, shared by every clone on the machine:
#      ${PULUMI_ENGINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencentcloud-organization/engine}/../actionlint-<version>/bin;
#   2. a build with `go build` into that cache. The modules come from Go's module cache when they are there (offline),
#      else from the Go module proxy; the build is staged and renamed into place, so a failed one leaves no cache.
# Needs Go >= the go.mod's `go` line when nothing is cached. Exit 2 with the reason when it cannot build.
set -euo pipefail

log() { printf '[actionlint] %s\n' "$*" >&2; }
die() { printf '[actionlint] ERROR: %s\n' "$*" >&2; exit 2; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
module="$repo/tools/actionlint"
version=$(sed -n 's/^require github.com\/rhysd\/actionlint \(v[0-9.]*\)$/\1/p' "$module/go.mod")
[[ -n $version ]] || die "tools/actionlint/go.mod does not require github.com/rhysd/actionlint"

engine_cache=${PULUMI_ENGINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencentcloud-organization/engine}
cache_root=$(dirname "$engine_cache")
entry="$cache_root/actionlint-$version"
binary="$entry/bin/actionlint"

reports_version() { [[ -x $1 && $("$1" -version 2>/dev/null | head -n1 | tr -d '[:space:]') == "$version" ]]; }

if reports_version "$binary"; then
  printf '%s\n' "$binary"
  exit 0
fi

command -v go >/dev/null || die "actionlint $version is not cached at $binary and there is no Go toolchain to build it"
log "building actionlint $version into $entry"
mkdir -p "$cache_root"
staging=$(mktemp -d "$cache_root/.build-actionlint.XXXXXX")
trap 'rm -rf "$staging"' EXIT
(cd "$module" && GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w -X main.version=$version" \
  -o "$staging/bin/actionlint" github.com/rhysd/actionlint/cmd/actionlint) >&2 ||
  die "go build failed (offline with no module cache? run once with network access, or set GOPROXY)"
reports_version "$staging/bin/actionlint" || die "the built actionlint does not report $version: $("$staging/bin/actionlint" -version 2>&1 | head -n1)"
rm -rf "$entry"
mv "$staging" "$entry"
trap - EXIT
printf '%s\n' "$binary"
