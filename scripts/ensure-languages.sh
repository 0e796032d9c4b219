# Sourced by scripts/ensure-engine.sh once `pulumi` is found: makes the YAML and Python language hosts available
# beside it, and a Python virtual environment with the Pulumi Python SDK. Uses ensure-engine.sh's $cache_root,
# $pulumi, $version, log, die, fill_cached and build_cached; sets lang_links (NAME=TARGET, linked into
# .tools/engine/bin) and python_venv. Each comes, first match wins, from the machine (on PATH), the cache, or a build:
#
# - pulumi-language-yaml: tools/language-yaml/go.mod, github.com/pulumi/pulumi-yaml against pkg/v3 $version (the
#   engine's pin, so the build reuses the engine's compiled packages). Cache: <cache root>/language-yaml-<yaml version>.
# - pulumi-language-python and its pulumi-language-python-exec script, which the host runs with `python` and looks
#   for beside its own (symlink-resolved) executable: tools/language-python/go.mod, github.com/pulumi/pulumi/sdk/v3
#   up to v3.79.0; later hosts are a module of their own that the proxy does not serve. The host only starts
#   `python <exec script> <program>`: the runtime is the pulumi package of whatever `python` is first on PATH.
#   Cache: <cache root>/language-python-<sdk version>.
# - the venv: `python3 -m venv`, then pip (PyPI) installs tools/language-python/requirements.txt, whose `pulumi`
#   pin must equal $version. The old host ignores Pulumi.yaml's `virtualenv` option, so the venv's bin goes first on
#   PATH instead (scripts/pulumi-env.sh, scripts/engine.ts). Cache: <cache root>/python-venv-py<X.Y>-<pins hash>.
#   Nothing installs into it afterwards: a project's own packages go to a --target folder on PYTHONPATH.
# - sdkgen (tools/sdkgen, this project's SDK generator over pkg/v3 $version's codegen): always built, never taken from
#   PATH. Cache: <cache root>/sdkgen-<hash of its sources>, linked as .tools/engine/bin/sdkgen.

lang_links=()
yaml_tools="$repo/tools/language-yaml"
py_tools="$repo/tools/language-python"
yaml_version=$(sed -n 's/^require github.com\/pulumi\/pulumi-yaml \(v[0-9.]*\)$/\1/p' "$yaml_tools/go.mod")
[[ -n $yaml_version ]] || die "tools/language-yaml/go.mod does not require github.com/pulumi/pulumi-yaml"
grep -qxF $'\tgithub.com/pulumi/pulumi/pkg/v3 '"$version"' // indirect' "$yaml_tools/go.mod" ||
  die "tools/language-yaml/go.mod must resolve github.com/pulumi/pulumi/pkg/v3 to $version, the engine's: keep them equal"
py_version=$(sed -n 's/^require github.com\/pulumi\/pulumi\/sdk\/v3 \(v[0-9.]*\)$/\1/p' "$py_tools/go.mod")
[[ -n $py_version ]] || die "tools/language-python/go.mod does not require github.com/pulumi/pulumi/sdk/v3"
py_requirements="$py_tools/requirements.txt"
grep -qxF "pulumi==${version#v}" "$py_requirements" ||
  die "tools/language-python/requirements.txt must pin pulumi==${version#v}, the engine's version: keep them equal"

# check_built_from BINARY NAME MODULE VERSION...: the binary's build info names each MODULE at its VERSION (the main
# package's module or a dependency), so a stale go.sum or a replaced module is caught before the cache is filled.
check_built_from() {
  local binary=$1 name=$2 info
  shift 2
  info=$(go version -m "$binary" | awk '$1 == "mod" || $1 == "dep" { print $2 " " $3 }')
  while (($#)); do
    grep -qxF "$1 $2" <<<"$info" || die "the built $name is not from $1 $2: $(grep -F "$1 " <<<"$info" || echo absent)"
    shift 2
  done
}

check_sdkgen() {
  check_built_from "$1" sdkgen github.com/pulumi/pulumi/pkg/v3 "$version"
}

check_yaml_host() {
  check_built_from "$1" pulumi-language-yaml github.com/pulumi/pulumi-yaml "$yaml_version" \
    github.com/pulumi/pulumi/pkg/v3 "$version"
}

# Also puts the exec script beside the staged host: the host exits at start-up without it.
check_python_host() {
  check_built_from "$1" pulumi-language-python github.com/pulumi/pulumi/sdk/v3 "$py_version"
  local exec_script
  exec_script="$(cd "$py_tools" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)/python/cmd/pulumi-language-python-exec"
  [[ -f $exec_script ]] || die "$exec_script is missing from the module"
  install -m 0755 "$exec_script" "$(dirname "$1")/pulumi-language-python-exec"
}

# ensure_go_host NAME ENTRY MODULE_DIR PACKAGE CHECK [go build flags...]: sets host to the installed NAME, or to the
# cached or built one placed beside pulumi (with its cache folder's other files, such as the exec script), and queues
# its link.
ensure_go_host() {
  local name=$1 entry=$2 module=$3 package=$4 check=$5 path_host
  shift 5
  path_host=$(PATH=$outer_path command -v "$name" || true)
  if [[ -n $path_host ]]; then
    host=$(readlink -f "$path_host")
    log "using installed $host"
  elif [[ -x $cache_root/$entry/bin/$name ]]; then
    host="$cache_root/$entry/bin/$name"
    log "using cached $host"
  else
    command -v go >/dev/null 2>&1 ||
      die "no $name on PATH or in $cache_root/$entry/bin, and no Go toolchain to build it: install Go >= $(sed -n 's/^go //p' "$module/go.mod")"
    log "building $name ($entry) from the Go module proxy"
    local built_start=$SECONDS
    build_cached "$entry" "$module" "$package" "$name" "$check" "$@"
    host="$cache_root/$entry/bin/$name"
    log "built $host ($(du -h "$host" | cut -f1)) in $((SECONDS - built_start)) s"
  fi
  if [[ -z $path_host ]]; then
    local file
    for file in "$cache_root/$entry/bin/"*; do
      [[ $file == "$host" ]] || beside_pulumi "$file" >/dev/null
    done
    host=$(beside_pulumi "$host")
  fi
  lang_links+=("$name=$host")
}

ensure_go_host pulumi-language-yaml "language-yaml-$yaml_version" "$yaml_tools" \
  github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml check_yaml_host \
  -tags osusergo,grpcnotrace -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=${yaml_version#v}"
ensure_go_host pulumi-language-python "language-python-$py_version" "$py_tools" \
  github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python check_python_host \
  -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$py_version"
# The host looks for its exec script beside its resolved executable, wherever it is linked from.
lang_links+=("pulumi-language-python-exec=$(dirname "$host")/pulumi-language-python-exec")

# sdkgen: its own source is part of the key, so an edit rebuilds it.
sdkgen_tools="$repo/tools/sdkgen"
grep -qxF "require github.com/pulumi/pulumi/pkg/v3 $version" "$sdkgen_tools/go.mod" ||
  grep -qxF $'\tgithub.com/pulumi/pulumi/pkg/v3 '"$version" "$sdkgen_tools/go.mod" ||
  die "tools/sdkgen/go.mod must require github.com/pulumi/pulumi/pkg/v3 $version, the engine's: keep them equal"
sdkgen_entry="sdkgen-$(cd "$sdkgen_tools" && cat go.mod go.sum ./*.go | sha256sum | cut -c1-12)"
sdkgen="$cache_root/$sdkgen_entry/bin/sdkgen"
if [[ -x $sdkgen ]]; then
  log "using cached $sdkgen"
else
  command -v go >/dev/null 2>&1 || die "no Go toolchain to build tools/sdkgen: install Go >= $(sed -n 's/^go //p' "$sdkgen_tools/go.mod")"
  log "building sdkgen ($sdkgen_entry) from tools/sdkgen"
  sdkgen_start=$SECONDS
  build_cached "$sdkgen_entry" "$sdkgen_tools" . sdkgen check_sdkgen -tags osusergo,grpcnotrace -ldflags "-s -w"
  log "built $sdkgen ($(du -h "$sdkgen" | cut -f1)) in $((SECONDS - sdkgen_start)) s"
fi
lang_links+=("sdkgen=$sdkgen")

# The venv. Its interpreter is a symlink to the base Python, which finds the venv by the pyvenv.cfg beside its bin, so
# it works from the renamed folder; the staging path in its scripts is rewritten before the rename.
python=${PULUMI_PYTHON_CMD:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
  # Only Python projects need it: the engine, and TypeScript and YAML projects, work without.
  log "WARNING: no $python on PATH, so no venv: Python projects cannot run (install Python >= 3.9, or set PULUMI_PYTHON_CMD)"
  python_venv=""
  return 0
fi
py_tag=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
pins_hash=$(sha256sum "$py_requirements" | cut -c1-12)
venv_entry="python-venv-py$py_tag-$pins_hash"
python_venv="$cache_root/$venv_entry"

check_venv() {
  local found
  found=$("$1/bin/python" -c 'import importlib.metadata as m; print(m.version("pulumi"))' 2>/dev/null || true)
  [[ $found == "${version#v}" ]]
}

fill_venv() {
  "$python" -m venv "$1"
  "$1/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$py_requirements"
  check_venv "$1" || die "the new venv does not import pulumi ${version#v}"
  grep -rlIF "$1" "$1/bin" "$1/pyvenv.cfg" | xargs -r sed -i "s#$1#$python_venv#g"
}

if check_venv "$python_venv"; then
  log "using cached venv $python_venv"
else
  log "creating venv $python_venv with $("$python" --version) (pip install -r tools/language-python/requirements.txt)"
  venv_start=$SECONDS
  fill_cached "$venv_entry" fill_venv
  log "created venv $python_venv in $((SECONDS - venv_start)) s"
fi

