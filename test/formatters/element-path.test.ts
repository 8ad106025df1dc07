/**
 * The normalized element path that SARIF fingerprints hash: what names an
 * element, and what leaves the name unchanged.
 */
import { describe, expect, it } from 'vitest';
import { parseXml } from '#engine/parse.js';
import { SourceText } from '#engine/source.js';
import { elementPath } from '../../src/formatters/element-path.js';

const XML = `<domain type='kvm'>
  <devices>
    <disk type='file' device='disk'><source file='/v/a.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='cdrom'><target dev='sda' bus='sata'/></disk>
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/></source>
    </hostdev>
    <interface type='network'><mac address='52:54:00:aa:bb:cc'/><source network='default'/></interface>
    <controller type='pci' index='1' model='pcie-root-port'/>
    <video><model type='vga'/></video>
    <input type='tablet' bus='usb'/>
    <input type='tablet' bus='usb'/>
    <memballoon model='none'/>
    <memballoon model='none'/>
    <!-- virt-lint-disable-next-line x -->
  </devices>
  <qemu:commandline xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
    <qemu:arg value='-device'/>
    <qemu:arg value='ivshmem-plain,memdev=x'/>
    <qemu:arg value='-device'/>
  </qemu:commandline>
</domain>
`;

function doc(xml = XML) {
  const parsed = parseXml(new SourceText(xml));
  if (!parsed.ok) throw new Error('fixture is not well-formed');
  return parsed.doc;
}

/** The path of the start tag of the n-th element named `name`, or of its attribute `attr`. */
function pathOf(xml: string, name: string, n = 0, attr?: string): string {
  const d = doc(xml);
  const el = d.root.descendants(name)[n];
  const range = attr ? el.attribute(attr)!.valueRange : el.startTag;
  return elementPath(d, range);
}

describe('elementPath', () => {
  it('names devices by what libvirt tells them apart by', () => {
    expect(pathOf(XML, 'disk', 0)).toBe("domain/devices/disk[target/@dev='vda']");
    expect(pathOf(XML, 'disk', 1)).toBe("domain/devices/disk[target/@dev='sda']");
    expect(pathOf(XML, 'hostdev', 0, 'managed')).toBe("domain/devices/hostdev[source/address='0000:0b:00.0']/@managed");
    expect(pathOf(XML, 'interface')).toBe("domain/devices/interface[mac/@address='52:54:00:aa:bb:cc']");
    expect(pathOf(XML, 'controller')).toBe("domain/devices/controller[@type='pci'][@index='1']");
    expect(pathOf(XML, 'video')).toBe("domain/devices/video[model/@type='vga']");
    expect(pathOf(XML, 'qemu:arg', 2)).toBe("domain/qemu:commandline/qemu:arg[@value='-device'][2]");
  });

  it('numbers only the second and later of siblings with the same name and identity', () => {
    expect(pathOf(XML, 'input', 0)).toBe("domain/devices/input[@type='tablet'][@bus='usb']");
    expect(pathOf(XML, 'input', 1)).toBe("domain/devices/input[@type='tablet'][@bus='usb'][2]");
    expect(pathOf(XML, 'memballoon', 0)).toBe('domain/devices/memballoon');
    expect(pathOf(XML, 'memballoon', 1)).toBe('domain/devices/memballoon[2]');
  });

  it('does not change with other elements, lines, whitespace, quoting or the spelling of a PCI address', () => {
    const edited = XML.replace('<devices>\n', "<devices>\n\n    <disk type='file'><target dev='vdb'/></disk>\n    <video><model type='virtio'/></video>\n")
      .replace("bus='0x0b'", 'bus="0xb"')
      .replace("<hostdev mode='subsystem'", "<hostdev\n        mode='subsystem'");
    for (const [name, n] of [['disk', 0], ['hostdev', 0], ['interface', 0], ['controller', 0], ['memballoon', 1], ['qemu:arg', 2]] as const) {
      const shift = name === 'disk' ? 1 : 0; // the inserted disk comes first
      expect(pathOf(edited, name, n + shift)).toBe(pathOf(XML, name, n));
    }
    expect(pathOf(edited, 'video', 1)).toBe(pathOf(XML, 'video', 0));
  });

  it('names a comment in an element, and is empty without a document', () => {
    const d = doc();
    const comment = d.comments[0];
    expect(elementPath(d, comment.range)).toBe('domain/devices/comment()');
    expect(elementPath(undefined, { start: 0, end: 1 })).toBe('');
  });

  it('cuts long values', () => {
    const long = 'x'.repeat(200);
    expect(pathOf(`<domain><devices><shmem name='${long}'/></devices></domain>`, 'shmem')).toBe(`domain/devices/shmem[@name='${'x'.repeat(64)}…']`);
  });
});
