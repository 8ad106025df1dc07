import rule from '#rules/smm-tseg-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** <smm state='on'> with a <tseg> on line 15. */
const tseg = (size: string, state = 'on') => domain('', { features: `<acpi/>\n<apic/>\n<smm state='${state}'>\n  <tseg ${size}</tseg>\n</smm>` });
const i440fx = (xml: string) => xml.replace("machine='pc-q35-9.1'", "machine='pc-i440fx-9.1'");

testRule(rule, {
  valid: [
    { name: '48 MiB on q35', xml: tseg("unit='MiB'>48") },
    { name: 'a whole number of MiB given in KiB', xml: tseg("unit='KiB'>49152") },
    { name: 'MiB is the default unit', xml: tseg('>48') },
    { name: "<tseg> under <smm state='off'> on i440fx", xml: i440fx(tseg("unit='MiB'>48", 'off')) },
    { name: 'another driver (xen)', xml: i440fx(tseg("unit='MiB'>48")).replace("<domain type='kvm'", "<domain type='xen'") },
  ],
  invalid: [
    {
      name: 'a TSEG size that is not whole MiB, at <tseg>',
      xml: tseg("unit='KiB'>12345"),
      errors: [
        {
          messageId: 'notWholeMiB',
          line: 15,
          column: 7,
          endLine: 15,
          endColumn: 24,
          severity: 'error',
          message: 'The TSEG size is not a whole number of MiB: libvirt refuses it: "SMM TSEG size must be divisible by 1 MiB". Use a size such as <tseg unit=\'MiB\'>48</tseg>.',
        },
      ],
    },
    {
      name: 'TSEG on i440fx',
      xml: i440fx(tseg("unit='MiB'>48")),
      errors: [
        {
          messageId: 'notQ35',
          line: 15,
          column: 7,
          message: 'TSEG is a q35 chipset setting: libvirt refuses it: "SMM TSEG is only supported with q35 machine type". Remove <tseg> or use a q35 machine.',
        },
      ],
    },
  ],
});
