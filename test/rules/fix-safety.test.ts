/**
 * docs/fixes.md lists, with a reason each, the rules whose fix `--fix`
 * applies. The list must be the rules whose metadata says so: a rule that
 * becomes safely fixable needs its reason written down, and one that stops
 * being so must leave the table.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { rules } from '#rules/index.js';

const FIXES_DOC = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/fixes.md');

/** The rule ids in the first column of the table under `heading`. */
function tableRules(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/fixes.md has no section "${heading}"`);
  const next = markdown.indexOf('\n## ', start + 1);
  const section = markdown.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/^\| `([a-z0-9-]+)`/gm)].map((m) => m[1]);
}

it("docs/fixes.md lists exactly the rules whose fixable is 'safe'", () => {
  const listed = tableRules(readFileSync(FIXES_DOC, 'utf8'), 'Rules whose fix `--fix` applies');
  const safe = rules.filter((r) => r.meta.fixable === 'safe').map((r) => r.meta.id);
  expect([...listed].sort()).toEqual([...safe].sort());
});
