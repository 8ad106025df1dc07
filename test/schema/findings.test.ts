/**
 * The schema engine on libvirt's real grammar (the newest built in): what
 * each mistake is reported as, where, and that one mistake is reported once.
 */
import { describe, expect, it } from 'vitest';
import { parseXml } from '#engine/parse.js';
import { SourceText } from '#engine/source.js';
import { validateDocument, SCHEMA_VERSIONS, NEWEST_SCHEMA } from '#schema/index.js';
import { grammarFor } from '#schema/releases.js';
import { tooNewFor } from '#schema/versions.js';
import type { SchemaFinding } from '#schema/validate.js';
import { Grammar } from '#schema/grammar.js';
import { decodeModel } from '#schema/model-binary.js';
import { NEWEST_MODEL } from '#schema/generated/newest.js';

/** A small valid domain; `devices` and `features` are spliced in. */
export function vm({ devices = '', features = '<acpi/>', extra = '' } = {}): string {
  return `<domain type='kvm'>
  <name>vm</name>
  <memory unit='GiB'>4</memory>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
  <features>${features}</features>${extra}
  <devices>${devices}
  </devices>
</domain>
`;
}

function findings(xml: string, version?: string, grammar?: Grammar) {
  const source = new SourceText(xml);
  const parsed = parseXml(source);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const r = validateDocument(parsed.doc, grammar ?? (version === undefined ? undefined : grammarFor(version)));
  return {
    valid: r.valid,
    list: r.findings.map((f: SchemaFinding) => {
      const { line, column } = source.position(f.range.start);
      return { kind: f.kind, line, column, text: xml.slice(f.range.start, f.range.end), f };
    }),
  };
}

const DISK = `
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' cache='none'/>
      <source file='/var/lib/libvirt/images/vm.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>`;

describe('schema findings', () => {
  it('a valid domain has none', () => {
    const r = findings(vm({ devices: DISK }));
    expect(r.valid).toBe(true);
    expect(r.list).toEqual([]);
  });

  it('unknown element: at its name, with the closest name allowed there', () => {
    const r = findings(vm({ devices: `\n    <interfce type='network'>\n      <source network='default'/>\n    </interfce>` }));
    expect(r.list.map(({ kind, line, column, text }) => ({ kind, line, column, text }))).toEqual([{ kind: 'unknown-element', line: 9, column: 6, text: 'interfce' }]);
    expect(r.list[0].f).toMatchObject({ suggestion: 'interface' });
  });

  it('unknown attribute and invalid value: at the name and at the value, each with a did-you-mean', () => {
    const r = findings(vm({ devices: DISK.replace("cache='none'", "cache='nonee'").replace("bus='virtio'", "buss='virtio'") }));
    expect(r.list.map(({ kind, line, column, text }) => ({ kind, line, column, text }))).toEqual([
      { kind: 'invalid-value', line: 10, column: 47, text: 'nonee' },
      { kind: 'unknown-attribute', line: 12, column: 25, text: 'buss' },
    ]);
    expect(r.list[0].f).toMatchObject({ suggestion: 'none' });
    expect((r.list[0].f as Extract<SchemaFinding, { kind: 'invalid-value' }>).values).toContain('writeback');
    expect(r.list[1].f).toMatchObject({ suggestion: 'bus' });
  });

  it('a misspelt required attribute is one finding, not also a missing one', () => {
    const r = findings(vm({ features: `<hyperv mode='custom'><vapic stat='on'/></hyperv>` }));
    expect(r.list.map((x) => [x.kind, x.text])).toEqual([['unknown-attribute', 'stat']]);
    expect(r.list[0].f).toMatchObject({ suggestion: 'state' });
  });

  it('a missing required attribute is named, at the element name', () => {
    const r = findings(vm({ features: `<hyperv mode='custom'><vapic/></hyperv>` }));
    expect(r.list.map(({ kind, line, column, text }) => ({ kind, line, column, text }))).toEqual([{ kind: 'missing-required', line: 7, column: 36, text: 'vapic' }]);
    expect(r.list[0].f).toMatchObject({ what: 'attribute', names: ['state'], oneOf: false });
  });

  it('a missing required child names only that child', () => {
    const r = findings(vm({ devices: DISK.replace(/\n\s*<target[^>]*>/, '') }));
    expect(r.list.map((x) => [x.kind, x.text])).toEqual([['missing-required', 'disk']]);
    expect(r.list[0].f).toMatchObject({ what: 'element', names: ['target'] });
  });

  it('an element under the wrong parent says where it belongs; a second copy is a duplicate', () => {
    const moved = findings(vm({ extra: `\n  <interface type='network'><source network='default'/></interface>` }));
    expect(moved.list.map((x) => [x.kind, x.text])).toEqual([['misplaced-element', 'interface']]);
    // Where it belongs, nearest the root first.
    expect(moved.list[0].f).toMatchObject({ reason: 'parent', parents: ['devices', 'source'] });
    const twice = findings(vm().replace('<memory', "<name>again</name>\n  <memory"));
    expect(twice.list.map((x) => [x.kind, x.line, x.text])).toEqual([['misplaced-element', 3, 'name']]);
    expect(twice.list[0].f).toMatchObject({ reason: 'duplicate' });
  });

  it('a bad value in text is reported at the text, whitespace around it is named', () => {
    const r = findings(vm().replace('>4<', '>four<'));
    expect(r.list.map(({ kind, line, column, text }) => ({ kind, line, column, text }))).toEqual([{ kind: 'invalid-value', line: 3, column: 22, text: 'four' }]);
    // Enumerations are tokens (whitespace does not count); paths are strings (it does).
    expect(findings(vm({ devices: DISK.replace("bus='virtio'", "bus=' virtio '") })).list).toEqual([]);
    const spaced = findings(vm({ devices: DISK.replace("file='/var", "file=' /var") }));
    expect(spaced.list.map((x) => [x.kind, x.text])).toEqual([['invalid-value', ' /var/lib/libvirt/images/vm.qcow2']]);
    expect(spaced.list[0].f).toMatchObject({ whitespace: true });
  });

  it('inside an unknown or misplaced element, nothing more is reported', () => {
    const r = findings(vm({ devices: `\n    <dsik type='file'><sorce fle='x'/><target/></dsik>` }));
    expect(r.list.map((x) => [x.kind, x.text])).toEqual([['unknown-element', 'dsik']]);
  });

  it('qemu: elements are checked as the grammar says; other namespaces only outside <metadata>', () => {
    const ns = "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>";
    const ok = findings(vm({ extra: "\n  <qemu:commandline><qemu:arg value='-s'/></qemu:commandline>\n  <metadata><x:y xmlns:x='urn:x' a='1'>t</x:y></metadata>" }).replace("<domain type='kvm'>", ns));
    expect(ok.list).toEqual([]);
    const bad = findings(vm({ extra: "\n  <qemu:commandline><qemu:arg vaule='-s'/></qemu:commandline>\n  <x:y xmlns:x='urn:x'/>" }).replace("<domain type='kvm'>", ns));
    expect(bad.list.map((x) => [x.kind, x.text])).toEqual([
      ['unknown-attribute', 'vaule'],
      ['unknown-element', 'x:y'],
    ]);
  });

  it('the names an unknown-attribute finding lists do not depend on what the process validated before', () => {
    // Patterns get ids in creation order: a list ordered by them would change
    // with the documents validated earlier in the same process (the language
    // server, lintFiles). The list follows the grammar. Each grammar here is fresh.
    const mistake = vm({ devices: `\n    <filesystem type='volume'>\n      <source pool='p' volume='v' socket='/s'/>\n      <target dir='/srv'/>\n    </filesystem>` });
    const others = [
      // A mistake here makes the derivative walk build the template's <source name> first.
      vm({ devices: `\n    <filesystem type='template'>\n      <source name='t'/>\n      <target dir='/x' bogus='1'/>\n    </filesystem>` }),
      vm({ devices: `\n    <disk type='file' device='disk'>\n      <source file='/var/lib/libvirt/images/vm.qcow2'/>\n      <target dev='vda' bus='virtio' bogus='1'/>\n    </disk>` }),
    ];
    const allowed = (before: string[]) => {
      const gr = new Grammar(decodeModel(NEWEST_MODEL));
      for (const xml of [...before, mistake]) {
        const r = findings(xml, undefined, gr);
        if (xml === mistake) return r.list.map((x) => x.f).filter((f) => f.kind === 'unknown-attribute').map((f) => (f as Extract<SchemaFinding, { kind: 'unknown-attribute' }>).allowed);
      }
    };
    const alone = allowed([]);
    expect(alone).toHaveLength(2); // 'pool' and 'volume'
    // Each form of <filesystem> has its own <source>; their first attributes tie, then alphabetically.
    expect(alone![0]).toEqual(['dev', 'dir', 'file', 'name', 'usage', 'units']);
    expect(allowed([others[0]])).toEqual(alone);
    expect(allowed(others)).toEqual(alone);
    expect(allowed([others[1], others[0]])).toEqual(alone);
  });
});

describe('grammars of older libvirt releases', () => {
  const newer = vm({ extra: `\n  <throttlegroups><throttlegroup><total_bytes_sec>10</total_bytes_sec><group_name>g</group_name></throttlegroup></throttlegroups>` });
  const doc = (xml: string) => {
    const p = parseXml(new SourceText(xml));
    if (!p.ok) throw new Error(p.error.message);
    return p.doc;
  };

  it('ships 7.0.0 to 12.9.0, newest last', () => {
    expect(SCHEMA_VERSIONS).toEqual(['7.0.0', '9.0.0', '11.3.0', '12.9.0']);
    expect(NEWEST_SCHEMA).toBe('12.9.0');
  });

  it('reports an element a host release lacks, with the releases it appeared between', () => {
    const found = tooNewFor(doc(newer), '9.0.0');
    // The element only: what is inside it is new with it.
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'element', after: '9.0.0', present: '11.3.0' });
    expect(found[0].element.name).toBe('throttlegroups');
    expect(tooNewFor(doc(newer), '7.0.0')[0]).toMatchObject({ after: '9.0.0', present: '11.3.0' });
  });

  it('is silent for a host that has it, and for a host between the two releases', () => {
    expect(tooNewFor(doc(newer), '11.3.0')).toEqual([]);
    expect(tooNewFor(doc(newer), '12.0.0')).toEqual([]);
    expect(tooNewFor(doc(newer), '10.0.0')).toEqual([]);
    expect(tooNewFor(doc(vm()), '7.0.0')).toEqual([]);
  });
});
