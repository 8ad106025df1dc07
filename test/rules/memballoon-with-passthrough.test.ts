import rule from '#rules/memballoon-with-passthrough.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const GPU = `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
</hostdev>`;
const AUDIO = GPU.replace("function='0x0'", "function='0x1'");
const BALLOON = `<memballoon model='virtio'>
  <stats period='10'/>
  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0'/>
</memballoon>`;
const LG = `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`;
const USB = `<hostdev mode='subsystem' type='usb' managed='yes'>
  <source>
    <vendor id='0x046d'/>
    <product id='0xc52b'/>
  </source>
</hostdev>`;

/** The balloon as domain() indents it, replaced by the one-line model='none'. */
const balloonOff = (xml: string) => xml.replace(BALLOON.replace(/\n/g, '\n    '), "<memballoon model='none'/>");
const gpuVm = domain(`${GPU}\n${BALLOON}`);
const commented = domain(`${GPU}\n${BALLOON.replace("  <stats period='10'/>", "  <!-- stats for the host's Grafana dashboard -->\n  <stats period='10'/>")}`);
const lgVm = domain(LG);
const lgVmDoubleQuotes = domain(LG.replace(/'/g, '"'));

testRule(rule, {
  valid: [
    { name: "model='none' on a passthrough VM", xml: domain(`${GPU}\n<memballoon model='none'/>`) },
    { name: 'no passthrough and no Looking Glass', xml: domain(BALLOON) },
    { name: 'only a USB device passed through', xml: domain(`${USB}\n${BALLOON}`) },
    { name: 'outside the QEMU driver', xml: gpuVm.replace("<domain type='kvm'>", "<domain type='xen'>") },
  ],
  invalid: [
    {
      name: 'a virtio balloon on a PCI passthrough VM, at its model attribute: advice (info); replacing it is only a suggestion',
      xml: gpuVm,
      errors: [
        {
          messageId: 'enabledWithPassthrough',
          data: { model: 'virtio', devices: 'a PCI device' },
          line: 29,
          column: 17,
          endLine: 29,
          endColumn: 31,
          severity: 'info',
          message:
            "<memballoon model='virtio'> is enabled; this VM passes a PCI device through: VFIO pins all guest memory, so the balloon cannot give memory back to the host (QEMU ignores inflation while RAM discard is disabled). Unless you use its memory statistics, use <memballoon model='none'/>.",
          suggestions: [{ title: "Replace with <memballoon model='none'/>", output: balloonOff(gpuVm) }],
        },
      ],
      output: null,
      unsafeOutput: balloonOff(gpuVm),
    },
    {
      name: 'a balloon holding a comment: the suggestion replaces it with the rest of the element',
      xml: commented,
      errors: [
        {
          messageId: 'enabledWithPassthrough',
          line: 29,
          column: 17,
          suggestions: [
            {
              title: "Replace with <memballoon model='none'/>",
              output: commented.replace(/<memballoon model='virtio'>[\s\S]*<\/memballoon>/, "<memballoon model='none'/>"),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'counts the PCI devices passed through',
      xml: domain(`${GPU}\n${AUDIO}\n${BALLOON}`),
      errors: [
        {
          messageId: 'enabledWithPassthrough',
          data: { model: 'virtio', devices: '2 PCI devices' },
          line: 34,
          column: 17,
          severity: 'info',
          suggestions: [{ output: balloonOff(domain(`${GPU}\n${AUDIO}\n${BALLOON}`)) }],
        },
      ],
      output: null,
    },
    {
      name: 'with Looking Glass it is a warning, naming Looking Glass over passthrough when the VM has both',
      xml: domain(`${GPU}\n${LG}\n${BALLOON}`),
      errors: [
        {
          messageId: 'enabledWithLookingGlass',
          data: { model: 'virtio' },
          line: 33,
          column: 17,
          severity: 'warning',
          message:
            "<memballoon model='virtio'> is enabled; this VM uses Looking Glass, and Looking Glass's guide says the balloon \"causes major performance issues with VFIO passthrough setups, and should be disabled\". Use <memballoon model='none'/>.",
          suggestions: [{ title: "Replace with <memballoon model='none'/>", output: balloonOff(domain(`${GPU}\n${LG}\n${BALLOON}`)) }],
        },
      ],
      output: null,
      unsafeOutput: balloonOff(domain(`${GPU}\n${LG}\n${BALLOON}`)),
    },
    {
      name: 'no <memballoon> on a Looking Glass VM (libvirt adds a virtio one), a warning at <devices>; the suggestion adds one at the end',
      xml: lgVm,
      errors: [
        {
          messageId: 'implicitWithLookingGlass',
          line: 22,
          column: 3,
          endLine: 22,
          endColumn: 12,
          severity: 'warning',
          message:
            "No <memballoon>, so libvirt adds a virtio memory balloon; this VM uses Looking Glass, and Looking Glass's guide says the balloon \"causes major performance issues with VFIO passthrough setups, and should be disabled\". Add <memballoon model='none'/>.",
          suggestions: [{ title: "Add <memballoon model='none'/>", output: lgVm.replace('    </shmem>\n', "    </shmem>\n    <memballoon model='none'/>\n") }],
        },
      ],
      output: null,
      unsafeOutput: lgVm.replace('    </shmem>\n', "    </shmem>\n    <memballoon model='none'/>\n"),
    },
    {
      name: "the added <memballoon> takes the file's quote style",
      xml: lgVmDoubleQuotes,
      errors: [
        {
          messageId: 'implicitWithLookingGlass',
          line: 22,
          column: 3,
          suggestions: [{ output: lgVmDoubleQuotes.replace('    </shmem>\n', '    </shmem>\n    <memballoon model="none"/>\n') }],
        },
      ],
      output: null,
    },
    {
      name: 'no <memballoon> on a passthrough VM: advice',
      xml: domain(GPU),
      errors: [
        {
          messageId: 'implicitWithPassthrough',
          data: { devices: 'a PCI device' },
          line: 22,
          column: 3,
          severity: 'info',
          message:
            "No <memballoon>, so libvirt adds a virtio memory balloon; this VM passes a PCI device through: VFIO pins all guest memory, so the balloon cannot give memory back to the host (QEMU ignores inflation while RAM discard is disabled). Unless you use its memory statistics, add <memballoon model='none'/>.",
          suggestions: [{ output: domain(GPU).replace('    </hostdev>\n', "    </hostdev>\n    <memballoon model='none'/>\n") }],
        },
      ],
      output: null,
    },
  ],
});
