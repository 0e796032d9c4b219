#!/usr/bin/env bash
# `npm test`: builds, type-checks the tests (jest only transpiles them), makes the engine available and runs jest,
# printing each phase's wall time as `[phase] <name>: <seconds> s` (.ci/run sums them up). Arguments go to jest.
set -uo pipefail
cd "$(dirname "$0")/.."

phase() {
  local name=$1 start status
  shift
  start=$(date +%s)
  "$@"
  status=$?
  echo "[phase] $name: $(($(date +%s) - start)) s"
  return "$status"
}

phase build npm run --silent build || exit $?
phase typecheck tsc -p tsconfig.test.json || exit $?
phase engine bash scripts/ensure-engine.sh || exit $?
phase tests jest "$@"
