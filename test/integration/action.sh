#!/usr/bin/env bash
# The GitHub Action (action.yml) outside GitHub: its install script packs this
# checkout and installs the tarball, then its run script lints a workspace
# holding examples/ with the inputs given as environment variables, as the
# composite action's steps pass them. What only GitHub can run (setup-node,
# the SARIF upload) is left out; what the upload step reads (the SARIF file
# and the step outputs) is checked.
#
# Usage: test/integration/action.sh   (exit 0: every check passed; needs `npm install` first)
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
ok() { printf 'ok: %s\n' "$*"; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/virt-lint-action.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# 1. action.yml passes every input to the run script, and the run script reads each.
python3 - "$REPO/action.yml" "$REPO/action/run.sh" <<'PY' || fail "action.yml and action/run.sh disagree"
import re, sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
run_sh = open(sys.argv[2]).read()
assert action["runs"]["using"] == "composite", "not a composite action"
steps = {s.get("id"): s for s in action["runs"]["steps"]}
env = steps["lint"]["env"]
for name in action["inputs"]:
    if name == "node-version":  # setup-node's
        continue
    var = "INPUT_" + name.upper().replace("-", "_")
    assert env.get(var) == "${{ inputs.%s }}" % name, f"input {name} is not passed as {var}"
    assert re.search(r"\b%s\b" % var, run_sh), f"action/run.sh does not read {var}"
uses = [s["uses"] for s in action["runs"]["steps"] if "uses" in s]
for u in uses:
    assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", u), f"{u} is not pinned by commit SHA"
PY
ok "action.yml passes every input to action/run.sh; the actions it uses are pinned by SHA"

# 2. Install as the action does.
virt_lint=$(RUNNER_TEMP="$WORK" GITHUB_OUTPUT="$WORK/install-output" "$REPO/action/install.sh" 2>"$WORK/install.err") \
  || { cat "$WORK/install.err"; fail "action/install.sh failed"; }
[ -x "$virt_lint" ] || fail "action/install.sh did not print the installed command ($virt_lint)"
grep -qx "command=$virt_lint" "$WORK/install-output" || fail "action/install.sh did not set the command output"
case "$virt_lint" in "$WORK"/*) ;; *) fail "virt-lint was not installed under RUNNER_TEMP: $virt_lint" ;; esac
ok "action/install.sh installed the packed checkout: $virt_lint"

# A workspace as actions/checkout leaves it.
WS="$WORK/workspace"
mkdir -p "$WS/vms"
# The Looking Glass examples (typos.xml, the schema check's example of mistakes, would fail every run).
cp "$REPO/examples/win11-looking-glass.xml" "$REPO/examples/clean-looking-glass.xml" "$WS/vms/"

# lint NAME VAR=VALUE...: runs action/run.sh in the workspace with those inputs.
lint() {
  local name=$1
  shift
  : >"$WORK/$name.output"
  set +e
  (cd "$WS" && env -u GITHUB_ACTIONS VIRT_LINT="$virt_lint" GITHUB_OUTPUT="$WORK/$name.output" "$@" "$REPO/action/run.sh") \
    >"$WORK/$name.out" 2>"$WORK/$name.err"
  code=$?
  set -e
}
show() { cat "$WORK/$1.out" "$WORK/$1.err" >&2; }

# 3. QEMU 9.1.1 with SARIF asked for: annotations in the log, exit 1, the SARIF file written.
lint sarif INPUT_PATHS='vms/' INPUT_QEMU_VERSION=9.1.1 INPUT_LIBVIRT_VERSION=10.0.0 INPUT_UPLOAD_SARIF=true
[ "$code" -eq 1 ] || { show sarif; fail "QEMU 9.1.1: expected exit 1, got $code"; }
grep -q '^::error file=vms/win11-looking-glass.xml,line=113,col=5,.*qemu-911-spice-hda-audio' "$WORK/sarif.out" \
  || { show sarif; fail "no GitHub annotation for the QEMU 9.1.1 error"; }
grep -qx 'exit-code=1' "$WORK/sarif.output" || fail "exit-code output missing: $(cat "$WORK/sarif.output")"
grep -qx 'sarif-file=virt-lint.sarif' "$WORK/sarif.output" || fail "sarif-file output missing: $(cat "$WORK/sarif.output")"
node -e '
  const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const results = log.runs[0].results;
  const hit = results.find((r) => r.ruleId === "qemu-911-spice-hda-audio"
    && r.locations[0].physicalLocation.artifactLocation.uri.endsWith("vms/win11-looking-glass.xml")
    && r.locations[0].physicalLocation.region.startLine === 113);
  if (log.version !== "2.1.0" || !hit) { console.error(JSON.stringify(results, null, 1).slice(0, 2000)); process.exit(1); }
' "$WS/virt-lint.sarif" || fail "the SARIF file lacks the QEMU 9.1.1 result at vms/win11-looking-glass.xml:113"
ok "QEMU 9.1.1, upload-sarif: exit 1, annotation at 113:5, virt-lint.sarif written with the result"

# 4. QEMU 9.1.2, a glob, extra args, no SARIF asked for: exit 0, no file.
rm -f "$WS/virt-lint.sarif"
lint clean INPUT_PATHS=$'vms/*.xml\n' INPUT_QEMU_VERSION=9.1.2 INPUT_ARGS='--max-warnings 100' INPUT_FORMAT=compact
[ "$code" -eq 0 ] || { show clean; fail "QEMU 9.1.2: expected exit 0, got $code"; }
[ ! -e "$WS/virt-lint.sarif" ] || fail "a SARIF file was written although not asked for"
grep -qx 'exit-code=0' "$WORK/clean.output" || fail "exit-code=0 output missing"
if grep -q '^sarif-file=' "$WORK/clean.output"; then fail "sarif-file output set although no SARIF was asked for"; fi
ok "QEMU 9.1.2, glob, extra args: exit 0, no SARIF"

# 5. format sarif with upload: one run, the file is the report.
lint only-sarif INPUT_PATHS=vms INPUT_QEMU_VERSION=9.1.1 INPUT_FORMAT=sarif INPUT_UPLOAD_SARIF=true INPUT_SARIF_FILE=out/report.sarif
[ "$code" -eq 1 ] || { show only-sarif; fail "format sarif: expected exit 1, got $code"; }
[ "$(grep -c '^+ virt-lint' "$WORK/only-sarif.err")" -eq 1 ] || { show only-sarif; fail "format sarif should run virt-lint once"; }
node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$WS/out/report.sarif" || fail "out/report.sarif is not JSON"
ok "format sarif: one run, out/report.sarif written"

# 6. A missing path: exit 2, no SARIF output for the upload step to pick up.
lint missing INPUT_PATHS=no-such-dir INPUT_UPLOAD_SARIF=true
[ "$code" -eq 2 ] || { show missing; fail "missing path: expected exit 2, got $code"; }
if grep -q '^sarif-file=' "$WORK/missing.output"; then fail "sarif-file output set after a failed run"; fi
grep -qx 'exit-code=2' "$WORK/missing.output" || fail "exit-code=2 output missing"
ok "missing path: exit 2, nothing for the upload step"

# 7. A bad boolean input is a usage error.
lint bad-bool INPUT_UPLOAD_SARIF=yes
[ "$code" -eq 2 ] || { show bad-bool; fail "upload-sarif=yes: expected exit 2, got $code"; }
grep -q "input upload-sarif must be true or false" "$WORK/bad-bool.err" || { show bad-bool; fail "no message for upload-sarif=yes"; }
ok "upload-sarif=yes: exit 2 with a message"

echo "action: all checks passed"
