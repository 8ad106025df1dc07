import rule from '#rules/panic-address-unsupported.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const hyperv = domain(`<panic model='hyperv'>
  <address type='isa' iobase='0x505'/>
</panic>`);
const withoutAddress = (xml: string) => xml.replace("\n      <address type='isa' iobase='0x505'/>", '');

// A ppc64 guest: a <panic> without a model is the pseries notifier.
const pseries = `<domain type='kvm'>
  <name>power</name>
  <memory unit='GiB'>4</memory>
  <os>
    <type arch='ppc64le' machine='pseries'>hvm</type>
  </os>
  <devices>
    <panic>
      <address type='isa' iobase='0x505'/>
    </panic>
  </devices>
</domain>
`;

testRule(rule, {
  valid: [
    { name: 'an ISA pvpanic with an address', xml: hyperv.replace("model='hyperv'", "model='isa'") },
    { name: 'a hyperv panic notifier without an address', xml: withoutAddress(hyperv) },
  ],
  invalid: [
    {
      name: 'an address on a hyperv panic notifier, at <address>; --fix removes it',
      xml: hyperv,
      errors: [
        {
          messageId: 'addressUnsupported',
          data: { model: 'hyperv' },
          line: 25,
          column: 7,
          endLine: 25,
          endColumn: 43,
          severity: 'error',
          message:
            'A panic device of model \'hyperv\' has no address to set: libvirt refuses it: "setting the panic device address is not supported for model \'hyperv\'". Remove the <address>.',
        },
      ],
      output: withoutAddress(hyperv),
    },
    {
      name: "a <panic> without a model on pSeries is the 'pseries' model",
      xml: pseries,
      errors: [{ messageId: 'addressUnsupported', data: { model: 'pseries' }, line: 9, column: 7 }],
      output: withoutAddress(pseries),
    },
  ],
});
