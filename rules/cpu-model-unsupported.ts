import { defineRule } from '#engine/rule.js';
import { isQemuX86 } from '#domain/machine.js';
import { CPU_DATA_RANGE, cpuModelOnHost, dataProvenance, hostQemu, type CpuModelVerdict } from '#domain/qemu-caps.js';

/** Why the release lacks the model, for messages. */
function why(v: Extract<CpuModelVerdict, { status: 'missing' }>): string {
  if (v.reason === 'not-yet') return `QEMU added it in ${v.firstIn}`;
  if (v.reason === 'removed') return `QEMU removed it in ${v.removedIn}`;
  return `no QEMU release from ${v.range} has it`;
}

export default defineRule({
  meta: {
    id: 'cpu-model-unsupported',
    description: "Custom CPU model the host's QEMU release does not have, or deprecates",
    severity: 'error',
    category: 'compatibility',
    fixable: false,
    failsAt: 'start',
    requires: { qemu: '*' },
    messages: {
      missingForbid:
        "CPU model '{{model}}' is not in QEMU {{qemu}} ({{why}}), and fallback='forbid' keeps libvirt from substituting another: the domain does not start: \"CPU model {{model}} is not supported by hypervisor\". Use a model QEMU {{qemu}} has, or mode='host-passthrough'.",
      missingFallback:
        "CPU model '{{model}}' is not in QEMU {{qemu}} ({{why}}): libvirt replaces it at start with the closest model QEMU has (fallback='allow', the default), so the guest does not get the CPU model written here. Use a model QEMU {{qemu}} has, or mode='host-passthrough'.",
      deprecated:
        "CPU model '{{model}}' is deprecated in QEMU {{qemu}} (since QEMU {{since}}; {{removal}}): the domain starts, but libvirt marks it tainted (deprecated-config). Move to a current model, or mode='host-passthrough'.",
    },
    docs: {
      whatItDoes:
        "Looks up the model of a custom CPU (`<cpu mode='custom'><model>NAME</model>`, also when `mode` is left out) in the per-release data of QEMU's x86 CPU models " +
        `(QEMU ${CPU_DATA_RANGE}) and reports a model the host's QEMU release does not have: one QEMU added later (\`GraniteRapids\` came with QEMU 8.1, \`SierraForest\` with 9.0), one QEMU removed (\`Icelake-Client\`, removed in 7.1), or a name no release has. ` +
        "It is an error when `<model fallback='forbid'>` makes libvirt refuse to start the domain, a warning with the default `fallback='allow'`, under which libvirt starts the guest with another model. A model the release marks deprecated is a warning.",
      whyIsThisBad:
        "At start libvirt checks the model against the CPU models QEMU reports (src/cpu/cpu.c virCPUTranslate). With `fallback='forbid'` it refuses: \"CPU model GraniteRapids is not supported by hypervisor\". With `fallback='allow'` (the default) it picks the closest model QEMU has and adds features to match, so the guest runs with a model other than the one written, which matters for migration between hosts and for guests that check the model. A deprecated model still works, but QEMU may drop it, and libvirt marks the domain tainted.",
      example: `<cpu mode='custom' match='exact'>
  <model fallback='forbid'>GraniteRapids</model>
</cpu>   <!-- host runs QEMU 7.2 -->`,
      useInstead: `<cpu mode='custom' match='exact'>
  <model fallback='forbid'>Icelake-Server</model>
</cpu>`,
      fixSafety: 'No fix: which older model fits the guest is a choice (or use `host-passthrough`).',
      sources: [
        dataProvenance(),
        'libvirt 11.3 src/cpu/cpu.c:1051 virCPUTranslate: with a fallback other than allow, "CPU model %1$s is not supported by hypervisor" (VIR_ERR_CONFIG_UNSUPPORTED); otherwise the CPU driver translates the model',
        'libvirt 11.3 src/qemu/qemu_process.c:6502 qemuProcessUpdateGuestCPU: at start, the model is translated against every CPU model the QEMU binary reports (virQEMUCapsGetCPUModels)',
        'libvirt 11.3 src/cpu/cpu_x86.c:2325: "Preferred CPU model %s not allowed by hypervisor; closest supported model will be used" (a log warning only)',
        'libvirt 11.3 docs/formatdomain.rst "CPU model and topology": "Supported values for fallback attribute are: allow (this is the default), and forbid"',
        'libvirt 11.3 src/qemu/qemu_domain.c:5547 qemuDomainObjCheckCPUTaint: a deprecated custom CPU model taints the domain (deprecated-config)',
      ],
      notes:
        `The CPU model lists in the data end with QEMU ${CPU_DATA_RANGE.split(' to ')[1]} (the newer releases' lists were not transcribed): for a newer host only a removal before then is reported, since a model missing from the list may have come later. ` +
        'A QEMU version the data lacks resolves to the nearest release at or below it, and a model first listed in the next release is not reported there. ' +
        "Distribution builds may add models (RHEL's `cpu64-rhel6`): virt-lint judges the upstream release. libvirt also needs the model in its own CPU map; that is libvirt's version, not QEMU's, and not checked here.",
    },
  },
  create(context) {
    const { domain, host } = context;
    if (!host.qemu || !isQemuX86(domain)) return;
    const cpu = domain.child('cpu');
    const mode = cpu?.attr('mode') ?? 'custom';
    const model = cpu?.child('model');
    const name = model?.text().trim();
    if (!cpu || !model || !name || mode !== 'custom') return;
    const qemu = host.qemu.version;
    const verdict = cpuModelOnHost(name, hostQemu(qemu));
    if (verdict.status === 'missing') {
      const forbid = model.attr('fallback') === 'forbid';
      context.report({ at: model, severity: forbid ? 'error' : 'warning', messageId: forbid ? 'missingForbid' : 'missingFallback', data: { model: name, qemu, why: why(verdict) } });
    } else if (verdict.status === 'present' && verdict.deprecated) {
      const { since, removedIn } = verdict.deprecated;
      const removal = removedIn ? `QEMU ${removedIn} removes it` : 'a later QEMU may remove it';
      context.report({ at: model, severity: 'warning', messageId: 'deprecated', data: { model: name, qemu, since, removal } });
    }
  },
});
