/**
 * The rule reference (docs/rules/) is generated from the rules' metadata by
 * `npm run docs`; these tests fail when the committed files drift from it,
 * and when a rule's documentation is incomplete or its examples are wrong:
 * the Example must trigger the rule and Use instead must not.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import minVersion from 'semver/ranges/min-version.js';
import satisfies from 'semver/functions/satisfies.js';
import { describe, expect, it } from 'vitest';
import { rules } from '#rules/index.js';
import { referenceFiles, REFERENCE_DIR, REGENERATE } from '../../src/docs/reference.js';
import { jsonSchemaOf } from '../../src/docs/option-schema.js';
import { renderRuleDoc } from '../../src/docs/render.js';
import { lint } from '#engine/linter.js';
import { NOT_WELL_FORMED } from '#engine/diagnostic.js';
import { parseXml } from '#engine/parse.js';
import { SourceText } from '#engine/source.js';
import { SEVERITIES, type Rule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';
import { hostFacts, type HostInput } from '../helpers/rule-tester.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('docs/rules', () => {
  const files = referenceFiles(rules, jsonSchemaOf);

  it(`matches the rules' metadata (if not: ${REGENERATE})`, () => {
    const problems: string[] = [];
    for (const f of files) {
      const path = join(ROOT, f.path);
      if (!existsSync(path)) problems.push(`missing ${f.path}`);
      else if (readFileSync(path, 'utf8') !== f.content) problems.push(`out of date ${f.path}`);
    }
    const wanted = new Set(files.map((f) => f.path));
    const dir = join(ROOT, REFERENCE_DIR);
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      if (name.endsWith('.md') && !wanted.has(`${REFERENCE_DIR}/${name}`)) problems.push(`no such rule any more: ${REFERENCE_DIR}/${name}`);
    }
    expect(problems, `docs/rules does not match the rules' metadata: run ${REGENERATE} and commit docs/rules/`).toEqual([]);
  });

  it('has one page per rule, the page `virt-lint rule <id>` prints', () => {
    for (const rule of rules) {
      const page = files.find((f) => f.path === `docs/rules/${rule.meta.id}.md`);
      expect(page?.content.endsWith(renderRuleDoc(rule, jsonSchemaOf))).toBe(true);
    }
  });

  it('has a table row per rule with id, severity, fixable, category, first source and description', () => {
    const table = files.find((f) => f.path === 'docs/rules/README.md')!.content;
    expect(table).toContain('| id | severity | fixable | category | source (first) | description |');
    for (const { meta } of rules) {
      const row = table.split('\n').find((l) => l.startsWith(`| [${meta.id}](${meta.id}.md) |`));
      expect(row, meta.id).toBeDefined();
      expect(row!.split(' | ').slice(1, 4)).toEqual([meta.severity, meta.fixable === false ? 'no' : meta.fixable === 'safe' ? 'yes (safe)' : 'suggestion (unsafe)', meta.category]);
    }
  });
});

// ---------------------------------------------------------------------------
// Completeness of every rule's documentation

const ruleFile = (id: string) => join(ROOT, 'rules', `${id}.ts`);

describe.each(rules.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  const { meta } = rule;

  it('has complete metadata and documentation', () => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(existsSync(ruleFile(id)), `rules/${id}.ts`).toBe(true);
    expect(meta.description.trim()).not.toBe('');
    expect(meta.description).not.toMatch(/\n/);
    expect(meta.description).not.toMatch(/\.$/);
    expect(SEVERITIES).toContain(meta.severity);
    const d = meta.docs;
    for (const key of ['whatItDoes', 'whyIsThisBad', 'example', 'useInstead', 'fixSafety'] as const) {
      expect(d[key]?.trim(), `docs.${key}`).toBeTruthy();
    }
    expect(d.sources.length, 'at least one source').toBeGreaterThan(0);
    for (const s of d.sources) expect(s.trim()).not.toBe('');
    if (d.notes !== undefined) expect(d.notes.trim()).not.toBe('');
    if (meta.options) for (const o of Object.values((jsonSchemaOf(meta.options) as { properties?: Record<string, { description?: string }> }).properties ?? {})) expect(o.description?.trim()).toBeTruthy();
  });

  it('its Example triggers it and Use instead does not', () => {
    const verdict = checkExamples(rule);
    expect(verdict.problems).toEqual([]);
  });
});

describe('the registry', () => {
  it('is sorted by id, without duplicates', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(ids).toEqual([...new Set(ids)].sort());
  });
});

// ---------------------------------------------------------------------------
// Putting a documentation example into a domain

const QEMU_NS = 'http://libvirt.org/schemas/domain/qemu/1.0';

/** Elements that live in <devices> (libvirt's domaincommon.rng "devices"). */
const DEVICE_ELEMENTS = new Set([
  'emulator', 'disk', 'controller', 'lease', 'filesystem', 'interface', 'input', 'graphics', 'video', 'audio', 'sound', 'hostdev',
  'redirdev', 'redirfilter', 'smartcard', 'serial', 'parallel', 'console', 'channel', 'hub', 'watchdog', 'memballoon', 'rng', 'tpm',
  'panic', 'shmem', 'iommu', 'vsock', 'crypto', 'pstore',
]);

/** Where a fragment's top-level element goes when it is a child of one of the domain's containers. */
const CONTAINER_OF: Record<string, string> = {};
for (const [container, children] of Object.entries({
  os: ['type', 'loader', 'nvram', 'boot', 'bootmenu', 'smbios', 'bios', 'kernel', 'initrd', 'cmdline', 'dtb', 'firmware'],
  features: ['acpi', 'apic', 'hap', 'pae', 'privnet', 'hyperv', 'kvm', 'xen', 'pvspinlock', 'pmu', 'vmport', 'gic', 'smm', 'ioapic', 'vmcoreinfo', 'htm', 'msrs', 'tcg', 'async-teardown', 'ps2'],
  cpu: ['topology', 'model', 'vendor', 'feature', 'cache', 'numa', 'maxphysaddr'],
  clock: ['timer'],
  'qemu:commandline': ['qemu:arg', 'qemu:env'],
})) for (const c of children) CONTAINER_OF[c] = container;

interface Part {
  name: string;
  /** The whole element, for elements that are not containers here. */
  xml?: string;
  /** Start tag attributes and children, for the containers fragments add to. */
  attrs?: string;
  children?: [string, string][];
}

/** A domain as virt-manager writes one (q35, x86_64, UEFI), by top-level element. */
function skeleton(): Part[] {
  return [
    { name: 'name', xml: '<name>win11</name>' },
    { name: 'uuid', xml: '<uuid>0b9d8f38-5c56-4c2a-9d0b-6f6a1f3e2c11</uuid>' },
    { name: 'memory', xml: "<memory unit='KiB'>16777216</memory>" },
    { name: 'currentMemory', xml: "<currentMemory unit='KiB'>16777216</currentMemory>" },
    { name: 'vcpu', xml: "<vcpu placement='static'>8</vcpu>" },
    { name: 'os', attrs: " firmware='efi'", children: [['type', "<type arch='x86_64' machine='pc-q35-9.1'>hvm</type>"], ['boot', "<boot dev='hd'/>"]] },
    { name: 'features', attrs: '', children: [['acpi', '<acpi/>'], ['apic', '<apic/>']] },
    { name: 'cpu', attrs: " mode='host-passthrough' check='none' migratable='on'", children: [] },
    { name: 'clock', attrs: " offset='localtime'", children: [] },
    { name: 'devices', attrs: '', children: [['emulator', '<emulator>/usr/bin/qemu-system-x86_64</emulator>']] },
  ];
}

function render(p: Part): string {
  if (p.xml !== undefined) return `  ${p.xml}`;
  if (!p.children!.length) return `  <${p.name}${p.attrs}/>`;
  const inner = p.children!.map(([, xml]) => xml.split('\n').map((l) => `    ${l}`).join('\n')).join('\n');
  return `  <${p.name}${p.attrs}>\n${inner}\n  </${p.name}>`;
}

function parse(xml: string) {
  const r = parseXml(new SourceText(xml));
  return r.ok ? r.doc : undefined;
}

const elementChildren = (el: XmlElement) => el.children.filter((c): c is XmlElement => c.kind === 'element');

/**
 * The example as a whole domain: a full <domain> is used as it is; a device
 * goes into <devices>, a child of <os>, <features>, <cpu> or <clock> into
 * that element (replacing one of the same name), any other top-level
 * element replaces the skeleton's element of that name or is added.
 * Undefined when the fragment is not well-formed.
 */
export function asDomain(example: string): string | undefined {
  const trimmed = example.trim();
  const whole = parse(trimmed);
  if (whole?.root.name === 'domain') return trimmed;
  const wrapperOpen = `<virt-lint-example xmlns:qemu='${QEMU_NS}'>`;
  const wrapped = parse(`${wrapperOpen}${example}</virt-lint-example>`);
  if (!wrapped) return undefined;
  const text = (el: XmlElement) => example.slice(el.range.start - wrapperOpen.length, el.range.end - wrapperOpen.length);
  const parts = skeleton();
  const part = (name: string) => parts.find((p) => p.name === name);
  const placed = new Set<string>();
  for (const el of elementChildren(wrapped.root)) {
    const container = DEVICE_ELEMENTS.has(el.name) || (el.name === 'memory' && el.attr('model') !== undefined) ? 'devices' : CONTAINER_OF[el.name];
    if (container && !part(container)) parts.push({ name: container, attrs: '', children: [] });
    const target = container ? part(container) : undefined;
    if (target?.children) {
      // The example's element replaces the skeleton's one of that name (its <type>, <acpi/>...); repeated ones are added.
      const same = target.children.findIndex(([n, xml]) => n === el.name && container !== 'devices' && !placed.has(xml));
      const entry: [string, string] = [el.name, text(el)];
      placed.add(entry[1]);
      if (same >= 0) target.children[same] = entry;
      else target.children.push(entry);
      continue;
    }
    const existing = part(el.name);
    if (existing) {
      existing.xml = text(el);
      delete existing.children;
    } else parts.push({ name: el.name, xml: text(el) });
  }
  const usesQemuNs = /<\/?qemu:/.test(example) && !/xmlns:qemu=/.test(example);
  return `<domain type='kvm'${usesQemuNs ? ` xmlns:qemu='${QEMU_NS}'` : ''}>\n${parts.map(render).join('\n')}\n</domain>\n`;
}

// ---------------------------------------------------------------------------
// Host facts to try: the rule's required range first, then common releases

const QEMU = ['4.2.0', '5.2.0', '6.2.0', '7.2.0', '8.2.0', '9.0.0', '9.1.0', '9.1.1', '9.1.2', '9.2.0', '10.0.0', '10.1.0'];
const LIBVIRT = ['6.0.0', '7.0.0', '8.0.0', '9.0.0', '10.0.0', '10.10.0', '11.0.0', '11.5.0'];

/** A required fact: versions in its range (its minimum first). A fact the rule does not require: unknown, then every release. */
function candidates(range: string | undefined, known: string[]): (string | undefined)[] {
  if (range === undefined) return [undefined, ...known];
  const min = minVersion(range)?.version;
  const inRange = known.filter((v) => satisfies(v, range, { includePrerelease: true }));
  return [...new Set([min, ...inRange].filter((v): v is string => v !== undefined && v !== '0.0.0'))];
}

/** Every combination, fewest known facts first (a rule that needs no fact should fire without any). */
function hostCombos(rule: Rule): HostInput[] {
  const req = rule.meta.requires ?? {};
  const out: HostInput[] = [];
  for (const qemu of candidates(req.qemu, QEMU)) for (const libvirt of candidates(req.libvirt, LIBVIRT)) out.push({ qemu, libvirt });
  const known = (h: HostInput) => Number(h.qemu !== undefined) + Number(h.libvirt !== undefined);
  return out.sort((a, b) => known(a) - known(b));
}

function reportsOf(rule: Rule, xml: string, host: HostInput) {
  return lint(xml, { rules, host: hostFacts(host) }).messages.filter((m) => m.ruleId === rule.meta.id);
}

/**
 * The rule's Example must trigger it and Use instead must not, for some host
 * facts. In Use instead, problems the bare skeleton domain has as well (same
 * message) do not count: they belong to the scaffolding, not to the example.
 */
function checkExamples(rule: Rule): { problems: string[] } {
  const { id, docs } = rule.meta;
  const problems: string[] = [];
  if (id === NOT_WELL_FORMED) {
    // The engine reports this one: its example is, by design, not well-formed.
    if (parse(docs.example)) problems.push('example is well-formed');
    if (!reportsOf(rule, docs.example, {}).length) problems.push('example does not trigger it');
    if (!parse(docs.useInstead)) problems.push('useInstead is not well-formed');
    return { problems };
  }
  const example = asDomain(docs.example);
  const useInstead = asDomain(docs.useInstead);
  if (!example) problems.push('example is not well-formed XML (as a domain or a fragment)');
  if (!useInstead) problems.push('useInstead is not well-formed XML (as a domain or a fragment)');
  if (!example || !useInstead) return { problems };
  const bare = asDomain('')!;
  let triggered: { host: HostInput; still: string[] } | undefined;
  for (const host of hostCombos(rule)) {
    const scaffolding = new Set(reportsOf(rule, bare, host).map((m) => m.message));
    if (!reportsOf(rule, example, host).length) continue;
    const still = reportsOf(rule, useInstead, host)
      .filter((m) => !scaffolding.has(m.message))
      .map((m) => `${m.line}:${m.column} ${m.message}`);
    if (!still.length) return { problems };
    triggered ??= { host, still };
  }
  if (!triggered) problems.push(`example does not trigger it (tried ${hostCombos(rule).length} combinations of host facts); placed as:\n${example}`);
  else problems.push(`useInstead still triggers it with host ${JSON.stringify(triggered.host)}: ${triggered.still.join('; ')}; placed as:\n${useInstead}`);
  return { problems };
}
