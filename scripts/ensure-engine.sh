#!/usr/bin/env bash
# Makes the Pulumi engine available at .tools/engine/bin (the Automation API's PulumiCommand root is .tools/engine):
# the `pulumi` CLI at the exact version of node_modules/@pulumi/pulumi, and the dynamic provider plugin
# pulumi-resource-pulumi-nodejs from node_modules. Idempotent; prints lines prefixed [engine].
#
# Where `pulumi` comes from, first match wins:
#   1. a `pulumi` on PATH that reports the exact version;
#   2. the per-version cache outside the clone, shared by every clone on the machine:
#      ${PULUMI_ENGINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencentcloud-organization/engine}/v<version>/bin;
#   3. a build from the Go module proxy through tools/engine/go.mod, with the release build flags, into that cache.
#
# The Node.js language host (pulumi-language-nodejs) is not needed: programs run as Automation API inline programs,
# whose official language runtime runs inside the driving Node process and which the CLI reaches through --client.
# (The Go module proxy does not serve github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 here.)
set -euo pipefail

start=$(date +%s)
log() { printf '[engine] %s\n' "$*"; }
die() { printf '[engine] ERROR: %s\n' "$*" >&2; exit 2; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sdk_pkg="$repo/node_modules/@pulumi/pulumi/package.json"
plugin="$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
tools="$repo/tools/engine"
[[ -f $sdk_pkg ]] || die "node_modules/@pulumi/pulumi is missing: run 'npm ci' first"
[[ -x $plugin ]] || die "$plugin is missing or not executable"
version=v$(sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$sdk_pkg" | head -n1)
pinned=$(sed -n 's/^require github.com\/pulumi\/pulumi\/pkg\/v3 \(v[0-9.]*\)$/\1/p' "$tools/go.mod")
[[ $pinned == "$version" ]] || die "tools/engine/go.mod pins pkg/v3 $pinned but @pulumi/pulumi is $version: keep them equal"

cache_root=${PULUMI_ENGINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencentcloud-organization/engine}
cache_bin="$cache_root/$version/bin"
local_bin="$repo/.tools/engine/bin"
export PULUMI_SKIP_UPDATE_CHECK=true

reports_version() { [[ -x $1 && $("$1" version 2>/dev/null | head -n1 | tr -d '[:space:]') == "$version" ]]; }

log "want pulumi $version (the version of node_modules/@pulumi/pulumi)"
path_pulumi=$(PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$local_bin" | paste -sd:) command -v pulumi || true)
if [[ -n $path_pulumi ]] && reports_version "$path_pulumi"; then
  pulumi=$(readlink -f "$path_pulumi")
  log "using installed $pulumi"
elif reports_version "$cache_bin/pulumi"; then
  pulumi="$cache_bin/pulumi"
  log "using cached $pulumi"
else
  command -v go >/dev/null 2>&1 ||
    die "no pulumi $version on PATH or in $cache_bin, and no Go toolchain to build it: install Go >= $(sed -n 's/^go //p' "$tools/go.mod")"
  log "building pulumi $version from the Go module proxy with $(go version | cut -d' ' -f3) (cold: several minutes on 2 cores)"
  mkdir -p "$cache_root"
  staging=$(mktemp -d "$cache_root/.build.XXXXXX")
  trap 'rm -rf "$staging"' EXIT
  (
    cd "$tools"
    GOFLAGS=-mod=mod go build -trimpath -tags osusergo,grpcnotrace \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
      -o "$staging/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  )
  reports_version "$staging/bin/pulumi" || die "the built pulumi does not report $version: $("$staging/bin/pulumi" version 2>&1 | head -n1)"
  # A finished build appears in one rename, so an interrupted one never leaves a half-filled cache.
  rm -rf "$cache_root/$version"
  mv "$staging" "$cache_root/$version"
  trap - EXIT
  pulumi="$cache_bin/pulumi"
  log "built $pulumi ($(du -h "$pulumi" | cut -f1))"
fi

# The plugin script resolves @pulumi/pulumi from the program's directory, so one copy serves every clone. Beside the
# real binary the engine finds it without its "using ... from $PATH" warning on every run.
beside="$(dirname "$pulumi")/pulumi-resource-pulumi-nodejs"
if ! cmp -s "$plugin" "$beside" && [[ -w $(dirname "$pulumi") ]]; then
  cp "$plugin" "$beside.tmp" && mv "$beside.tmp" "$beside"
fi

# Project-local root for PulumiCommand.get({ root }): symlinks, swapped in one rename.
mkdir -p "$repo/.tools/engine"
tmp=$(mktemp -d "$repo/.tools/engine/.bin.XXXXXX")
ln -s "$pulumi" "$tmp/pulumi"
# Only when it cannot sit beside pulumi (a read-only install) does it come from PATH, with the engine's warning.
cmp -s "$plugin" "$beside" || ln -s "$plugin" "$tmp/pulumi-resource-pulumi-nodejs"
rm -rf "$local_bin.old"
[[ -e $local_bin ]] && mv "$local_bin" "$local_bin.old"
mv "$tmp" "$local_bin"
rm -rf "$local_bin.old"

log "$local_bin/pulumi version: $("$local_bin/pulumi" version)"
log "done in $(( $(date +%s) - start )) s"
