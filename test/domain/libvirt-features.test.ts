import { describe, expect, it } from 'vitest';
import { featureSites, libvirtFeatures, type LibvirtFeature } from '#domain/libvirt-features.js';
import { parseVersion } from '#engine/host-facts.js';
import { versionBelow } from '#engine/version.js';
import { parseXml } from '#engine/parse.js';
import { SourceText } from '#engine/source.js';
import type { XmlAttribute, XmlElement } from '#engine/tree.js';

const root = (xml: string): XmlElement => {
  const parsed = parseXml(new SourceText(xml));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.doc.root;
};
const describeSite = (s: XmlElement | XmlAttribute) => ('kind' in s ? `<${s.name}>` : `@${s.name}=${s.value}`);
const row = (r: Partial<LibvirtFeature>): LibvirtFeature => ({ what: 'x', since: '1.0.0', effect: 'refused', severity: 'error', source: 's', ...r });

const doc = root(`<domain type='kvm'>
  <os firmware='efi'><loader format='qcow2'>/fw.qcow2</loader><loader format='raw'/></os>
  <devices><audio id='1' type='pipewire'/><audio id='2' type='spice'/></devices>
</domain>`);

describe('featureSites', () => {
  it('an element path alone: every element there', () => {
    expect(featureSites(row({ path: 'devices/audio' }), doc).map(describeSite)).toEqual(['<audio>', '<audio>']);
  });
  it('an attribute: reported at the attribute, any value', () => {
    expect(featureSites(row({ path: 'devices/audio', attribute: 'type' }), doc).map(describeSite)).toEqual(['@type=pipewire', '@type=spice']);
  });
  it("a value: only matching attributes; at: 'element' reports the element", () => {
    expect(featureSites(row({ path: 'devices/audio', attribute: 'type', value: 'pipewire' }), doc).map(describeSite)).toEqual(['@type=pipewire']);
    expect(featureSites(row({ path: 'devices/audio', attribute: 'type', value: 'pipewire', at: 'element' }), doc).map(describeSite)).toEqual(['<audio>']);
  });
  it('a value test and a where condition', () => {
    const r = row({ path: 'os/loader', where: (l) => l.text() !== '', attribute: 'format', value: (v) => v !== 'raw' });
    expect(featureSites(r, doc).map(describeSite)).toEqual(['@format=qcow2']);
  });
  it("the path '' is <domain> itself", () => {
    expect(featureSites(row({ path: '', attribute: 'type' }), doc).map(describeSite)).toEqual(['@type=kvm']);
  });
  it('an irregular row uses its find function', () => {
    expect(featureSites(row({ find: (d) => d.select('os') }), doc).map(describeSite)).toEqual(['<os>']);
  });
});

describe('libvirtFeatures()', () => {
  it.each(libvirtFeatures().map((r) => [r.what, r] as const))('%s: a release, a source, and a place to look', (_, r) => {
    expect(parseVersion(r.since)).toBe(r.since);
    if (r.after) expect(versionBelow(r.after, r.since)).toBe(true);
    expect(r.source.length).toBeGreaterThan(10);
    expect(r.find !== undefined || r.path !== undefined).toBe(true);
    if (r.effect === 'dropped') expect(r.consequence).toBeTruthy();
  });
});
