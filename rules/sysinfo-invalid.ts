import { defineRule } from '#engine/rule.js';

const normUuid = (u: string) => u.replace(/-/g, '').toLowerCase();

export default defineRule({
  meta: {
    id: 'sysinfo-invalid',
    description: "SMBIOS <sysinfo>: a system uuid that differs from the domain <uuid>, or a BIOS date not in mm/dd/yy(yy) form",
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      uuidMismatch:
        'The SMBIOS system UUID {{value}} differs from the domain\'s <uuid> {{uuid}}: libvirt refuses it: "UUID mismatch between <uuid> and <sysinfo>". Use the same UUID in both places.',
      badBiosDate: "BIOS date '{{date}}' is not mm/dd/yy or mm/dd/yyyy: libvirt refuses it: \"Invalid BIOS 'date' format\". Write it as e.g. 11/06/2023.",
    },
    docs: {
      whatItDoes:
        "Checks `<sysinfo type='smbios'>`: `<system><entry name='uuid'>` must equal the domain's `<uuid>`, and `<bios><entry name='date'>` must be `mm/dd/yy` or `mm/dd/yyyy` with a real month and day.",
      whyIsThisBad:
        'Passthrough guides copy the host\'s SMBIOS data into the guest (to hide the VM from anti-cheat or licensing checks) and paste the host\'s UUID or a date in another format. `virsh define` fails with "UUID mismatch between <uuid> and <sysinfo>" or "Invalid BIOS \'date\' format".',
      example: `<uuid>0b9d8f38-5c56-4c2a-9d0b-6f6a1f3e2c11</uuid>
<sysinfo type='smbios'>
  <bios>
    <entry name='date'>2023-11-06</entry>
  </bios>
  <system>
    <entry name='uuid'>a94b4335-6a14-8bc4-d6da-f7ea590b6816</entry>
  </system>
</sysinfo>`,
      useInstead: `<uuid>0b9d8f38-5c56-4c2a-9d0b-6f6a1f3e2c11</uuid>
<sysinfo type='smbios'>
  <bios>
    <entry name='date'>11/06/2023</entry>
  </bios>
  <system>
    <entry name='uuid'>0b9d8f38-5c56-4c2a-9d0b-6f6a1f3e2c11</entry>
  </system>
</sysinfo>`,
      fixSafety:
        "A suggestion for the UUID (not applied by `--fix`): it writes the domain's `<uuid>` into the sysinfo entry. The two must agree, but which one should change is yours to decide: passthrough guides copy the host's UUID into `<sysinfo>` so that the guest reports it, and then `<uuid>` is the one to change (which makes it a different domain to libvirt). The date has no fix.",
      sources: ['libvirt 11.3 src/conf/domain_conf.c virSysinfoSystemParseXML: "UUID mismatch between <uuid> and <sysinfo>"', 'libvirt 11.3 src/conf/domain_conf.c virSysinfoBIOSParseXML: "Invalid BIOS \'date\' format"', 'libvirt tests qemuxmlconfdata/smbios-uuid-match.xml, smbios-date.xml'],
    },
  },
  create(context) {
    const { domain, fixer } = context;
    const uuid = domain.child('uuid')?.text();
    for (const sysinfo of domain.childrenNamed('sysinfo')) {
      if (sysinfo.attr('type') !== 'smbios') continue;
      for (const entry of sysinfo.select('system/entry')) {
        if (entry.attr('name') !== 'uuid' || !uuid) continue;
        const value = entry.text();
        if (!value || normUuid(value) === normUuid(uuid)) continue;
        context.report({
          at: entry,
          messageId: 'uuidMismatch',
          data: { value, uuid },
          fixes: [{ title: "Use the domain's <uuid>", safety: 'unsafe', edits: [{ range: entry.textRange(), text: uuid }] }],
        });
      }
      for (const entry of sysinfo.select('bios/entry')) {
        if (entry.attr('name') !== 'date') continue;
        const value = entry.text();
        const m = /^(\d{1,2})\/(\d{1,2})\/(\d+)$/.exec(value);
        const ok = m && +m[1] >= 1 && +m[1] <= 12 && +m[2] >= 1 && +m[2] <= 31 && (m[3].length === 2 || (m[3].length === 4 && +m[3] >= 1900));
        if (ok) continue;
        context.report({ at: entry, messageId: 'badBiosDate', data: { date: value } });
      }
    }
  },
});
