#!/usr/bin/env bash
# The Node API as a project that depends on virt-lint uses it: `npm pack` this
# checkout, install the tarball into an empty consumer project with the
# registry out of reach (--offline, empty cache), then
#   - import('virt-lint') from an ES module and require('virt-lint') from
#     CommonJS: lintText on the QEMU 9.1.1 example, applyFixes, lintFiles,
#     rules, formatters (whose JSON equals the installed CLI's --format json);
#     both give the same objects (one copy of the code);
#   - a TypeScript consumer (ES module and CommonJS files, strict, module
#     nodenext) compiles against the shipped types, and misuse does not;
#   - the installed `virt-lint lsp` answers an editor's initialize and exits
#     0 after shutdown and exit.
# Leaves nothing behind but dist/ rebuilt (with the types): safe to run again.
#
# Usage: test/integration/api.sh   (exit 0: every check passed; needs `npm install` first)
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
ok() { printf 'ok: %s\n' "$*"; }

[ -d "$REPO/node_modules/typescript" ] || fail "the build tools are not installed: run npm install first"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/virt-lint-api.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# 1. Pack (prepack builds dist/, the types included).
(cd "$REPO" && npm pack --silent --pack-destination "$WORK") >"$WORK/pack.out" 2>"$WORK/pack.err" \
  || { cat "$WORK/pack.err"; fail "npm pack failed"; }
tarball=$(ls "$WORK"/virt-lint-*.tgz)
tar tzf "$tarball" >"$WORK/files"
for f in package/dist/api.cjs package/dist/api.mjs package/dist/api.d.ts package/dist/api.d.mts package/dist/api.d.cts package/dist/lsp.cjs; do
  grep -qx "$f" "$WORK/files" || fail "the tarball lacks $f"
done
ok "packed $(basename "$tarball") with the API, its types and the language server"

# 2. A consumer project installs it offline, with an empty cache.
APP="$WORK/app"
mkdir "$APP" "$WORK/cache"
: >"$WORK/npmrc"
printf '{ "name": "consumer", "version": "1.0.0", "private": true }\n' >"$APP/package.json"
(cd "$APP" && npm install --offline --cache "$WORK/cache" --userconfig "$WORK/npmrc" --no-audit --no-fund "$tarball") \
  >"$WORK/install.out" 2>&1 || { cat "$WORK/install.out"; fail "offline install of the tarball into a project failed"; }
cp "$REPO/examples/win11-looking-glass.xml" "$APP/vm.xml"
ok "installed into a consumer project"

cd "$APP"
# 3. ES module: import('virt-lint').
node -e "
import('virt-lint').then(async (m) => {
  const assert = require('node:assert/strict');
  const fs = require('node:fs');
  const text = fs.readFileSync('vm.xml', 'utf8');
  const r = await m.lintText(text, { qemuVersion: '9.1.1', libvirtVersion: '10.0.0', filePath: 'vm.xml' });
  assert.equal(r.filePath, require('node:path').resolve('vm.xml'));
  assert.deepEqual(r.messages.map((x) => [x.ruleId, x.severity, x.line, x.column]), [['qemu-911-spice-hda-audio', 'error', 113, 5]]);
  assert.equal(r.errorCount, 1);
  const fixed = m.applyFixes(text, r.messages);
  assert.equal(fixed.output, text.replace(\"<audio id='1' type='spice'/>\", \"<audio id='1' type='none'/>\"));
  const again = await m.lintText(fixed.output, { qemuVersion: '9.1.1', libvirtVersion: '10.0.0' });
  assert.equal(again.messages.length, 0);
  assert.ok(m.rules.some((x) => x.id === 'qemu-911-spice-hda-audio' && x.fixable === 'safe'));
  assert.equal(typeof m.formatters.stylish, 'function');
  // The same objects as require() gives: one copy of the code.
  assert.equal(m.lintText, require('virt-lint').lintText);
  // The CLI shows paths relative to its working directory; the API gives absolute ones.
  fs.writeFileSync('api.json', m.formatters.json([{ ...r, filePath: 'vm.xml' }]));
  console.log('esm ok');
}).catch((e) => { console.error(e); process.exit(1); });
" >"$WORK/esm.out" 2>&1 || { cat "$WORK/esm.out"; fail "import('virt-lint') did not work as documented"; }
set +e
node_modules/.bin/virt-lint --no-detect --no-config --qemu-version 9.1.1 --libvirt-version 10.0.0 --format json vm.xml >cli.json 2>/dev/null
code=$?
set -e
[ "$code" -eq 1 ] || fail "the installed CLI should exit 1 on the example, got $code"
cmp -s api.json cli.json || { diff api.json cli.json | head -20; fail "formatters.json() differs from virt-lint --format json"; }
ok "import('virt-lint'): lintText, applyFixes, rules, formatters; formatters.json equals the CLI's --format json"

# 4. CommonJS: require('virt-lint').
node -e "
const assert = require('node:assert/strict');
const v = require('virt-lint');
assert.equal(v.version, require('virt-lint/package.json').version);
v.lintFiles(['.'], { qemuVersion: '9.1.1', libvirtVersion: '10.0.0', fix: true }).then((results) => {
  assert.equal(results.length, 1);
  assert.equal(results[0].errorCount, 0);
  assert.ok(results[0].output.includes(\"<audio id='1' type='none'/>\"));
  // Nothing was written: fix returns the text.
  assert.ok(require('node:fs').readFileSync('vm.xml', 'utf8').includes(\"<audio id='1' type='spice'/>\"));
  return v.lintText('<domain', { qemuVersion: 'nine' }).then(() => assert.fail('a bad version must reject'), (e) => assert.match(e.message, /^qemuVersion: 'nine' is not a QEMU version/));
}).then(() => console.log('cjs ok'), (e) => { console.error(e); process.exit(1); });
" >"$WORK/cjs.out" 2>&1 || { cat "$WORK/cjs.out"; fail "require('virt-lint') did not work as documented"; }
ok "require('virt-lint'): lintFiles with fix (nothing written), version, errors as rejections"

# 5. TypeScript consumers compile against the shipped types; misuse does not compile.
TSC="$REPO/node_modules/typescript/bin/tsc"
cat >tsconfig.json <<'EOF'
{ "compilerOptions": { "strict": true, "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022", "noEmit": true, "types": [], "skipLibCheck": false }, "files": ["esm.mts", "cjs.cts"] }
EOF
cat >esm.mts <<'EOF'
import { applyFixes, formatters, lintFiles, lintText, rules, type LintMessage, type LintResult, type RuleInfo } from 'virt-lint';

const result: LintResult = await lintText('<domain/>', { qemuVersion: '9.1.1', rules: { 'qemu-911-spice-hda-audio': ['error', { preferredFix: 'remove-sound' }] } });
const first: LintMessage | undefined = result.messages[0];
const where: string = first ? `${first.line}:${first.column} ${first.ruleId} ${first.severity}` : '';
const edits: [number, number][] = first?.fix?.edits.map((e) => e.range) ?? [];
const { output, applied } = applyFixes('<domain/>', result.messages, { unsafe: true });
const all: LintResult[] = await lintFiles(['vms/'], { configFile: false, detect: false, fix: true, maxFileSize: 1 << 20 });
const report: string = formatters.sarif(all, { cwd: '.' });
const safe: RuleInfo[] = rules.filter((r) => r.fixable === 'safe');
export { where, edits, output, applied, report, safe };
EOF
cat >cjs.cts <<'EOF'
import virtLint = require('virt-lint');

export async function check(text: string): Promise<number> {
  const r: virtLint.LintResult = await virtLint.lintText(text, { filePath: 'vm.xml', libvirtVersion: '10.0.0' });
  return r.errorCount + r.skippedRules.length;
}
EOF
node "$TSC" -p tsconfig.json >"$WORK/tsc.out" 2>&1 || { cat "$WORK/tsc.out"; fail "a TypeScript consumer does not compile against the types"; }
cat >misuse.mts <<'EOF'
import { lintText } from 'virt-lint';
const r = await lintText('<domain/>', { qemuVersion: 911 });
export const n: string = r.messages[0].lineNumber;
EOF
cat >tsconfig.misuse.json <<'EOF'
{ "extends": "./tsconfig.json", "files": ["misuse.mts"] }
EOF
set +e
node "$TSC" -p tsconfig.misuse.json >"$WORK/misuse.out" 2>&1
code=$?
set -e
[ "$code" -ne 0 ] || fail "misusing the API compiled: the types do not constrain anything"
grep -q "error TS2322: Type 'number' is not assignable to type 'string'" "$WORK/misuse.out" || { cat "$WORK/misuse.out"; fail "expected the wrong qemuVersion type to be refused"; }
grep -q "error TS2339: Property 'lineNumber' does not exist" "$WORK/misuse.out" || { cat "$WORK/misuse.out"; fail "expected the unknown property to be refused"; }
ok "TypeScript consumers (ES module and CommonJS, nodenext, strict) compile against the types; misuse is refused"

# 6. The installed language server answers an editor: initialize, then shutdown and exit (framed by hand).
cat >"$WORK/lsp-client.cjs" <<'EOF'
const { spawn } = require('node:child_process');
const server = spawn('node_modules/.bin/virt-lint', ['lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const send = (m) => {
  const body = JSON.stringify({ jsonrpc: '2.0', ...m });
  server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
};
let buffer = Buffer.alloc(0);
server.stdout.on('data', (d) => {
  buffer = Buffer.concat([buffer, d]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    const length = end < 0 ? undefined : Number(/Content-Length: (\d+)/.exec(buffer.subarray(0, end).toString())?.[1]);
    if (length === undefined || buffer.length < end + 4 + length) return;
    const reply = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString());
    buffer = buffer.subarray(end + 4 + length);
    if (reply.id === 1) {
      if (reply.result?.serverInfo?.name !== 'virt-lint' || !reply.result.capabilities.codeActionProvider) {
        console.error(`unexpected initialize result: ${JSON.stringify(reply)}`);
        process.exit(1);
      }
      send({ id: 2, method: 'shutdown' });
    } else if (reply.id === 2) send({ method: 'exit' });
  }
});
server.on('exit', (code) => process.exit(code === 0 ? 0 : 1));
send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: { qemuVersion: '9.1.1', detect: false } } });
setTimeout(() => {
  console.error('the language server did not answer');
  process.exit(1);
}, 20000).unref();
EOF
node "$WORK/lsp-client.cjs" >"$WORK/lsp.out" 2>&1 || { cat "$WORK/lsp.out"; fail "the installed virt-lint lsp did not answer initialize, or did not exit 0 after shutdown/exit"; }
ok "the installed virt-lint lsp answers initialize and exits 0 after shutdown/exit"

echo "api: all checks passed"
