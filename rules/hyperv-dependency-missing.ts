import { defineRule } from '#engine/rule.js';
import type { Fix, TextEdit } from '#engine/edit.js';
import type { XmlElement } from '#engine/tree.js';
import type { Fixer } from '#engine/fixer.js';
import { isQemuX86 } from '#domain/machine.js';
import { featureElement, featureEnabled, featureXml, HYPERV_DEPENDENCIES, hypervElement, hypervPassthrough, QEMU_HV_DESC, type HypervFeature } from '#domain/hyperv-features.js';

/** How the message names a feature in libvirt's terms. */
function libvirtName(feature: HypervFeature): string {
  if (feature === 'hypervclock') return "<timer name='hypervclock'> (in <clock>)";
  const [outer, inner] = feature.split('/');
  return inner ? `<${outer}><${inner} state='on'/>` : `<${outer}>`;
}

// The messages agree in number with the features they list, so each count is its own template.
const QEMU_REFUSES = '; QEMU refuses to start: "Hyper-V {{qemuFeature}} requires Hyper-V {{qemuDependency}}".';
const IS_NOT = 'Hyper-V {{feature}} is on but {{missing}} is not' + QEMU_REFUSES;
const ARE_NOT = 'Hyper-V {{feature}} is on but {{missing}} are not' + QEMU_REFUSES;
const TURN_ON = ' Turn on {{turnOn}}.';
const OFF_CHOICE = ' turned off explicitly: turn off {{turnOff}}, or turn on {{turnOn}}.';

export default defineRule({
  meta: {
    id: 'hyperv-dependency-missing',
    description: 'A Hyper-V enlightenment is on without the ones QEMU requires for it (QEMU refuses to start)',
    severity: 'error',
    failsAt: 'start',
    category: 'passthrough',
    fixable: 'safe',
    messages: {
      missing: IS_NOT + TURN_ON,
      missingSeveral: ARE_NOT + TURN_ON,
      writtenOff: IS_NOT + ' {{disabled}} is' + OFF_CHOICE,
      writtenOffSeveral: IS_NOT + ' {{disabled}} are' + OFF_CHOICE,
      missingSeveralWrittenOff: ARE_NOT + ' {{disabled}} is' + OFF_CHOICE,
      missingSeveralWrittenOffSeveral: ARE_NOT + ' {{disabled}} are' + OFF_CHOICE,
    },
    docs: {
      whatItDoes:
        "Checks the Hyper-V enlightenments turned on under `<features><hyperv>` (mode `custom`, the default) against QEMU's dependency table: `stimer` needs `synic` and the `hypervclock` timer; `synic`, `tlbflush` and `ipi` need `vpindex`; `evmcs` needs `vapic`; `<stimer><direct/>` needs `stimer`; `<tlbflush><extended/>` needs `tlbflush`; `<tlbflush><direct/>` needs `vapic`.",
      whyIsThisBad:
        'libvirt passes each enlightenment to QEMU as an `hv-*` CPU property without checking these pairs; QEMU checks them when it starts the VM and refuses: "Hyper-V synthetic timers (hv-stimer) requires Hyper-V synthetic interrupt controller (hv-synic)". Guides that copy only part of a Hyper-V block produce exactly this.',
      example: `<features>
  <hyperv mode='custom'>
    <relaxed state='on'/>
    <vapic state='on'/>
    <stimer state='on'/>
  </hyperv>
</features>
<clock offset='localtime'/>`,
      useInstead: `<features>
  <hyperv mode='custom'>
    <relaxed state='on'/>
    <vapic state='on'/>
    <stimer state='on'/>
    <synic state='on'/>
    <vpindex state='on'/>
  </hyperv>
</features>
<clock offset='localtime'>
  <timer name='hypervclock' present='yes'/>
</clock>`,
      fixSafety:
        "Safe when the dependency is absent: adds `<X state='on'/>` at the end of `<hyperv>` (or `<timer name='hypervclock' present='yes'/>` to `<clock>`, creating `<clock offset='utc'>` — libvirt's default — when there is none), enabling exactly what QEMU requires; chains such as stimer → synic → vpindex are added together. When a dependency is written but turned off, someone chose 'off': the first suggestion then turns off the feature that needs it (and any enabled feature that needs that one in turn), the second turns the dependency back on; `--fix` applies neither.",
      sources: [
        'QEMU 10.2 target/i386/kvm/kvm.c kvm_hyperv_properties[].dependencies and hv_feature_check_deps ("Hyper-V %s requires Hyper-V %s"); kvm_hyperv_expand_features (synic requires vpindex)',
        'QEMU docs/system/i386/hyperv.rst ("Requires:" lines of hv-stimer, hv-synic, hv-tlbflush, hv-ipi, hv-evmcs, hv-stimer-direct)',
        "libvirt src/qemu/qemu_command.c: <timer name='hypervclock' present='yes'/> becomes hv-time",
      ],
      notes:
        'QEMU added these dependency checks around 4.1 (2019; not verified release by release); libvirt 11.2+ requires QEMU 6.2 or later anyway. With `<hyperv mode=\'passthrough\'>` QEMU enables everything the host supports and the rule does not apply.',
    },
  },
  create(context) {
    const { domain, fixer } = context;
    if (!isQemuX86(domain)) return;
    const hyperv = hypervElement(domain);
    if (!hyperv || hypervPassthrough(domain)) return;
    for (const [feature, deps] of Object.entries(HYPERV_DEPENDENCIES)) {
      if (!featureEnabled(domain, feature)) continue;
      const missing = deps.filter((d) => !featureEnabled(domain, d));
      if (missing.length === 0) continue;
      const el = featureElement(domain, feature)!;
      const closure = dependencyClosure(domain, missing);
      const disabled = closure.filter((d) => featureElement(domain, d) !== undefined);
      const turnOn = buildFix(domain, hyperv, closure, fixer);
      const data = {
        feature: libvirtName(feature),
        missing: missing.map(libvirtName).join(' and '),
        qemuFeature: QEMU_HV_DESC[feature],
        qemuDependency: QEMU_HV_DESC[missing[0]],
        turnOn: closure.map(libvirtName).join(', '),
      };
      const several = missing.length > 1;
      if (disabled.length === 0) {
        context.report({ at: el, messageId: several ? 'missingSeveral' : 'missing', data, fixes: turnOn ? [turnOn] : [] });
        continue;
      }
      // A dependency is written and turned off: someone chose that. Turning it back on would reverse the
      // choice, so the first offer goes the other way: turn off what needs it.
      const turnOff = turnOffFix(domain, feature, fixer);
      const severalOff = disabled.length > 1;
      context.report({
        at: el,
        messageId: several ? (severalOff ? 'missingSeveralWrittenOffSeveral' : 'missingSeveralWrittenOff') : severalOff ? 'writtenOffSeveral' : 'writtenOff',
        data: { ...data, disabled: disabled.map(libvirtName).join(' and '), turnOff: turnOff.features.map(elementName).join(', ') },
        fixes: turnOn ? [turnOff.fix, turnOn] : [turnOff.fix],
      });
    }
  },
});

/** The missing features plus what they need in turn (synic -> vpindex), in a stable order. */
function dependencyClosure(domain: XmlElement, missing: HypervFeature[]): HypervFeature[] {
  const out: HypervFeature[] = [];
  const visit = (f: HypervFeature) => {
    if (out.includes(f) || featureEnabled(domain, f)) return;
    out.push(f);
    for (const d of HYPERV_DEPENDENCIES[f] ?? []) visit(d);
  };
  missing.forEach(visit);
  return out;
}

/** How a title names the element that is switched off. */
function elementName(feature: HypervFeature): string {
  if (feature === 'hypervclock') return "<timer name='hypervclock'>";
  return feature
    .split('/')
    .map((part) => `<${part}>`)
    .join('');
}

/** Turns `feature` off, with every enabled feature that needs it (stimer/direct needs stimer needs synic), in one fix. */
function turnOffFix(domain: XmlElement, feature: HypervFeature, fixer: Fixer): { fix: Fix; features: HypervFeature[] } {
  const features: HypervFeature[] = [feature];
  for (let i = 0; i < features.length; i++) {
    for (const [dependent, deps] of Object.entries(HYPERV_DEPENDENCIES)) {
      if (deps.includes(features[i]) && !features.includes(dependent) && featureEnabled(domain, dependent)) features.push(dependent);
    }
  }
  const edits = features.map((f) => fixer.setAttribute(featureElement(domain, f)!, f === 'hypervclock' ? 'present' : 'state', f === 'hypervclock' ? 'no' : 'off'));
  return { features, fix: { title: `Turn off ${features.map(elementName).join(', ')}`, safety: 'unsafe', edits } };
}

/**
 * Turns on the missing features. Safe while nothing it touches was written:
 * the dependencies are then simply absent and QEMU needs them. A dependency
 * that is written but off is switched on, which the engine marks as
 * overriding an explicit setting (never safe).
 */
function buildFix(domain: XmlElement, hyperv: XmlElement, features: HypervFeature[], fixer: Fixer): Fix | undefined {
  const edits: TextEdit[] = [];
  const append: string[] = [];
  for (const f of features) {
    const el = featureElement(domain, f);
    if (el) {
      // Written but off: turn it on.
      const attr = f === 'hypervclock' ? 'present' : 'state';
      edits.push(fixer.setAttribute(el, attr, f === 'hypervclock' ? 'yes' : 'on'));
      continue;
    }
    if (f === 'hypervclock') {
      const clock = domain.child('clock');
      if (clock) edits.push(fixer.appendChild(clock, featureXml(f)));
      else {
        const features = domain.child('features');
        if (!features) return undefined;
        edits.push(fixer.insertAfter(domain.child('cpu') ?? features, `<clock offset='utc'>\n  ${featureXml(f)}\n</clock>`));
      }
      continue;
    }
    if (f.includes('/')) {
      const [outer] = f.split('/');
      const parent = hyperv.child(outer);
      if (!parent) return undefined;
      edits.push(fixer.appendChild(parent, featureXml(f)));
      continue;
    }
    append.push(featureXml(f));
  }
  if (append.length) edits.push(fixer.appendChild(hyperv, append.join('\n')));
  if (edits.length === 0) return undefined;
  // No version requirement: every dependency is as old as, or older than, the feature that needs it (libvirtSince in the Hyper-V table; a test checks it).
  return { title: `Turn on ${features.map(libvirtName).join(', ')}`, safety: 'safe', edits };
}
