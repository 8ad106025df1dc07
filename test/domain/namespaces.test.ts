import { describe, expect, it } from 'vitest';
import { namespaceOf, QEMU_NS, qemuArgs, qemuCommandlines } from '#domain/namespaces.js';
import { at, domain, QEMU_XMLNS, root } from './xml.js';

describe('QEMU_NS', () => {
  it("is libvirt's QEMU namespace URI (QEMU_NAMESPACE_HREF), the one the Looking Glass docs declare", () => {
    expect(QEMU_NS).toBe('http://libvirt.org/schemas/domain/qemu/1.0');
    expect(QEMU_XMLNS).toContain(QEMU_NS);
  });
});

describe('namespaceOf', () => {
  const d = root(`<domain type='kvm' ${QEMU_XMLNS} xmlns:x='urn:outer'>
    <devices/>
    <x:commandline xmlns:x='urn:inner'><x:arg value='a'/></x:commandline>
    <metadata><app xmlns='urn:app'><item/></app></metadata>
  </domain>`);

  it('finds the URI a prefix is bound to on the element or an ancestor', () => {
    expect(namespaceOf(at(d, 'devices'), 'qemu')).toBe(QEMU_NS);
  });

  it('takes the nearest declaration when a prefix is bound again', () => {
    expect(namespaceOf(at(d, 'x:commandline/x:arg'), 'x')).toBe('urn:inner');
    expect(namespaceOf(d, 'x')).toBe('urn:outer');
  });

  it('finds the default namespace for no prefix', () => {
    expect(namespaceOf(at(d, 'metadata/app/item'), undefined)).toBe('urn:app');
  });

  it('is undefined for an unbound prefix and for no default namespace', () => {
    expect(namespaceOf(d, 'nonesuch')).toBeUndefined();
    expect(namespaceOf(at(d, 'devices'), undefined)).toBeUndefined();
  });
});

describe('qemuCommandlines', () => {
  it('finds the commandline children of <domain> under any prefix, in order', () => {
    const d = root(`<domain type='kvm' ${QEMU_XMLNS} xmlns:q='${QEMU_NS}'>
      <qemu:commandline><qemu:arg value='-a'/></qemu:commandline>
      <devices><qemu:commandline/></devices>
      <q:commandline><q:arg value='-b'/></q:commandline>
    </domain>`);
    expect(qemuCommandlines(d).map((c) => c.name)).toEqual(['qemu:commandline', 'q:commandline']);
  });

  it('leaves out a commandline whose prefix is bound to another URI, or not bound at all (libvirt drops it)', () => {
    expect(qemuCommandlines(domain("<qemu:commandline xmlns:qemu='urn:other'><qemu:arg value='-a'/></qemu:commandline>"))).toEqual([]);
    expect(qemuCommandlines(domain("<qemu:commandline><qemu:arg value='-a'/></qemu:commandline>"))).toEqual([]);
  });

  it('leaves out an unprefixed <commandline> outside any namespace (libvirt ignores it)', () => {
    expect(qemuCommandlines(domain("<commandline><arg value='-a'/></commandline>"))).toEqual([]);
  });

  // libvirt registers the prefix "qemu" for QEMU_NAMESPACE_HREF and reads
  // "./qemu:commandline/qemu:arg" by XPath, which matches by namespace URI,
  // not by the prefix written: a commandline in the default namespace is passed
  // to QEMU like a qemu:commandline.
  it("finds a <commandline> in the QEMU namespace declared as the default namespace", () => {
    const d = domain(`<devices/><commandline xmlns='${QEMU_NS}'><arg value='-a'/></commandline>`);
    expect(qemuCommandlines(d)).toHaveLength(1);
  });
});

describe('qemuArgs', () => {
  it('gives every <qemu:arg> value of every block, in order, skipping <qemu:env>', () => {
    const d = domain(
      `<qemu:commandline><qemu:arg value='-device'/><qemu:env name='A' value='1'/><qemu:arg value='ivshmem-plain'/></qemu:commandline>
       <devices/>
       <qemu:commandline><qemu:arg value='-s'/></qemu:commandline>`,
      `type='kvm' ${QEMU_XMLNS}`,
    );
    expect(qemuArgs(d).map((a) => a.value)).toEqual(['-device', 'ivshmem-plain', '-s']);
    expect(qemuArgs(d)[1].el).toBe(d.elements[0].elements[2]);
  });

  it("decodes entities in the value and reads a missing value as ''", () => {
    const d = domain(`<qemu:commandline><qemu:arg value='{&quot;driver&quot;:&quot;x&quot;}'/><qemu:arg/></qemu:commandline>`, `type='kvm' ${QEMU_XMLNS}`);
    expect(qemuArgs(d).map((a) => a.value)).toEqual(['{"driver":"x"}', '']);
  });

  // By the same XPath, an <arg> without the QEMU namespace inside
  // <qemu:commandline> is not a qemu:arg: libvirt does not pass it to QEMU.
  it('leaves out an <arg> that is not in the QEMU namespace', () => {
    const d = domain(`<qemu:commandline><arg value='-a'/></qemu:commandline>`, `type='kvm' ${QEMU_XMLNS}`);
    expect(qemuArgs(d)).toEqual([]);
  });

  it('takes the <arg> of a commandline in the default QEMU namespace (it inherits the namespace)', () => {
    const d = domain(`<devices/><commandline xmlns='${QEMU_NS}'><arg value='-a'/></commandline>`);
    expect(qemuArgs(d).map((a) => a.value)).toEqual(['-a']);
  });
});
