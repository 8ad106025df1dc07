#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit
# (Debian package `pre-commit`; .ci/run installs it) exactly as a user's
# first run does: `pre-commit try-repo` clones this repository, installs it
# with npm into a fresh node environment (system node, through nodeenv
# -n system; only the npm registry is contacted) and runs the hook on a
# temporary git repository holding a bad domain, a good domain and an
# unrelated (non-domain) XML file.
#
# try-repo uses this repository's HEAD plus uncommitted changes to TRACKED
# files; untracked files are not seen, so commit new files first.
#
# Usage: test/integration/pre-commit.sh   (exit 0: every check passed)
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
ok() { printf 'ok: %s\n' "$*"; }

command -v pre-commit >/dev/null || fail "pre-commit is not installed (Debian: apt-get install pre-commit)"
command -v node >/dev/null && command -v npm >/dev/null || fail "node and npm must be on PATH (pre-commit's language: node uses them as 'system')"
[ -f "$REPO/dist/cli.cjs" ] || fail "virt-lint is not built: run npm install (or npm run build) first"
git -C "$REPO" ls-files --error-unmatch .pre-commit-hooks.yaml >/dev/null 2>&1 \
  || fail ".pre-commit-hooks.yaml is not committed: pre-commit try-repo only sees tracked files"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/virt-lint-pre-commit.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# try-repo always installs into a temporary store; keep pre-commit's own
# cache and log out of the user's home as well.
export PRE_COMMIT_HOME="$WORK/pre-commit-home"
# The bad domain is bad on QEMU 9.1.1 (the SPICE-audio crash): give the
# version through the environment, as a CI job would, with the libvirt version
# of the example config, so that nothing is detected from this machine.
export VIRT_LINT_QEMU_VERSION=9.1.1 VIRT_LINT_LIBVIRT_VERSION=10.0.0
unset GITHUB_ACTIONS || true

pre-commit validate-manifest "$REPO/.pre-commit-hooks.yaml" || fail ".pre-commit-hooks.yaml is not a valid pre-commit manifest"
pre-commit validate-config "$REPO/examples/.pre-commit-config.yaml" || fail "examples/.pre-commit-config.yaml is not a valid pre-commit config"
ok "manifest and example config are valid"

# A repository of VM definitions, as examples/.pre-commit-config.yaml expects them (vms/).
TARGET="$WORK/target"
mkdir -p "$TARGET/vms"
cp "$REPO/examples/win11-looking-glass.xml" "$TARGET/vms/bad-win11.xml"
cp "$REPO/test/fixtures/live/clean.xml" "$TARGET/vms/good-debian12.xml"
cat >"$TARGET/vms/network-default.xml" <<'EOF'
<network>
  <name>default</name>
  <forward mode='nat'/>
  <bridge name='virbr0' stp='on' delay='0'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
    </dhcp>
  </ip>
</network>
EOF
git -C "$TARGET" init -q
git -C "$TARGET" add .

# try_repo HOOK ARGS... : runs the hook, output in $WORK/out, exit code in $code.
try_repo() {
  local hook=$1
  shift
  set +e
  (cd "$TARGET" && pre-commit try-repo --color never "$REPO" "$hook" "$@") >"$WORK/out" 2>&1
  code=$?
  set -e
}
show() { sed 's/^/    | /' "$WORK/out"; }
# errors_for FILE: true when the stylish report in $WORK/out lists an error under FILE.
errors_for() { awk -v f="$1" '$0 == f { on = 1; next } /^[^ ]/ || /^$/ { on = 0 } on && $2 == "error" { found = 1 } END { exit !found }' "$WORK/out"; }

# 1. All files: the bad domain fails the hook and is named; the others are not reported as problems.
try_repo virt-lint --all-files
[ "$code" -eq 1 ] || { show; fail "virt-lint hook over all files: expected exit 1, got $code"; }
grep -Eq '^virt-lint\.+Failed$' "$WORK/out" || { show; fail "the hook did not report Failed"; }
grep -Eq '^vms/bad-win11\.xml$' "$WORK/out" || { show; fail "the bad domain is not named in the output"; }
grep -Eq "error .*qemu-911-spice-hda-audio" "$WORK/out" || { show; fail "the error and its rule id are not in the output"; }
# (Warnings or advice on the good domain would be allowed: it must have no error.)
if errors_for vms/good-debian12.xml; then show; fail "the good domain was reported with an error"; fi
ok "virt-lint hook fails on the bad domain and names it (exit $code)"

# 2. The good domain and the non-domain XML pass.
try_repo virt-lint --files vms/good-debian12.xml vms/network-default.xml
[ "$code" -eq 0 ] || { show; fail "good domain + network XML: expected exit 0, got $code"; }
grep -Eq '^virt-lint\.+Passed$' "$WORK/out" || { show; fail "the hook did not report Passed"; }
ok "virt-lint hook passes the good domain and skips the non-domain XML"

# 3. The fix hook applies the safe fixes (pre-commit fails the run because a
#    file changed): the same bytes as this checkout's `virt-lint --fix`, which
#    includes routing the sound device away from SPICE audio ...
before="$WORK/bad-before.xml"
cp "$TARGET/vms/bad-win11.xml" "$before"
try_repo virt-lint-fix --files vms/bad-win11.xml
[ "$code" -eq 1 ] || { show; fail "virt-lint-fix: expected exit 1 (files modified), got $code"; }
grep -q 'files were modified by this hook' "$WORK/out" || { show; fail "pre-commit did not see the fix"; }
expected="$WORK/expected.xml"
cp "$before" "$expected"
node "$REPO/bin/virt-lint.cjs" --fix "$expected" >/dev/null || true
cmp -s "$expected" "$TARGET/vms/bad-win11.xml" || { diff "$expected" "$TARGET/vms/bad-win11.xml" || true; fail "the hook's fix differs from virt-lint --fix"; }
{ diff "$before" "$TARGET/vms/bad-win11.xml" || true; } | grep -qx "> *<audio id='1' type='none'/>" || { diff "$before" "$TARGET/vms/bad-win11.xml" || true; fail "the fix did not set <audio id='1'> to type='none'"; }
ok "virt-lint-fix hook applied virt-lint --fix (<audio id='1' type='spice'/> -> type='none')"

# ... after which the lint hook passes.
try_repo virt-lint --files vms/bad-win11.xml
[ "$code" -eq 0 ] || { show; fail "after the fix the hook still fails (exit $code)"; }
ok "virt-lint hook passes on the fixed domain"

# 5. The configurations a user copies, pointed at this checkout's HEAD
#    instead of GitHub (the pinned SHA becomes HEAD's): their args give QEMU
#    9.1.1 themselves. pre-commit clones HEAD, builds it, packs it and
#    installs the tarball into its own node environment.
HEAD=$(git -C "$REPO" rev-parse HEAD)
# run_config NAME FILE: pre-commit run --all-files with FILE as the config (the bad domain restored first).
run_config() {
  local name=$1 config=$2
  cp "$before" "$TARGET/vms/bad-win11.xml"
  sed -E -e "s|repo: https://github.com/virt-lint/virt-lint\$|repo: $REPO|" \
      -e "s|rev: [0-9a-f]{40}|rev: $HEAD|" \
    "$config" >"$TARGET/.pre-commit-config.yaml"
  grep -q "repo: $REPO\$" "$TARGET/.pre-commit-config.yaml" || fail "$name: could not point the config at this checkout"
  grep -q "rev: $HEAD" "$TARGET/.pre-commit-config.yaml" || fail "$name: its rev: is not a 40-hex commit SHA"
  git -C "$TARGET" add -A # pre-commit refuses an unstaged config
  set +e
  (cd "$TARGET" && env -u VIRT_LINT_QEMU_VERSION pre-commit run --color never --config .pre-commit-config.yaml --all-files) >"$WORK/out" 2>&1
  code=$?
  set -e
  [ "$code" -eq 1 ] || { show; fail "$name: expected exit 1, got $code"; }
  grep -Eq '^vms/bad-win11\.xml$' "$WORK/out" || { show; fail "$name: the bad domain is not named"; }
  grep -Eq "error .*qemu-911-spice-hda-audio" "$WORK/out" || { show; fail "$name: the QEMU 9.1.1 error is not reported"; }
  if errors_for vms/good-debian12.xml; then show; fail "$name: the good domain was reported with an error"; fi
}

run_config "examples/.pre-commit-config.yaml" "$REPO/examples/.pre-commit-config.yaml"
ok "examples/.pre-commit-config.yaml (rev = HEAD ${HEAD:0:12}) fails on the bad domain with its own --qemu-version"

# 6. The README's snippet (the first yaml block of its "## pre-commit" section).
awk '/^## / { section = $0 } section == "## pre-commit" && /^```yaml$/ && !done { on = 1; next } on && /^```$/ { on = 0; done = 1 } on' \
  "$REPO/README.md" >"$WORK/readme-snippet.yaml"
grep -q 'id: virt-lint' "$WORK/readme-snippet.yaml" || fail "no pre-commit snippet found in the README's pre-commit section"
pre-commit validate-config "$WORK/readme-snippet.yaml" >/dev/null || fail "the README's pre-commit snippet is not a valid pre-commit config"
run_config "the README's pre-commit snippet" "$WORK/readme-snippet.yaml"
ok "the README's pre-commit snippet (rev = HEAD ${HEAD:0:12}) fails on the bad domain"

echo "pre-commit integration: all checks passed"
