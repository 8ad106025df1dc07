#!/usr/bin/env bash
# `npm install -g git+...#<commit>` of this repository, as a user installs an
# unreleased commit, once with a `prefix` in the user's .npmrc (the common
# sudo-free setup) and once without (the global prefix npm derives itself).
# npm clones the commit, builds it through `prepare` (scripts/prepare.mjs
# works around npm/cli#8440 and #3692) and installs it; the installed command
# must then work from another directory, with the clone gone.
#
# Installs HEAD: commit first. The build tools come from the npm registry
# (or npm's cache).
#
# Usage: test/integration/git-install.sh   (exit 0: every check passed)
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
ok() { printf 'ok: %s\n' "$*"; }

HEAD=$(git -C "$REPO" rev-parse HEAD)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/virt-lint-git-install.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
unset PREFIX NPM_CONFIG_PREFIX npm_config_prefix NPM_CONFIG_GLOBAL npm_config_global || true

# check PREFIX LABEL: the install under PREFIX lints examples/ from elsewhere, from real files.
check() {
  local prefix=$1 label=$2 code
  [ -x "$prefix/bin/virt-lint" ] || fail "$label: no virt-lint command in $prefix/bin"
  [ -d "$prefix/lib/node_modules/virt-lint" ] && [ ! -L "$prefix/lib/node_modules/virt-lint" ] \
    || fail "$label: $prefix/lib/node_modules/virt-lint is not a real directory ($(ls -ld "$prefix/lib/node_modules/virt-lint" 2>&1))"
  [ -f "$prefix/lib/node_modules/virt-lint/dist/cli.cjs" ] || fail "$label: the installed package was not built"
  [ ! -e "$prefix/lib/node_modules/virt-lint/dist/cli.cjs.map" ] || fail "$label: the installed package holds a source map"
  mkdir -p "$WORK/elsewhere"
  set +e
  (cd "$WORK/elsewhere" && "$prefix/bin/virt-lint" --no-detect --no-config --qemu-version 9.1.1 --format compact "$REPO/examples/win11-looking-glass.xml") >"$WORK/lint.out" 2>&1
  code=$?
  set -e
  [ "$code" -eq 1 ] && grep -q ':113:5: error: .*\[qemu-911-spice-hda-audio\]' "$WORK/lint.out" \
    || { cat "$WORK/lint.out"; fail "$label: the installed virt-lint did not report the QEMU 9.1.1 error (exit $code)"; }
}

# install LABEL ENV...: npm install -g of HEAD, with a user npmrc of its own.
install() {
  local label=$1
  shift
  (cd "$WORK" && env "$@" npm install --global --no-audit --no-fund "git+file://$REPO#$HEAD") >"$WORK/install.out" 2>&1 \
    || { cat "$WORK/install.out"; fail "$label: npm install -g git+file://…#$HEAD failed"; }
}

# 1. A user prefix in .npmrc.
mkdir -p "$WORK/user-prefix"
printf 'prefix=%s\n' "$WORK/user-prefix" >"$WORK/npmrc-prefix"
install "prefix in .npmrc" npm_config_userconfig="$WORK/npmrc-prefix"
check "$WORK/user-prefix" "prefix in .npmrc"
ok "npm install -g git+file://…#${HEAD:0:12} with prefix= in the user's .npmrc: built, installed, lints"

# 2. No prefix configured: npm's own global prefix (here PREFIX, which npm
#    takes as the default, so that nothing lands in the system's prefix).
mkdir -p "$WORK/default-prefix"
: >"$WORK/npmrc-empty"
install "no prefix configured" npm_config_userconfig="$WORK/npmrc-empty" PREFIX="$WORK/default-prefix"
check "$WORK/default-prefix" "no prefix configured"
ok "npm install -g git+file://…#${HEAD:0:12} with no prefix configured: built, installed, lints"

echo "git install: all checks passed"
