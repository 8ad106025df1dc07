import { describe, expect, it } from 'vitest';
import rule from '#rules/device-unsupported-by-qemu.js';
import { isKnownFlag } from '#domain/qemu-caps.js';
import { DEVICE_CAPABILITIES, deviceSites } from '#domain/qemu-device-caps.js';
import { parseXml } from '#engine/parse.js';
import { SourceText } from '#engine/source.js';
import { renderRuleDoc } from '../../src/docs/render.js';
import { domain, runRule, testRule } from '../helpers/rule-tester.js';

// domain() puts the first device on line 24, indented by four spaces.
const LUN = `<disk type='block' device='lun'>
  <source dev='/dev/sdb'/>
  <target dev='vdb' bus='virtio'/>
</disk>`;

testRule(rule, {
  valid: [
    { name: 'virtio sound from QEMU 8.2 on', xml: domain("<sound model='virtio'/>"), host: { qemu: '8.2.0' } },
    { name: 'ich9 sound on QEMU 7.2', xml: domain("<sound model='ich9'/>"), host: { qemu: '7.2.0' } },
    { name: 'a virtio-blk LUN up to QEMU 9.0', xml: domain(LUN), host: { qemu: '9.0.2' } },
    { name: 'a virtio-blk LUN is fine on the scsi bus', xml: domain(LUN.replace("bus='virtio'", "bus='scsi'").replace("dev='vdb'", "dev='sdb'")), host: { qemu: '10.0.0' } },
    // Unproven: libvirt 7.0, which probed QEMU up to 4.1, never recorded vhost-user-fs.
    { name: 'virtiofs on QEMU 4.1 (not provable from the data)', xml: domain("<filesystem type='mount'>\n  <driver type='virtiofs'/>\n  <source dir='/srv'/>\n  <target dir='srv'/>\n</filesystem>"), host: { qemu: '4.1.0' } },
    // Unproven: the data before 4.2 lacks tpm-tis for 1.x, whose TPM support was a configure option.
    { name: 'a TPM on QEMU 1.7 (the probed build lacked TPM)', xml: domain("<tpm model='tpm-tis'>\n  <backend type='passthrough'/>\n</tpm>"), host: { qemu: '1.7.0' } },
    // Unproven: the 2.12 build libvirt probed had no SPICE GL, other 2.x builds did.
    { name: 'SPICE GL on QEMU 2.12', xml: domain("<graphics type='spice'>\n  <gl enable='yes'/>\n</graphics>"), host: { qemu: '2.12.0' } },
    { name: 'the vt82c686b UHCI controller up to QEMU 5.2', xml: domain("<controller type='usb' index='0' model='vt82c686b-uhci'/>"), host: { qemu: '5.2.0' } },
    { name: 'virtio-iommu from QEMU 7.0', xml: domain("<iommu model='virtio'/>"), host: { qemu: '7.0.0' } },
    { name: "no balloon: model='none' is not checked", xml: domain("<memballoon model='none' freePageReporting='on'/>"), host: { qemu: '5.0.0' } },
    { name: 'another driver', xml: domain("<sound model='virtio'/>").replace("<domain type='kvm'", "<domain type='xen'"), host: { qemu: '7.2.0' } },
    { name: 'another architecture (the data is x86_64)', xml: domain("<sound model='virtio'/>").replace("arch='x86_64'", "arch='aarch64'"), host: { qemu: '7.2.0' } },
  ],
  invalid: [
    {
      name: 'a device QEMU added later',
      xml: domain("<sound model='virtio'/>"),
      host: { qemu: '8.1.2' },
      errors: [
        {
          messageId: 'notYet',
          data: {
            xml: "<sound model='virtio'>",
            needs: 'the virtio-sound device',
            qemu: '8.1.2',
            flag: 'virtio-sound',
            firstIn: '8.2',
            says: 'virtio-sound controller is not supported in this QEMU binary',
            refuses: 'refuses the domain',
          },
          line: 24,
          column: 12,
          endLine: 24,
          endColumn: 26,
          severity: 'error',
          message:
            "<sound model='virtio'> needs the virtio-sound device, which QEMU 8.1.2 does not have (libvirt records its capability 'virtio-sound' from QEMU 8.2 on): libvirt refuses the domain: \"virtio-sound controller is not supported in this QEMU binary\".",
        },
      ],
    },
    {
      name: 'older releases through a later one: QEMU 4.1 lacks what 8.1 lacks',
      xml: domain("<sound model='virtio'/>"),
      host: { qemu: '4.1.0' },
      errors: [{ messageId: 'notYet', data: { xml: "<sound model='virtio'>", needs: 'the virtio-sound device', qemu: '4.1.0', flag: 'virtio-sound', firstIn: '8.2', says: 'virtio-sound controller is not supported in this QEMU binary', refuses: 'refuses the domain' }, line: 24, column: 12 }],
    },
    {
      name: 'an option QEMU removed: SCSI passthrough in virtio-blk (QEMU 9.1)',
      xml: domain(LUN),
      host: { qemu: '9.1.0' },
      errors: [
        {
          messageId: 'removed',
          data: {
            xml: "<disk device='lun'><target bus='virtio'/>",
            needs: 'SCSI passthrough in virtio-blk',
            qemu: '9.1.0',
            flag: 'virtio-blk-pci.scsi',
            removedIn: '9.1',
            lastIn: '9.0',
            says: "This QEMU doesn't support SCSI emulation with 'virtio-blk' device",
            refuses: 'refuses the domain',
          },
          line: 24,
          column: 24,
          severity: 'error',
          message:
            "<disk device='lun'><target bus='virtio'/> needs SCSI passthrough in virtio-blk, which QEMU removed in 9.1 (libvirt records its capability 'virtio-blk-pci.scsi' up to QEMU 9.0), so QEMU 9.1.0 does not have it: libvirt refuses the domain: \"This QEMU doesn't support SCSI emulation with 'virtio-blk' device\".",
        },
      ],
    },
    {
      name: 'a controller libvirt checks only at start',
      xml: domain("<controller type='usb' index='0' model='vt82c686b-uhci'/>"),
      host: { qemu: '6.0.0' },
      errors: [
        {
          messageId: 'removed',
          data: {
            xml: "<controller type='usb' model='vt82c686b-uhci'>",
            needs: 'the vt82c686b-usb-uhci controller',
            qemu: '6.0.0',
            flag: 'vt82c686b-usb-uhci',
            removedIn: '6.0',
            lastIn: '5.2',
            says: "USB controller model 'vt82c686b-uhci' not supported in this QEMU binary",
            refuses: 'refuses to start the domain',
          },
          line: 24,
          column: 38,
        },
      ],
    },
    {
      name: 'a row that needs two flags (virtio-iommu and its boot-bypass property)',
      xml: domain("<iommu model='virtio'/>"),
      host: { qemu: '6.2.0' },
      errors: [{ messageId: 'notYet', data: { xml: "<iommu model='virtio'>", needs: 'the virtio-iommu device with its boot-bypass property', qemu: '6.2.0', flag: 'virtio-iommu.boot-bypass', firstIn: '7.0', says: "IOMMU device: 'virtio' is not supported with this QEMU binary", refuses: 'refuses the domain' }, line: 24, column: 12 }],
    },
    {
      name: 'device options: each reported at its attribute',
      xml: domain("<memballoon model='virtio' freePageReporting='on'/>\n<memory model='virtio-mem'>\n  <target>\n    <size unit='GiB'>4</size>\n    <block unit='MiB'>2</block>\n  </target>\n</memory>"),
      host: { qemu: '5.0.0' },
      errors: [
        { messageId: 'notYet', data: { xml: "<memballoon freePageReporting='...'>", needs: "virtio-balloon's free-page-reporting property", qemu: '5.0.0', flag: 'virtio-balloon.free-page-reporting', firstIn: '5.1', says: 'freePageReporting is not supported by this QEMU binary', refuses: 'refuses the domain' }, line: 24, column: 32 },
        { messageId: 'notYet', data: { xml: "<memory model='virtio-mem'>", needs: 'the virtio-mem device', qemu: '5.0.0', flag: 'virtio-mem-pci', firstIn: '5.1', says: "virtio-mem isn't supported by this QEMU binary", refuses: 'refuses the domain' }, line: 25, column: 13 },
      ],
    },
    {
      name: 'every matching device',
      xml: domain("<sound model='virtio'/>\n<sound model='virtio'/>"),
      host: { qemu: '8.1.0' },
      errors: [
        { messageId: 'notYet', line: 24, column: 12 },
        { messageId: 'notYet', line: 25, column: 12 },
      ],
    },
  ],
});

it('is skipped, and says so, when the QEMU version is unknown', () => {
  const result = runRule(rule, domain("<sound model='virtio'/>"));
  expect(result.messages).toEqual([]);
  expect(result.skippedRules).toEqual([{ ruleId: 'device-unsupported-by-qemu', missing: ['qemu'] }]);
});

describe('the mapping table', () => {
  it("names only flags that are in the data, and libvirt's sources", () => {
    for (const row of DEVICE_CAPABILITIES) {
      expect(row.flags.filter((f) => !isKnownFlag(f)), row.xml).toEqual([]);
      expect(row.source, row.xml).toMatch(/^src\/qemu\/qemu_(validate|command|capabilities)\.c/);
    }
  });

  it('finds the XML each row shows (the docs show what the rule matches)', () => {
    // Turn a row's XML into a device: close the elements it opens.
    const closing = (xml: string) => {
      const open = [...xml.matchAll(/<([a-z]+)[^>]*?(\/?)>/g)].filter((m) => m[2] !== '/').map((m) => m[1]);
      return xml.replace(/'\.\.\.'/g, "'1'") + open.reverse().map((n) => `</${n}>`).join('');
    };
    for (const row of DEVICE_CAPABILITIES) {
      const parsed = parseXml(new SourceText(domain(closing(row.xml))));
      if (!parsed.ok) throw new Error(`${row.xml}: ${parsed.error.message}`);
      expect(deviceSites(row, parsed.doc.root).length, row.xml).toBe(1);
    }
  });

  it("is rendered in the rule's documentation", () => {
    const page = renderRuleDoc(rule, () => ({}));
    expect(page).toContain('| XML | libvirt capability flag (releases in the data) | checked at | libvirt source |');
    expect(page).toContain("| `<sound model='virtio'>` | `virtio-sound` (8.2+) | define | src/qemu/qemu_validate.c:4884 qemuValidateDomainDeviceDefSound |");
    expect(page).toContain("`virtio-blk-pci.scsi` (1.5 to 9.0)");
    for (const row of DEVICE_CAPABILITIES) expect(page).toContain(row.source);
  });
});
