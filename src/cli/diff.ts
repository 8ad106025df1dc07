/**
 * A unified diff of two texts, line by line, with three lines of context:
 * what `--fix-dry-run` prints and `patch -p0` accepts.
 */

const CONTEXT = 3;

type Op = { kind: ' ' | '-' | '+'; line: string };

export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const out = [`--- ${path}`, `+++ ${path}`];
  // Group changes into hunks with context.
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    let start = Math.max(0, i - CONTEXT);
    let end = i;
    // Extend while changes are within 2*CONTEXT of each other.
    for (;;) {
      while (end < ops.length && ops[end].kind !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next].kind === ' ') next++;
      if (next < ops.length && next - end <= 2 * CONTEXT) end = next;
      else break;
    }
    const stop = Math.min(ops.length, end + CONTEXT);
    let aStart = 1;
    let bStart = 1;
    for (let k = 0; k < start; k++) {
      if (ops[k].kind !== '+') aStart++;
      if (ops[k].kind !== '-') bStart++;
    }
    const hunk = ops.slice(start, stop);
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aLen ? aStart : aStart - 1},${aLen} +${bLen ? bStart : bStart - 1},${bLen} @@`);
    for (const o of hunk) {
      const { text, eol } = stripEol(o.line);
      out.push(o.kind + text);
      if (!eol) out.push('\\ No newline at end of file');
    }
    i = stop;
    start = stop;
  }
  return out.join('\n') + '\n';
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Drops the LF only: a CRLF file's lines keep their CR, so `patch` applies the diff to it. */
function stripEol(line: string): { text: string; eol: boolean } {
  if (line.endsWith('\n')) return { text: line.slice(0, -1), eol: true };
  return { text: line, eol: false };
}

/** Longest-common-subsequence line diff; domain XML is small enough for the quadratic table. */
function diffLines(a: string[], b: string[]): Op[] {
  // Trim the common prefix and suffix first: fixes touch a few lines of a long file.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const n = am.length;
  const m = bm.length;
  const ops: Op[] = a.slice(0, pre).map((line) => ({ kind: ' ', line }));
  if (n * m > 4_000_000) {
    ops.push(...am.map((line) => ({ kind: '-' as const, line })), ...bm.map((line) => ({ kind: '+' as const, line })));
  } else {
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--) lcs[i][j] = am[i] === bm[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        ops.push({ kind: ' ', line: am[i] });
        i++;
        j++;
      } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ kind: '-', line: am[i++] });
      else ops.push({ kind: '+', line: bm[j++] });
    }
  }
  ops.push(...a.slice(a.length - suf).map((line) => ({ kind: ' ' as const, line })));
  return ops;
}
