#!/usr/bin/env bash
# Makes the Pulumi engine available at .tools/engine/bin (the Automation API's PulumiCommand root is .tools/engine):
# the `pulumi` CLI at the exact version of node_modules/@pulumi/pulumi, the Node.js language host
# pulumi-language-nodejs, and the dynamic provider plugin pulumi-resource-pulumi-nodejs from node_modules.
# Idempotent; prints lines prefixed [engine]. Put .tools/engine/bin first on PATH (scripts/pulumi-env.sh does).
#
# Where `pulumi` comes from, first match wins:
#   1. a `pulumi` on PATH that reports the exact version;
#   2. the per-version cache outside the clone, shared by every clone on the machine:
#      ${PULUMI_ENGINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencentcloud-organization/engine}/v<version>/bin;
#   3. a build from the Go module proxy through tools/engine/go.mod, with the release build flags, into that cache.
#
# Where `pulumi-language-nodejs` comes from, first match wins:
#   1. a `pulumi-language-nodejs` on PATH (a full Pulumi installation's, any version);
#   2. the cache <cache root>/language-nodejs-<sdk version>/bin, e.g. language-nodejs-v3.68.0;
#   3. a build from the Go module proxy through tools/language-host/go.mod into that cache. From v3.69 the host is a
#      module of its own (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) that the proxy does not
#      serve; up to v3.68.0 it is a package of github.com/pulumi/pulumi/sdk/v3, which the proxy serves. The host only
#      starts `node <program's node_modules>/@pulumi/pulumi/cmd/run`: the runtime is the installed SDK's.
# A built host is also placed beside the cached `pulumi` (the engine looks for its bundled plugins there first and
# warns "using ... from $PATH" on every run otherwise).
set -euo pipefail

start=$(date +%s)
log() { printf '[engine] %s\n' "$*"; }
die() { printf '[engine] ERROR: %s\n' "$*" >&2; exit 2; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sdk_pkg="$repo/node_modules/@pulumi/pulumi/package.json"
plugin="$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
tools="$repo/tools/engine"
lh_tools="$repo/tools/language-host"
[[ -f $sdk_pkg ]] || die "node_modules/@pulumi/pulumi is missing: run 'npm ci' first"
[[ -x $plugin ]] || die "$plugin is missing or not executable"
version=v$(sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$sdk_pkg" | head -n1)
pinned=$(sed -n 's/^require github.com\/pulumi\/pulumi\/pkg\/v3 \(v[0-9.]*\)$/\1/p' "$tools/go.mod")
[[ $pinned == "$version" ]] || die "tools/engine/go.mod pins pkg/v3 $pinned but @pulumi/pulumi is $version: keep them equal"
lh_version=$(sed -n 's/^require github.com\/pulumi\/pulumi\/sdk\/v3 \(v[0-9.]*\)$/\1/p' "$lh_tools/go.mod")
[[ -n $lh_version ]] || die "tools/language-host/go.mod does not require github.com/pulumi/pulumi/sdk/v3"

cache_root=${PULUMI_ENGINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencentcloud-organization/engine}
cache_bin="$cache_root/$version/bin"
lh_cache_bin="$cache_root/language-nodejs-$lh_version/bin"
local_bin="$repo/.tools/engine/bin"
export PULUMI_SKIP_UPDATE_CHECK=true

reports_version() { [[ -x $1 && $("$1" version 2>/dev/null | head -n1 | tr -d '[:space:]') == "$version" ]]; }

# build_cached ENTRY MODULE_DIR PACKAGE BINARY CHECK [go build flags...]
# Builds PACKAGE from the Go module in MODULE_DIR into $cache_root/ENTRY/bin/BINARY. The build is staged in a temp
# folder, checked by the function CHECK (given the staged binary), and renamed into place in one step, so an
# interrupted or wrong build never leaves a half-filled cache.
build_cached() {
  local entry=$1 module=$2 package=$3 binary=$4 check=$5
  shift 5
  mkdir -p "$cache_root"
  staging=$(mktemp -d "$cache_root/.build-$entry.XXXXXX")
  trap 'rm -rf "$staging"' EXIT
  (cd "$module" && GOFLAGS=-mod=mod go build -trimpath "$@" -o "$staging/bin/$binary" "$package")
  "$check" "$staging/bin/$binary"
  rm -rf "${cache_root:?}/$entry"
  mv "$staging" "$cache_root/$entry"
  trap - EXIT
}

check_pulumi() {
  reports_version "$1" || die "the built pulumi does not report $version: $("$1" version 2>&1 | head -n1)"
}

check_language_host() {
  local built
  built=$(go version -m "$1" | awk '$1 == "mod" { print $3 }')
  [[ $built == "$lh_version" ]] || die "the built pulumi-language-nodejs is from sdk/v3 '$built', not $lh_version"
}

log "want pulumi $version (the version of node_modules/@pulumi/pulumi)"
# PATH without this clone's own link folder: what is installed on the machine.
outer_path=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$local_bin" | paste -sd:)
path_pulumi=$(PATH=$outer_path command -v pulumi || true)
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
  build_cached "$version" "$tools" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi pulumi check_pulumi \
    -tags osusergo,grpcnotrace -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version"
  pulumi="$cache_bin/pulumi"
  log "built $pulumi ($(du -h "$pulumi" | cut -f1))"
fi

# The language host. Any installed one is used as it is; otherwise the cached or built v3.68.0.
path_lh=$(PATH=$outer_path command -v pulumi-language-nodejs || true)
if [[ -n $path_lh ]]; then
  language_host=$(readlink -f "$path_lh")
  log "using installed $language_host"
elif [[ -x $lh_cache_bin/pulumi-language-nodejs ]]; then
  language_host="$lh_cache_bin/pulumi-language-nodejs"
  log "using cached $language_host"
else
  command -v go >/dev/null 2>&1 ||
    die "no pulumi-language-nodejs on PATH or in $lh_cache_bin, and no Go toolchain to build it: install Go >= $(sed -n 's/^go //p' "$lh_tools/go.mod")"
  log "building pulumi-language-nodejs $lh_version from the Go module proxy (cold: about a minute on 2 cores)"
  build_cached "language-nodejs-$lh_version" "$lh_tools" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs \
    pulumi-language-nodejs check_language_host -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$lh_version"
  language_host="$lh_cache_bin/pulumi-language-nodejs"
  log "built $language_host ($(du -h "$language_host" | cut -f1))"
fi
# A built host goes beside the cached pulumi too, as a hard link or a copy swapped in by one rename.
beside_lh="$(dirname "$pulumi")/pulumi-language-nodejs"
if [[ -z $path_lh && ! $language_host -ef $beside_lh && -w $(dirname "$pulumi") ]]; then
  ln -f "$language_host" "$beside_lh.tmp" 2>/dev/null || cp "$language_host" "$beside_lh.tmp"
  mv -f "$beside_lh.tmp" "$beside_lh"
fi
if [[ -z $path_lh && $language_host -ef $beside_lh ]]; then language_host=$beside_lh; fi

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
ln -s "$language_host" "$tmp/pulumi-language-nodejs"
# Only when it cannot sit beside pulumi (a read-only install) does it come from PATH, with the engine's warning.
cmp -s "$plugin" "$beside" || ln -s "$plugin" "$tmp/pulumi-resource-pulumi-nodejs"
rm -rf "$local_bin.old"
[[ -e $local_bin ]] && mv "$local_bin" "$local_bin.old"
mv "$tmp" "$local_bin"
rm -rf "$local_bin.old"

log "$local_bin/pulumi version: $("$local_bin/pulumi" version)"
log "done in $(( $(date +%s) - start )) s"
