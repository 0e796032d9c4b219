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
#
# scripts/ensure-languages.sh (sourced) does the same for the YAML and Python language hosts, from tools/language-yaml
# and tools/language-python, and caches a Python venv with the Pulumi Python SDK, linked as .tools/engine/python-venv.
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

# fill_cached ENTRY FILL [args...]: fills $cache_root/ENTRY by the function FILL, given a temp folder to fill and
# check, then the args. The folder is renamed into place in one step, so an interrupted or wrong build never leaves a
# half-filled cache.
fill_cached() {
  local entry=$1 fill=$2
  shift 2
  mkdir -p "$cache_root"
  staging=$(mktemp -d "$cache_root/.build-$entry.XXXXXX")
  trap 'rm -rf "$staging"' EXIT
  "$fill" "$staging" "$@"
  rm -rf "${cache_root:?}/$entry"
  mv "$staging" "$cache_root/$entry"
  trap - EXIT
}

# build_cached ENTRY MODULE_DIR PACKAGE BINARY CHECK [go build flags...]
# Builds PACKAGE from the Go module in MODULE_DIR into $cache_root/ENTRY/bin/BINARY through fill_cached, checked by
# the function CHECK (given the staged binary). Go runs under `nice`: the machine is usually shared.
build_cached() { fill_cached "$1" go_build_staged "${@:2}"; }
go_build_staged() {
  local staged=$1 module=$2 package=$3 binary=$4 check=$5
  shift 5
  (cd "$module" && GOFLAGS=-mod=mod nice -n 10 go build -trimpath "$@" -o "$staged/bin/$binary" "$package")
  "$check" "$staged/bin/$binary"
}

# beside_pulumi FILE: prints where the bundled plugin FILE (a built one) is to be linked from: a hard link or copy of
# it beside the cached pulumi, swapped in by one rename, where the engine looks for bundled plugins first (it warns
# "using ... from $PATH" on every run otherwise); FILE itself when pulumi's folder is read-only.
beside_pulumi() {
  local beside
  beside="$(dirname "$pulumi")/$(basename "$1")"
  if [[ ! $1 -ef $beside && -w $(dirname "$pulumi") ]]; then
    ln -f "$1" "$beside.tmp" 2>/dev/null || cp "$1" "$beside.tmp"
    mv -f "$beside.tmp" "$beside"
  fi
  if [[ $1 -ef $beside ]]; then printf '%s\n' "$beside"; else printf '%s\n' "$1"; fi
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
# A built host goes beside the cached pulumi too.
if [[ -z $path_lh ]]; then language_host=$(beside_pulumi "$language_host"); fi

# The YAML and Python language hosts and the Python venv: sets lang_links and python_venv.
# shellcheck source=scripts/ensure-languages.sh
source "$repo/scripts/ensure-languages.sh"

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
for link in "${lang_links[@]}"; do ln -s "${link#*=}" "$tmp/${link%%=*}"; done
# Its bin goes first on PATH (scripts/pulumi-env.sh, scripts/engine.ts), beside this folder.
if [[ -n $python_venv ]]; then ln -sfn "$python_venv" "$repo/.tools/engine/python-venv"; else rm -f "$repo/.tools/engine/python-venv"; fi
rm -rf "$local_bin.old"
[[ -e $local_bin ]] && mv "$local_bin" "$local_bin.old"
mv "$tmp" "$local_bin"
rm -rf "$local_bin.old"

log "$local_bin/pulumi version: $("$local_bin/pulumi" version)"
log "done in $(( $(date +%s) - start )) s"
