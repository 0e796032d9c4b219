#!/usr/bin/env bash
# Makes the Pulumi engine available to the project at .tools/engine/bin (the Automation API's PulumiCommand root is
# .tools/engine): pulumi, pulumi-language-nodejs (both at the exact version of node_modules/@pulumi/pulumi) and the
# dynamic provider plugin pulumi-resource-pulumi-nodejs from node_modules. Idempotent; prints lines prefixed [engine].
#
# Where the two Go binaries come from, first match wins:
#   1. a `pulumi` on PATH that reports the exact version, with `pulumi-language-nodejs` beside it or on PATH;
#   2. the per-version cache outside the clone:
#      ${PULUMI_ENGINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencentcloud-organization/engine}/v<version>/bin
#      (anyone who has the two binaries of that version can put them there).
# Otherwise it exits 3 ("engine not available here") so callers can skip engine tests. The official release archives
# cannot be downloaded on this project's machines, and building from source is not possible either: the Go module
# proxy answers 403 "This module version is not available" for github.com/pulumi/pulumi/pkg/v3 and
# github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 (every version), so no go.mod can resolve them.
set -euo pipefail

start=$(date +%s.%N)
log() { printf '[engine] %s\n' "$*"; }
die() { local code=$1; shift; printf '[engine] ERROR: %s\n' "$*" >&2; exit "$code"; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sdk_pkg="$repo/node_modules/@pulumi/pulumi/package.json"
plugin="$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
[[ -f $sdk_pkg ]] || die 2 "node_modules/@pulumi/pulumi is missing: run 'npm ci' first"
[[ -x $plugin ]] || die 2 "$plugin is missing or not executable"
version=v$(sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$sdk_pkg" | head -n1)
[[ $version != v ]] || die 2 "cannot read the version of @pulumi/pulumi from $sdk_pkg"

cache_root=${PULUMI_ENGINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencentcloud-organization/engine}
cache_bin="$cache_root/$version/bin"
local_root="$repo/.tools/engine"
local_bin="$local_root/bin"

# Node 22 first: @pulumi/pulumi >= 3.250 needs it and `pulumi version` may start nothing node-based, but keep it uniform.
export PATH="$repo/node_modules/.bin:$PATH"
export PULUMI_SKIP_UPDATE_CHECK=true

# Prints the version a pulumi binary reports, or nothing.
pulumi_version() { "$1" version 2>/dev/null | head -n1 | tr -d '[:space:]' || true; }

# Succeeds when $1/pulumi and $1/pulumi-language-nodejs (or one on PATH) are usable at $version; sets found_*.
found_pulumi="" found_lang=""
accept() {
  local pulumi=$1 dir lang
  [[ -x $pulumi ]] || return 1
  pulumi=$(readlink -f "$pulumi")
  case "$pulumi" in "$local_bin"/*) return 1 ;; esac
  [[ $(pulumi_version "$pulumi") == "$version" ]] || return 1
  dir=$(dirname "$pulumi")
  if [[ -x $dir/pulumi-language-nodejs ]]; then
    lang=$dir/pulumi-language-nodejs
  else
    lang=$(PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$local_bin" | paste -sd:) command -v pulumi-language-nodejs || true)
    [[ -n $lang ]] || return 1
  fi
  found_pulumi=$pulumi
  found_lang=$(readlink -f "$lang")
}

log "want pulumi $version (from node_modules/@pulumi/pulumi)"
# PATH without our own .tools/engine/bin, so an earlier run's symlinks are not mistaken for an install.
path_pulumi=$(PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$local_bin" | paste -sd:) command -v pulumi || true)
if [[ -n $path_pulumi ]] && accept "$path_pulumi"; then
  log "using installed $found_pulumi"
elif accept "$cache_bin/pulumi"; then
  log "using cached $cache_bin"
else
  [[ -n $path_pulumi ]] && log "ignoring $path_pulumi: it reports '$(pulumi_version "$path_pulumi")' or lacks pulumi-language-nodejs"
  msg="no pulumi $version with pulumi-language-nodejs found on PATH or in $cache_bin."
  if ! command -v go >/dev/null 2>&1; then
    die 3 "$msg The Go toolchain (go >= 1.26) would be needed to build it, and go is not installed."
  fi
  # Say why a source build is not attempted, with the proxy's own answer (a 'no' answers at once).
  probe=$(cd /tmp && GOFLAGS=-mod=mod timeout 60 go list -m -json "github.com/pulumi/pulumi/pkg/v3@$version" 2>&1 || true)
  if grep -q '"Origin"\|"Version"' <<<"$probe"; then
    die 3 "$msg The Go module proxy now serves github.com/pulumi/pulumi/pkg/v3@$version: a source build (a tools/engine go.mod requiring pkg/v3 and the language host) is possible but not set up yet."
  fi
  die 3 "$msg Building it needs github.com/pulumi/pulumi/pkg/v3 from the Go module proxy, which answers: $(tr '\n' ' ' <<<"$probe" | cut -c1-300)"
fi

# Project-local root for PulumiCommand.get({ root }): symlinks, replaced atomically.
mkdir -p "$local_root"
tmp=$(mktemp -d "$local_root/.bin.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
ln -s "$found_pulumi" "$tmp/pulumi"
ln -s "$found_lang" "$tmp/pulumi-language-nodejs"
ln -s "$plugin" "$tmp/pulumi-resource-pulumi-nodejs"
rm -rf "$local_bin.old"
[[ -e $local_bin ]] && mv "$local_bin" "$local_bin.old"
mv "$tmp" "$local_bin"
rm -rf "$local_bin.old"
trap - EXIT

log "$local_bin/pulumi version: $("$local_bin/pulumi" version)"
log "done in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1fs", e - s }')"
