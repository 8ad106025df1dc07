/**
 * Nothing in a document makes linting superlinear (issue 14: a 16 MiB file
 * from a pull request must not hang CI). Each test is a regression test for a
 * quadratic or cubic path that existed, and counts the work (calls, reads
 * of an array or a property, characters copied) instead of timing it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lint } from '../../src/engine/linter.js';
import { makeDiagnostic } from '../../src/engine/diagnostic.js';
import { parseXml } from '../../src/engine/parse.js';
import { SourceText } from '../../src/engine/source.js';
import { applySuppressions } from '../../src/engine/suppressions.js';
import { fixGate } from '../../src/engine/fix-gates.js';
import { qemuSize } from '../../src/domain/qemu-args.js';
import { XmlElement, type XmlNode } from '../../src/engine/tree.js';
import { rules } from '../../rules/index.js';
import type { Rule } from '../../src/engine/rule.js';

const rule = (id: string): Rule => rules.find((r) => r.meta.id === id)!;
const domain = (devices: string, extra = '') =>
  `<domain type='kvm'><name>x</name><memory>1024</memory>${extra}<os><type arch='x86_64' machine='pc-q35-8.2'>hvm</type></os><devices>${devices}</devices></domain>`;
const hostdev = (fn: number, managed = 'yes') =>
  `<hostdev mode='subsystem' type='pci' managed='${managed}'><source><address domain='0x0000' bus='0x01' slot='0x00' function='0x${fn}'/></source></hostdev>`;

/** Replaces an element's children with a proxy counting how often an entry is read. */
function countReads(el: XmlElement): { reads: number } {
  const counter = { reads: 0 };
  const proxy = new Proxy(el.children, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  Object.defineProperty(el, 'children', { value: proxy as XmlNode[] });
  return counter;
}

function parse(xml: string) {
  const source = new SourceText(xml);
  const result = parseXml(source);
  if (!result.ok) throw new Error(result.error.message);
  return { source, doc: result.doc };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('fixes on a document written on one line', () => {
  it('do not copy the line for every fix (lineEnd and the line checks scanned and sliced it)', () => {
    const n = 2000;
    const xml = domain(Array.from({ length: n }, () => hostdev(0)).join(''));
    const slice = String.prototype.slice;
    let copied = 0;
    vi.spyOn(String.prototype, 'slice').mockImplementation(function (this: string, start?: number, end?: number) {
      const out = slice.call(this, start, end);
      copied += out.length;
      return out;
    });
    const messages = lint(xml, { rules: [rule('hostdev-duplicate')], host: {} }).messages;
    vi.restoreAllMocks();
    expect(messages).toHaveLength(n - 1);
    expect(messages[0].fix ?? messages[0].suggestions).toBeDefined();
    expect(copied).toBeLessThan(10 * xml.length);
  });
});

describe('rules', () => {
  it('qemu-911-spice-hda-audio: looks the audio wiring up once, not once per sound device and fix', () => {
    const qemu911 = rule('qemu-911-spice-hda-audio');
    const host = { qemu: { version: '9.1.1', raw: '9.1.1', source: 'test' } };
    const selects = (n: number) => {
      const spy = vi.spyOn(XmlElement.prototype, 'select');
      const devices = "<graphics type='spice'/>" + Array.from({ length: n }, (_, i) => `<sound model='ich9'><audio id='${i}'/></sound><audio id='${i}' type='spice'/>`).join('');
      expect(lint(domain(devices), { rules: [qemu911], host }).messages).toHaveLength(n);
      const calls = spy.mock.calls.length;
      spy.mockRestore();
      return calls;
    };
    expect(selects(100)).toBe(selects(10));
  });

  it('filesystem-target-duplicate: compares each share with a table, not with every earlier share', () => {
    const fsDuplicate = rule('filesystem-target-duplicate');
    const lookups = (n: number) => {
      const spy = vi.spyOn(XmlElement.prototype, 'child');
      const devices = Array.from({ length: n }, (_, i) => `<filesystem type='mount'><driver type='virtiofs'/><source dir='/s${i}'/><target dir='t${i}'/></filesystem>`).join('');
      lint(domain(devices), { rules: [fsDuplicate], host: {} });
      const calls = spy.mock.calls.length;
      spy.mockRestore();
      return calls;
    };
    expect(lookups(800)).toBeLessThanOrEqual(8 * lookups(100));
  });

  it('boot-order-duplicate: reads the children of a device with thousands of them a bounded number of times', () => {
    const n = 3000;
    const { source, doc } = parse(domain(`<disk type='file' device='disk'>${"<boot order='1'/>".repeat(n)}<target dev='vda' bus='virtio'/></disk>`));
    const disk = doc.root.first('devices/disk')!;
    const counter = countReads(disk);
    const reported: string[] = [];
    rule('boot-order-duplicate').create({ doc, domain: doc.root, host: {}, options: {}, fixer: undefined as never, report: (d) => reported.push(d.messageId) });
    expect(reported).toHaveLength(n - 1);
    expect(counter.reads).toBeLessThan(5 * n);
    expect(source.text.length).toBeGreaterThan(0);
  });
});

describe('suppressions', () => {
  const every = rules.map((r) => r.meta.id);

  it('find the element after each disable-next-line comment in one pass over its siblings', () => {
    const n = 2000;
    const devices = Array.from({ length: n }, (_, i) => `<!-- virt-lint-disable-next-line hostdev-unmanaged: lab -->${hostdev(i % 8, 'no')}`).join('');
    const { source, doc } = parse(domain(devices));
    const counter = countReads(doc.root.first('devices')!);
    applySuppressions(doc, source, [], { rules, ran: new Set(every) });
    expect(counter.reads).toBeLessThan(4 * 2 * n);
  });

  it('match diagnostics and suppressions in a sweep, not every diagnostic against every suppression', () => {
    const n = 2000;
    const { source, doc } = parse(domain('', '<!-- virt-lint-disable hostdev-unmanaged: lab -->'.repeat(n)));
    let reads = 0;
    const diagnostics = Array.from({ length: n }, (_, i) => {
      const d = makeDiagnostic(source, 'hostdev-unmanaged', 'warning', 'm', { start: source.text.length - 10 - (i % 7), end: source.text.length });
      const range = d.range;
      Object.defineProperty(d, 'range', {
        get: () => {
          reads++;
          return range;
        },
      });
      return d;
    });
    expect(applySuppressions(doc, source, diagnostics, { rules, ran: new Set(every) })).toEqual([]);
    // Sorting reads each range about log2(n) times; testing every pair would read it n times.
    expect(reads).toBeLessThan(4 * n * Math.log2(n));
  });

  it("suggest a rule for a bounded number of unknown ids ('did you mean' costs an edit distance per rule)", () => {
    const ids = Array.from({ length: 150 }, (_, i) => `hostdev-unmanage${i}`);
    const comments = ids.map((id) => `<!-- virt-lint-disable-file ${id}: x -->`).join('') + `<!-- virt-lint-disable-file ${'h'.repeat(65)}: x -->`;
    const result = lint(domain('', comments), { rules, host: {} });
    const unknown = result.messages.filter((m) => m.message.startsWith('unknown rule'));
    expect(unknown).toHaveLength(151);
    expect(unknown.filter((m) => m.message.endsWith("did you mean 'hostdev-unmanaged'?"))).toHaveLength(100);
  });
});

describe('fix gates', () => {
  it('look for switches and comments inside each edit, not through the whole file for every fix', () => {
    const n = 2000;
    const { doc } = parse(domain(Array.from({ length: n }, (_, i) => `<!-- lab ${i} -->${hostdev(i % 8)}`).join('')));
    let reads = 0;
    const counted = <T extends object>(items: T[]): T[] =>
      new Proxy(items, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
          return Reflect.get(target, key, receiver);
        },
      });
    Object.defineProperty(doc, 'comments', { value: counted(doc.comments) });
    for (const el of doc.root.descendants('hostdev')) {
      Object.defineProperty(el.attribute('managed')!, 'value', {
        get() {
          reads++;
          return 'yes';
        },
      });
    }
    const gate = fixGate(doc, {});
    const fixes = doc.root.descendants('hostdev').map((el) => ({ title: 'Remove', safety: 'safe' as const, edits: [{ range: el.range, text: '' }] }));
    const offered = gate(fixes);
    expect(offered).toHaveLength(n);
    expect(offered.every((f) => f.safety === 'safe')).toBe(true);
    // A binary search per fix reads about log2(n) entries; testing every switch and comment against every fix, n.
    expect(reads).toBeLessThan(4 * n * Math.log2(n));
  });
});

describe('regular expressions on document values', () => {
  it('read a QEMU size in time linear in its length (blanks around an optional suffix backtracked quadratically)', () => {
    // 200,000 blanks took minutes before; the test's timeout is what would catch a regression.
    expect(qemuSize(`1${' '.repeat(200_000)}x`)).toBeUndefined();
    expect(qemuSize(` 64M`)).toBe(64 * 1024 ** 2);
    expect(qemuSize(` 64 M `)).toBeUndefined(); // QEMU takes no blank before the suffix or after the value
    expect(qemuSize('1.5g')).toBe(1.5 * 1024 ** 3);
  });
});

describe('messages', () => {
  it('are bounded however long the value a rule quotes', () => {
    const dev = 'x'.repeat(100_000);
    const result = lint(domain(`<disk type='file' device='disk'><target dev='${dev}' bus='virtio'/></disk>`), { rules: [rule('disk-target-invalid')], host: {} });
    expect(result.messages).toHaveLength(1);
    const { message } = result.messages[0];
    expect(message.length).toBeLessThanOrEqual(2000);
    expect(message).toContain(`'${'x'.repeat(80)}…'`);
  });
});
