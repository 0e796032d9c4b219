# Source this file (bash or zsh): `source scripts/pulumi-env.sh [STATE_DIR]`.
# Exports the offline environment for the Pulumi engine of scripts/ensure-engine.sh:
#   PATH         <repo>/.tools/engine/bin, <repo>/.tools/engine/python-venv/bin (the Python language host runs the first
#                `python` on PATH: it ignores Pulumi.yaml's virtualenv option) and <repo>/node_modules/.bin (Node 22,
#                needed by @pulumi/pulumi >= 3.250) first
#   PULUMI_BACKEND_URL   file://STATE_DIR (default: file://<repo>/.pulumi-local/state), or an already exported value
#   PULUMI_HOME          default <repo>/.pulumi-local/home
#   PULUMI_CONFIG_PASSPHRASE   default empty (passphrase secrets provider, no prompt)
#   PULUMI_SKIP_UPDATE_CHECK, PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION, PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK = true
# A STATE_DIR argument wins over an exported PULUMI_BACKEND_URL.

if [ -n "${BASH_SOURCE:-}" ]; then
  _pe_src=${BASH_SOURCE[0]}
elif [ -n "${ZSH_VERSION:-}" ]; then
  _pe_src=${(%):-%x}
else
  _pe_src=$0
fi
_pe_repo=$(cd "$(dirname "$_pe_src")/.." && pwd)

_pe_path="$_pe_repo/.tools/engine/bin:$_pe_repo/.tools/engine/python-venv/bin:$_pe_repo/node_modules/.bin"
case ":$PATH:" in
  ":$_pe_path:"*) ;;
  *) export PATH="$_pe_path:$PATH" ;;
esac

if [ -n "${1:-}" ]; then
  mkdir -p "$1"
  export PULUMI_BACKEND_URL="file://$(cd "$1" && pwd)"
else
  export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$_pe_repo/.pulumi-local/state}"
fi
case "$PULUMI_BACKEND_URL" in
  file://*) mkdir -p "${PULUMI_BACKEND_URL#file://}" ;;
esac
export PULUMI_HOME="${PULUMI_HOME:-$_pe_repo/.pulumi-local/home}"
mkdir -p "$PULUMI_HOME"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true
unset _pe_src _pe_repo _pe_path
