import rule from '#rules/qemu-commandline-present.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const NS = ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`;
/** A <qemu:commandline> block on line 26 holding `inner`. */
const commandline = (inner: string) => domain('', { rootAttrs: NS, extra: `<qemu:commandline>\n${inner}</qemu:commandline>` });
const ARG = "  <qemu:arg value='-object'/>\n";
const ENV = "  <qemu:env name='PIPEWIRE_RUNTIME_DIR' value='/run/user/1000'/>\n";

testRule(rule, {
  valid: [
    { name: 'no qemu:commandline', xml: domain('') },
    { name: 'an empty block', xml: domain('', { rootAttrs: NS, extra: '<qemu:commandline/>' }) },
    // libvirt finds the block by namespace URI and drops it without one (qemu-namespace-missing reports it).
    { name: 'a block whose qemu prefix is not declared', xml: domain('', { extra: `<qemu:commandline>\n${ARG}</qemu:commandline>` }) },
    { name: 'an <arg> in no namespace inside the block (libvirt skips it)', xml: domain('', { rootAttrs: NS, extra: "<qemu:commandline>\n  <arg value='-s'/>\n</qemu:commandline>" }) },
  ],
  invalid: [
    {
      name: 'a block with arguments and an environment variable, at its start tag',
      xml: commandline(`${ARG}  <qemu:arg value='input-linux,id=kbd1,evdev=/dev/input/by-id/usb-Kbd-event-kbd,grab_all=on,repeat=on'/>\n${ENV}`),
      errors: [
        {
          messageId: 'rawArguments',
          data: { element: 'qemu:commandline', counts: '2 arguments and 1 environment variable' },
          line: 26,
          column: 3,
          endLine: 26,
          endColumn: 21,
          severity: 'info',
          message:
            '<qemu:commandline> passes 2 arguments and 1 environment variable to QEMU: libvirt taints the domain (custom-argv) and does not validate them or grant SELinux/AppArmor/cgroup access to files they use. Prefer native libvirt XML where it exists.',
        },
      ],
    },
    {
      name: 'one argument',
      xml: commandline(ARG),
      errors: [{ messageId: 'rawArguments', data: { element: 'qemu:commandline', counts: '1 argument' }, line: 26, column: 3 }],
    },
    {
      name: 'environment variables only',
      xml: commandline(ENV + ENV.replace('PIPEWIRE_RUNTIME_DIR', 'PULSE_SERVER')),
      errors: [{ messageId: 'rawArguments', data: { element: 'qemu:commandline', counts: '2 environment variables' }, line: 26, column: 3 }],
    },
    {
      name: 'another namespace prefix is named as written',
      xml: domain('', {
        rootAttrs: ` xmlns:q='http://libvirt.org/schemas/domain/qemu/1.0'`,
        extra: "<q:commandline>\n  <q:arg value='-no-hpet'/>\n</q:commandline>",
      }),
      errors: [{ messageId: 'rawArguments', data: { element: 'q:commandline', counts: '1 argument' }, line: 26, column: 3, endColumn: 18 }],
    },
    {
      name: 'a block in the QEMU namespace declared as the default namespace (libvirt matches by URI)',
      xml: domain('', { extra: "<commandline xmlns='http://libvirt.org/schemas/domain/qemu/1.0'>\n  <arg value='-no-hpet'/>\n</commandline>" }),
      errors: [{ messageId: 'rawArguments', data: { element: 'commandline', counts: '1 argument' }, line: 26, column: 3 }],
    },
  ],
});
