#!/usr/bin/env bash
# `npm run sdks [-- --schema FILE] [--out DIR] [--languages nodejs,python,go]`: generates the native plugin's SDKs
# from its package schema (default: schema.json at the repository root) into DIR/nodejs, DIR/python and DIR/go
# (default: sdk/, git-ignored: the SDKs are generated, never committed). The generator is tools/sdkgen, built and
# cached by scripts/ensure-engine.sh (linked as .tools/engine/bin/sdkgen), which this runs first.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
schema="$repo/schema.json"
out="$repo/sdk"
languages=nodejs,python,go
while (($#)); do
  case $1 in
    --schema) schema=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --languages) languages=$2; shift 2 ;;
    *) printf '[sdks] ERROR: unknown argument %s (use --schema FILE, --out DIR, --languages LIST)\n' "$1" >&2; exit 2 ;;
  esac
done
[[ -f $schema ]] || { printf '[sdks] ERROR: no schema at %s\n' "$schema" >&2; exit 2; }

bash "$repo/scripts/ensure-engine.sh" >/dev/null
"$repo/.tools/engine/bin/sdkgen" -schema "$schema" -out "$out" -languages "$languages"
printf '[sdks] generated %s SDKs from %s into %s\n' "$languages" "$schema" "$out"
