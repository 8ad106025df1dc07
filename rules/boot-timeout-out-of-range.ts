import { defineRule } from '#engine/rule.js';

export default defineRule({
  meta: {
    id: 'boot-timeout-out-of-range',
    description: '<os><bootmenu timeout> above 65535 ms, or <bios rebootTimeout> outside -1..65535',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      menuTimeoutTooLong:
        'A boot menu timeout of {{value}} ms is too long: libvirt refuses it: "invalid value for boot menu timeout, must be in range [0,65535]". Use at most 65535 (the value is in milliseconds).',
      rebootTimeoutOutOfRange: 'A rebootTimeout of {{value}} ms is out of range: libvirt refuses it: "invalid value for rebootTimeout, must be in range [-1,65535]". Use -1 (no reboot) to 65535.',
    },
    docs: {
      whatItDoes: "Reports `<os><bootmenu timeout='N'>` with N above 65535 and `<os><bios rebootTimeout='N'>` outside -1 to 65535 (both in milliseconds).",
      whyIsThisBad:
        'The firmware stores these in 16 bits. `virsh define` fails with "invalid value for boot menu timeout, must be in range [0,65535]" or "invalid value for rebootTimeout, must be in range [-1,65535]". A common slip is giving seconds-looking values with extra zeros.',
      example: `<os>
  <type arch='x86_64' machine='pc-q35-9.1'>hvm</type>
  <bootmenu enable='yes' timeout='100000'/>
</os>`,
      useInstead: `<os>
  <type arch='x86_64' machine='pc-q35-9.1'>hvm</type>
  <bootmenu enable='yes' timeout='10000'/>
</os>`,
      fixSafety:
        "A suggestion (not applied by `--fix`): it sets the timeout to 65535 ms, the largest value libvirt accepts. That is a value you did not write, and often not the one you meant: 100000 may well have been meant as 10000. Apply it with `--fix --unsafe-fixes` or pick the value yourself.",
      sources: ['libvirt 11.3 src/conf/domain_validate.c virDomainDefBootValidate: "invalid value for boot menu timeout, must be in range [0,65535]", "invalid value for rebootTimeout, must be in range [-1,65535]"', 'libvirt test qemuxmlconfdata/boot-menu-enable-with-timeout-invalid.xml'],
    },
  },
  create(context) {
    const timeout = context.domain.first('os/bootmenu')?.attribute('timeout');
    if (timeout && /^\d+$/.test(timeout.value.trim()) && Number(timeout.value) > 65535) {
      context.report({
        at: timeout,
        messageId: 'menuTimeoutTooLong',
        data: { value: timeout.value },
        fixes: [{ title: "Set timeout='65535'", safety: 'unsafe', edits: [context.fixer.replaceAttributeValue(timeout, '65535')] }],
      });
    }
    const reboot = context.domain.first('os/bios')?.attribute('rebootTimeout');
    if (reboot && /^-?\d+$/.test(reboot.value.trim()) && (Number(reboot.value) < -1 || Number(reboot.value) > 65535)) {
      context.report({
        at: reboot,
        messageId: 'rebootTimeoutOutOfRange',
        data: { value: reboot.value },
      });
    }
  },
});
