import rule from '#rules/pci-multifunction-off.js';
import { domain, testRule } from '../helpers/rule-tester.js';

// A GPU and its HDMI audio placed by hand in one guest slot.
const gpu = (multi: string) =>
  domain(`<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0'${multi}/>
</hostdev>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x1'/>
  </source>
  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x1'/>
</hostdev>`);

// libvirt's q35-multifunction test: slot 4 with 'off' on function 0 and a function 1.
const rootPorts = (slot: string, fn: string) =>
  domain(`<controller type='pci' index='6' model='pcie-root-port'>
  <address type='pci' slot='${slot}' function='0' multifunction='off'/>
</controller>
<controller type='pci' index='7' model='pcie-root-port'>
  <address type='pci' slot='${slot}' function='${fn}'/>
</controller>`);
const turnedOn = (xml: string) => xml.replace("multifunction='off'", "multifunction='on'");
const SET_ON = "Set multifunction='on' on function 0";

testRule(rule, {
  valid: [
    { name: 'quiet when the attribute is absent (libvirt sets it)', xml: gpu('') },
    { name: "quiet with multifunction='on'", xml: gpu(" multifunction='on'") },
    {
      name: 'quiet when the slot has one function',
      xml: domain(`<controller type='pci' index='4' model='pcie-root-port'>\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0' multifunction='off'/>\n</controller>`),
    },
    { name: 'quiet for a domain of another driver', xml: gpu(" multifunction='off'").replace("<domain type='kvm'>", "<domain type='xen'>") },
  ],
  invalid: [
    {
      name: "multifunction='off' on function 0 of a shared slot, at the attribute, quoting QEMU; the suggestion is left to the user",
      xml: gpu(" multifunction='off'"),
      errors: [
        {
          messageId: 'multifunctionOff',
          data: { slot: '0000:05:00', function: 1, address: '0000:05:00.1', qemuSlot: '0', qemuFunction: '1' },
          line: 28,
          column: 81,
          endLine: 28,
          endColumn: 100,
          severity: 'error',
          message:
            "Guest PCI slot 0000:05:00 holds function 0 with multifunction='off' and also function 1 (0000:05:00.1); QEMU refuses to start: \"PCI: single function device can't be populated in function 0.1\" (or \"PCI: 0.0 indicates single function, but 0.1 is already populated.\", depending on the order). Set multifunction='on' on function 0.",
          suggestions: [{ title: SET_ON, output: gpu(" multifunction='on'") }],
        },
      ],
      // The 'off' was written explicitly: only --unsafe-fixes turns it on.
      output: null,
      unsafeOutput: gpu(" multifunction='on'"),
    },
    {
      name: "libvirt's q35-multifunction slot 4 (addresses without domain and bus)",
      xml: rootPorts('4', '1'),
      errors: [
        {
          messageId: 'multifunctionOff',
          data: { slot: '0000:00:04', function: 1, address: '0000:00:04.1', qemuSlot: '4', qemuFunction: '1' },
          line: 25,
          column: 49,
          suggestions: [{ title: SET_ON, output: turnedOn(rootPorts('4', '1')) }],
        },
      ],
      output: null,
      unsafeOutput: turnedOn(rootPorts('4', '1')),
    },
    {
      name: 'QEMU names the slot in hex (slot 0x1a, function 3)',
      xml: rootPorts('0x1a', '3'),
      errors: [
        {
          messageId: 'multifunctionOff',
          data: { slot: '0000:00:1a', function: 3, address: '0000:00:1a.3', qemuSlot: '1a', qemuFunction: '3' },
          line: 25,
          column: 52,
          message:
            "Guest PCI slot 0000:00:1a holds function 0 with multifunction='off' and also function 3 (0000:00:1a.3); QEMU refuses to start: \"PCI: single function device can't be populated in function 1a.3\" (or \"PCI: 1a.0 indicates single function, but 1a.3 is already populated.\", depending on the order). Set multifunction='on' on function 0.",
          suggestions: [{ title: SET_ON, output: turnedOn(rootPorts('0x1a', '3')) }],
        },
      ],
      output: null,
      unsafeOutput: turnedOn(rootPorts('0x1a', '3')),
    },
  ],
});
