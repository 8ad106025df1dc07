import { defineRule } from '#engine/rule.js';
import { escapeAttribute, type Fixer } from '#engine/fixer.js';
import type { Fix, TextEdit } from '#engine/edit.js';
import type { XmlElement } from '#engine/tree.js';
import { versionAtLeast } from '#engine/version.js';
import { isQemuDomain } from '#domain/machine.js';
import { namespaceOf, QEMU_NS } from '#domain/namespaces.js';
import { qemuOptions, type QemuOption } from '#domain/qemu-options.js';
import { devicesAndObjects } from '#domain/qemu-args.js';
import { overrideDevice, overrideFrontend, qemuOverride, type OverrideType } from '#domain/qemu-override.js';
import { flagOnHost, hostQemu } from '#domain/qemu-caps.js';

/** What QEMU says when -set names a device it holds no QemuOpts for (softmmu/vl.c qemu_set_option). */
const REFUSAL =
  '-set device.{{alias}}.{{property}}={{value}} cannot reach the device: libvirt {{libvirt}} passes its devices to QEMU {{qemu}} as JSON, and -set only finds devices given in the legacy syntax, so QEMU refuses to start: "-set device.{{alias}}.{{property}}={{value}}: there is no device \\"{{alias}}\\" defined".';

/**
 * Does this libvirt pass `-device` to this QEMU as JSON? libvirt 7.9 and 7.10
 * did with QEMU 6.2 and later (NEWS v7.9.0; v8.0.0 reverted it over QEMU 6.2's
 * hot-unplug bug); from 8.1.0 libvirt does when QEMU's device_add has the
 * json-cli-hotplug feature (libvirt's capability `device.json+hotplug`,
 * first probed on QEMU 7.0 in libvirt's data).
 */
function libvirtPassesJsonDevices(libvirt: string, qemu: string): boolean {
  if (versionAtLeast(libvirt, '8.1.0')) return flagOnHost('device.json+hotplug', hostQemu(qemu)).status === 'present';
  if (versionAtLeast(libvirt, '8.0.0')) return false;
  return versionAtLeast(libvirt, '7.9.0') && versionAtLeast(qemu, '6.2.0');
}

export default defineRule({
  meta: {
    id: 'qemu-commandline-set-device',
    description: '-set device.<alias>.<property>=<value> in qemu:commandline, which QEMU refuses when libvirt passes its devices as JSON',
    severity: 'error',
    failsAt: 'start',
    category: 'compatibility',
    fixable: 'unsafe',
    requires: { qemu: '>=6.2.0', libvirt: '>=7.9.0' },
    messages: {
      setDevice: REFUSAL + ' Set the property with <qemu:override> instead.',
      setDeviceWithoutOverride: REFUSAL + ' Its replacement, <qemu:override>, needs libvirt 8.2 or later: upgrade libvirt and move the property there.',
    },
    docs: {
      whatItDoes:
        "Finds `<qemu:arg value='-set'/>` followed by `device.<alias>.<property>=<value>` in `<qemu:commandline>` when the host's libvirt passes `-device` to its QEMU as JSON: libvirt 8.1 or later with a QEMU whose `device_add` has the `json-cli-hotplug` feature (7.0 or later), or libvirt 7.9 and 7.10 with QEMU 6.2 or later. A `-set` aimed at a device that the same command line creates in the legacy syntax (`-device vfio-pci,id=gpu,...`) still works and is not reported.",
      whyIsThisBad:
        "`-set` edits the options QEMU parsed from a legacy `-device driver,key=value` argument. A device given as JSON has no such options, so QEMU does not find it and exits before the guest starts: `-set device.hostdev0.x-pci-sub-vendor-id=0x17aa: there is no device \"hostdev0\" defined`. libvirt writes every device it creates (the `<hostdev>` GPU included) as JSON once QEMU supports it, so GPU-passthrough guides that set a subsystem vendor id, `x-vga` or a display resolution this way stopped working on current hosts. libvirt's replacement, `<qemu:override>` (libvirt 8.2), sets the property on the JSON libvirt generates.",
      example: `<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  ...
  <qemu:commandline>
    <qemu:arg value='-set'/>
    <qemu:arg value='device.hostdev0.x-pci-sub-vendor-id=0x17aa'/>
  </qemu:commandline>
</domain>`,
      useInstead: `<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  ...
  <qemu:override>
    <qemu:device alias='hostdev0'>
      <qemu:frontend>
        <qemu:property name='x-pci-sub-vendor-id' type='unsigned' value='6058'/>
      </qemu:frontend>
    </qemu:device>
  </qemu:override>
</domain>`,
      fixSafety:
        "A suggestion (not applied by `--fix`), offered with libvirt 8.2 or later: it removes the two `-set` arguments (the whole `<qemu:commandline>` when nothing else is left in it) and writes the same property into `<qemu:override>`: a new block after the command line, or a new entry in the existing one. The property's type is inferred from the value: `unsigned` for a number (hex and octal converted to decimal, which libvirt requires), `signed` for a negative one, `bool` (`true`/`false`) for on/off, yes/no and true/false, `string` otherwise. QEMU knows the property's real type, virt-lint does not: a property of an enum type such as `OnOffAuto` (vfio-pci's `display`) needs `type='string'` with `on`/`off`, and a size written with a suffix needs it in bytes. The xmlns declaration is added to the new block when the prefix is only declared on the command line. The result follows libvirt 11.3's grammar (a test validates it with xmllint), but whether QEMU takes the value is for you to check.",
      sources: [
        "QEMU system/vl.c qemu_set_option: -set looks the id up among the QemuOpts of the group and reports \"there is no %s \\\"%s\\\" defined\"; JSON -device creates no QemuOpts (QEMU commit 5dacda5167 \"vl: Enable JSON syntax for -device\", 6.2; the qemu-devel patch \"vl: Add -set options to device opts dict when using JSON syntax for -device\", 2021-12, was not merged)",
        'libvirt NEWS v7.9.0 "Use of JSON syntax with -device with upcoming QEMU-6.2"; v8.0.0 "Fix device hot-unplug with libvirt-7.9 or libvirt-7.10 used with qemu-6.2 ... reverting to the old configuration approach until qemu is fixed"',
        'libvirt src/qemu/qemu_capabilities.c: { "device_add/$json-cli-hotplug", QEMU_CAPS_DEVICE_JSON } ("device.json+hotplug"), re-enabled in libvirt commit 1a691fe1c84 "qemu: capabilities: Re-enable JSON syntax for -device", v8.1.0 (as Markus Armbruster lists it on qemu-devel); QEMU added json-cli-hotplug for 7.0 (QEMU issue #802)',
        "virt-lint's QEMU release data (libvirt's probes): `device.json+hotplug` from QEMU 7.0",
        'libvirt NEWS v8.2.0 "qemu: Allow overrides of device properties via the qemu namespace ... instead of relying on the argv passthrough of the -set qemu commandline option which no longer works with new qemu"; docs/drvqemu.rst "Overriding properties of QEMU devices" (types string, signed, unsigned, bool, remove; unsigned "interpreted as a base 10 number"; bool "true and false")',
        'libvirt 11.3 docs/schemas/domaincommon.rng qemuoverride / qemuoverrideproperty',
        'Report: AshleyYakeley/NixVirt#36 and QEMU issue 1015 ("-set device.hostdev0.x-vga=on: there is no device \\"hostdev0\\" defined")',
      ],
      notes:
        "Needs both versions; without them the rule is skipped and counted in the \"version-specific rules skipped\" note. The refusal happens at `virsh start`, not at `virsh define`, so the libvirt test driver cannot confirm it; the facts come from QEMU's and libvirt's source and release notes. libvirt's docs recommend user aliases (`<alias name='ua-gpu'/>`) for overridden devices: automatic ones such as `hostdev0` can shift when devices are added. Distributions that backport json-cli-hotplug to QEMU 6.2 make libvirt 8.1+ use JSON there too; the rule then stays quiet although QEMU would refuse.",
    },
  },
  create(context) {
    const { domain, host, fixer } = context;
    if (!isQemuDomain(domain) || !host.qemu || !host.libvirt) return;
    if (!libvirtPassesJsonDevices(host.libvirt.version, host.qemu.version)) return;
    const libvirt = host.libvirt.version;
    // Devices the command line itself creates in the legacy syntax keep their QemuOpts: -set finds those.
    const legacyIds = new Set(
      devicesAndObjects(domain)
        .filter((o) => o.option === '-device' && o.syntax === 'legacy' && typeof o.props?.id === 'string')
        .map((o) => o.props!.id as string),
    );
    for (const opt of qemuOptions(domain)) {
      if (opt.name !== '-set' || opt.value === undefined) continue;
      if (namespaceOf(opt.el, opt.el.prefix) !== QEMU_NS) continue; // dropped by libvirt: qemu-namespace-missing reports it
      const m = /^device\.([^.=]+)\.([^=]+)=(.*)$/s.exec(opt.value.trim());
      if (!m) continue;
      const [, alias, property, value] = m;
      if (legacyIds.has(alias)) continue;
      const withOverride = versionAtLeast(libvirt, '8.2.0');
      const fix = withOverride ? overrideFix(domain, opt, alias, property, value, fixer) : undefined;
      context.report({
        at: opt.valueEl ?? opt.el,
        messageId: withOverride ? 'setDevice' : 'setDeviceWithoutOverride',
        data: { alias, property, value, libvirt, qemu: host.qemu.version },
        fixes: fix ? [fix] : [],
      });
    }
  },
});

/**
 * The `<qemu:override>` property for a `-set` value, typed as QEMU would read
 * the string (its string visitor: integers in any base, on/off/yes/no/true/false).
 */
export function overrideProperty(value: string): { type: OverrideType; value: string } {
  const v = value.trim();
  if (/^0x[0-9a-f]+$/i.test(v)) return { type: 'unsigned', value: BigInt(v).toString() };
  if (/^0[0-7]+$/.test(v)) return { type: 'unsigned', value: BigInt(`0o${v.slice(1)}`).toString() };
  if (/^\d+$/.test(v)) return { type: 'unsigned', value: BigInt(v).toString() };
  if (/^-\d+$/.test(v)) return { type: 'signed', value: BigInt(v).toString() };
  if (/^(on|yes|true)$/i.test(v)) return { type: 'bool', value: 'true' };
  if (/^(off|no|false)$/i.test(v)) return { type: 'bool', value: 'false' };
  return { type: 'string', value };
}

function overrideFix(domain: XmlElement, opt: QemuOption, alias: string, name: string, raw: string, fixer: Fixer): Fix | undefined {
  const commandline = opt.el.parent;
  if (!commandline) return undefined;
  const q = opt.el.attribute('value')?.quote ?? "'";
  const attr = (n: string, v: string) => `${n}=${q}${escapeAttribute(v, q)}${q}`;
  const { type, value } = overrideProperty(raw);
  const existing = qemuOverride(domain);
  const p = existing?.prefix ?? opt.el.prefix!;
  const property = `<${p}:property ${attr('name', name)} ${attr('type', type)} ${attr('value', value)}/>`;
  const frontend = `<${p}:frontend>\n  ${property}\n</${p}:frontend>`;
  const device = `<${p}:device ${attr('alias', alias)}>\n${indent(frontend)}\n</${p}:device>`;

  const args = [opt.el, ...(opt.valueEl && opt.valueEl !== opt.el ? [opt.valueEl] : [])];
  const emptied = commandline.elements.every((e) => args.includes(e));
  const edits: TextEdit[] = [];
  if (existing) {
    const entry = overrideDevice(existing, alias);
    const front = entry && overrideFrontend(entry);
    if (front) edits.push(fixer.appendChild(front, property));
    else if (entry) edits.push(fixer.appendChild(entry, frontend));
    else edits.push(fixer.appendChild(existing, device));
    edits.push(...(emptied ? [fixer.removeElement(commandline)] : args.map((a) => fixer.removeElement(a))));
  } else {
    // A prefix declared only on <qemu:commandline> is out of scope for a sibling: declare it on the new block.
    const xmlns = namespaceOf(domain, p) === QEMU_NS ? '' : ` ${attr(`xmlns:${p}`, QEMU_NS)}`;
    const block = `<${p}:override${xmlns}>\n${indent(device)}\n</${p}:override>`;
    // Emptied: the block takes the command line's place. The removal comes first: both edits start at the same offset.
    if (emptied) edits.push(fixer.removeElement(commandline), fixer.insertBefore(commandline, block));
    else edits.push(fixer.insertAfter(commandline, block), ...args.map((a) => fixer.removeElement(a)));
  }
  return {
    title: `Replace the -set arguments with a <${p}:override> property for device '${alias}'`,
    safety: 'unsafe',
    edits,
    // <qemu:override> (docs/drvqemu.rst: "Since 8.2.0").
    requires: { libvirt: '>=8.2.0' },
  };
}

/** Indents every line of a snippet by one two-space step (Fixer re-indents them to the file's style). */
function indent(xml: string): string {
  return xml
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
