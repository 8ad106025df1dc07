import rule from '#rules/hostdev-scsi-option-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const vhost = (attrs: string, inner = '') =>
  domain(`<hostdev mode='subsystem' type='scsi_host'${attrs}>
  <source protocol='vhost' wwpn='naa.5123456789abcde0'/>${inner}
</hostdev>`);
const BOOT = "\n  <boot order='1'/>";
const gpu = (attrs: string) =>
  domain(`<hostdev mode='subsystem' type='pci' managed='yes'${attrs}>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
</hostdev>`);

testRule(rule, {
  valid: [
    {
      name: 'rawio and sgio on a SCSI hostdev',
      xml: domain(`<hostdev mode='subsystem' type='scsi' managed='no' rawio='yes' sgio='unfiltered'>
  <source>
    <adapter name='scsi_host0'/>
    <address bus='0' target='0' unit='0'/>
  </source>
</hostdev>`),
    },
    { name: 'a vhost-scsi hostdev without options', xml: vhost('') },
    { name: 'the boot check is for the QEMU driver only', xml: vhost('', BOOT).replace("<domain type='kvm'>", "<domain type='xen'>") },
  ],
  invalid: [
    {
      name: 'rawio on a vhost-scsi hostdev, at the attribute; removing it is only a suggestion',
      xml: vhost(" rawio='yes'"),
      errors: [
        {
          messageId: 'notScsiHostdev',
          data: { attribute: 'rawio', type: 'scsi_host' },
          line: 24,
          column: 48,
          endLine: 24,
          endColumn: 59,
          severity: 'error',
          message:
            'rawio only applies to SCSI host devices, and this hostdev is type \'scsi_host\': libvirt refuses it: "rawio is only supported for scsi host device". Remove rawio.',
          suggestions: [{ title: 'Remove rawio', output: vhost('') }],
        },
      ],
      output: null,
      unsafeOutput: vhost(''),
    },
    {
      name: 'rawio and sgio on a PCI hostdev: one diagnostic each',
      xml: gpu(" rawio='yes' sgio='unfiltered'"),
      errors: [
        { messageId: 'notScsiHostdev', data: { attribute: 'rawio', type: 'pci' }, line: 24, column: 56, suggestions: [{ title: 'Remove rawio', output: gpu(" sgio='unfiltered'") }] },
        {
          messageId: 'notScsiHostdev',
          data: { attribute: 'sgio', type: 'pci' },
          line: 24,
          column: 68,
          message: 'sgio only applies to SCSI host devices, and this hostdev is type \'pci\': libvirt refuses it: "sgio is only supported for scsi host device". Remove sgio.',
          suggestions: [{ title: 'Remove sgio', output: gpu(" rawio='yes'") }],
        },
      ],
      output: null,
      unsafeOutput: gpu(''),
    },
    {
      name: 'a boot order on vhost-scsi, at <boot>',
      xml: vhost('', BOOT),
      errors: [
        {
          messageId: 'vhostScsiBoot',
          line: 26,
          column: 7,
          message: 'A vhost-scsi target cannot be booted from: libvirt refuses it: "booting from assigned devices is not supported by vhost SCSI devices". Remove the <boot> element.',
          suggestions: [{ title: 'Remove <boot>', output: vhost('') }],
        },
      ],
      output: null,
      unsafeOutput: vhost(''),
    },
  ],
});
