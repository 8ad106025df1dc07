#!/usr/bin/env bash
# The package as a user installs it: `npm pack` this checkout, install the
# tarball into an empty prefix with the registry out of reach (--offline and
# an empty cache: any runtime dependency would fail the install), then run
# the installed `virt-lint` on examples/ from another directory.
# Also checks what the tarball holds: no runtime dependencies, no `prepare`
# (npm warns about a tarball's prepare on install), no source map, no sources.
#
# Usage: test/integration/package.sh   (exit 0: every check passed; needs `npm install` first)
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
ok() { printf 'ok: %s\n' "$*"; }

[ -d "$REPO/node_modules/esbuild" ] || fail "the build tools are not installed: run npm install first"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/virt-lint-package.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# 1. Pack (prepack builds dist/ and packs a package.json without `prepare`).
manifest_before=$(cksum <"$REPO/package.json")
(cd "$REPO" && npm pack --silent --pack-destination "$WORK") >"$WORK/pack.out" 2>"$WORK/pack.err" \
  || { cat "$WORK/pack.err"; fail "npm pack failed"; }
tarball=$(ls "$WORK"/virt-lint-*.tgz)
[ "$(cksum <"$REPO/package.json")" = "$manifest_before" ] || fail "package.json was left modified by npm pack (postpack did not restore it)"
[ ! -e "$REPO/package.json.prepack" ] || fail "package.json.prepack was left behind"
ok "packed $(basename "$tarball"): $(wc -c <"$tarball") bytes, $(tar tzf "$tarball" | wc -l) files"

# 2. What the tarball holds.
tar tzf "$tarball" >"$WORK/files"
if grep -E '\.map$' "$WORK/files"; then fail "the tarball holds a source map"; fi
if grep -E '^package/(src|rules|scripts|test|node_modules)/' "$WORK/files"; then fail "the tarball holds sources, tests or node_modules"; fi
for f in package/package.json package/bin/virt-lint.cjs package/dist/cli.cjs package/schema/virt-lint.schema.json \
  package/README.md package/LICENSE package/CHANGELOG.md package/docs/rules/README.md; do
  grep -qx "$f" "$WORK/files" || fail "the tarball lacks $f"
done
tar xzf "$tarball" -C "$WORK" package/package.json
node -e '
  const pkg = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const runtime = ["dependencies", "optionalDependencies", "peerDependencies", "bundleDependencies", "bundledDependencies"]
    .filter((k) => pkg[k] && Object.keys(pkg[k]).length > 0);
  if (runtime.length) { console.error("runtime dependencies in the tarball: " + runtime.join(", ")); process.exit(1); }
  const scripts = ["preinstall", "install", "postinstall", "prepare"].filter((s) => pkg.scripts && pkg.scripts[s]);
  if (scripts.length) { console.error("install-time scripts in the tarball: " + scripts.join(", ")); process.exit(1); }
' "$WORK/package/package.json" || fail "the tarball's package.json is not that of a tool that installs without scripts"
if [ -d "$REPO/vendor" ]; then # third-party files the build compiles: shipped, with their licence
  grep -Eq '^package/vendor/.*/COPYING' "$WORK/files" || fail "the tarball holds no licence for vendor/"
fi
ok "no runtime dependencies, no install-time script, no source map, no sources"

# 3. Install into an empty prefix, registry unreachable, empty cache.
# (An empty user config too: the user's own settings are not under test.)
PREFIX="$WORK/prefix"
mkdir "$PREFIX" "$WORK/cache"
: >"$WORK/npmrc"
(cd "$WORK" && npm install --global --prefix "$PREFIX" --offline --cache "$WORK/cache" --userconfig "$WORK/npmrc" --no-audit --no-fund "$tarball") \
  >"$WORK/install.out" 2>&1 || { cat "$WORK/install.out"; fail "offline install of the tarball failed"; }
if grep -i 'warn' "$WORK/install.out"; then fail "npm warned while installing the tarball"; fi
[ -x "$PREFIX/bin/virt-lint" ] || fail "no virt-lint command in $PREFIX/bin"
[ ! -d "$PREFIX/lib/node_modules/virt-lint/node_modules" ] || fail "the install pulled in node_modules"
ok "installed offline into an empty prefix with an empty cache, no warning"

# 4. Run it on examples/ from another directory: the two Looking Glass domains (typos.xml is the schema
# check's example of mistakes, linted on its own below).
mkdir "$WORK/elsewhere"
cd "$WORK/elsewhere"
LG_EXAMPLES=("$REPO/examples/win11-looking-glass.xml" "$REPO/examples/clean-looking-glass.xml")
set +e
"$PREFIX/bin/virt-lint" --no-detect --no-config --qemu-version 9.1.1 --libvirt-version 10.0.0 --format compact "${LG_EXAMPLES[@]}" >"$WORK/lint.out" 2>"$WORK/lint.err"
code=$?
set -e
[ "$code" -eq 1 ] || { cat "$WORK/lint.out" "$WORK/lint.err"; fail "on QEMU 9.1.1 expected exit 1, got $code"; }
grep -Eq 'examples/win11-looking-glass\.xml:113:5: error: .*\[qemu-911-spice-hda-audio\]$' "$WORK/lint.out" \
  || { cat "$WORK/lint.out"; fail "the QEMU 9.1.1 error on win11-looking-glass.xml:113:5 is not reported"; }
"$PREFIX/bin/virt-lint" --no-detect --no-config --qemu-version 9.1.2 --libvirt-version 10.0.0 "${LG_EXAMPLES[@]}" >"$WORK/lint.out" 2>&1 \
  || { cat "$WORK/lint.out"; fail "on QEMU 9.1.2 the examples should pass"; }
# The schema check's model is in the package: the three mistakes of typos.xml, at their tokens.
set +e
"$PREFIX/bin/virt-lint" --no-detect --no-config --format compact "$REPO/examples/typos.xml" >"$WORK/lint.out" 2>&1
code=$?
set -e
[ "$code" -eq 1 ] || { cat "$WORK/lint.out"; fail "typos.xml: expected exit 1, got $code"; }
for hit in '16:14: error: .*\[unknown-attribute\]$' '34:47: error: .*\[invalid-value\]$' '38:6: error: .*\[unknown-element\]$'; do
  grep -Eq "examples/typos\.xml:$hit" "$WORK/lint.out" || { cat "$WORK/lint.out"; fail "typos.xml: no finding matching $hit"; }
done
[ "$("$PREFIX/bin/virt-lint" --version)" = "$(node -p 'require(process.argv[1]).version' "$REPO/package.json")" ] \
  || fail "virt-lint --version does not print the package's version"
"$PREFIX/bin/virt-lint" rule qemu-911-spice-hda-audio | grep -q 'Fix safety' || fail "virt-lint rule does not print the rule's documentation"
ok "the installed virt-lint lints examples/ from another directory (exit 1 on QEMU 9.1.1 at 113:5, exit 0 on 9.1.2; typos.xml's three schema errors)"

echo "package: all checks passed"
