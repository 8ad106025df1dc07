/**
 * What the suppression tests suppress: a stand-in rule that reports every
 * <disk>, the Looking Glass devices the QEMU 9.1.1 audio rule reports, and the
 * `<metadata>` form of a suppression. Shared by the engine's suppression tests
 * and the suites of unused-suppression and invalid-suppression.
 */
import { defineRule } from '#engine/rule.js';

/** A stand-in for any rule that reports elements: every <disk>, at its start tag. */
export const diskRule = defineRule({
  meta: {
    id: 'test-disk',
    description: 'Reports every disk (test only)',
    severity: 'warning',
    category: 'correctness',
    fixable: false,
    messages: { text: '{{text}}' },
    docs: { whatItDoes: '', whyIsThisBad: '', example: '', useInstead: '', fixSafety: '', sources: [] },
  },
  create(context) {
    for (const disk of context.domain.select('devices/disk')) context.report({ at: disk, messageId: 'text', data: { text: `disk ${disk.first('target')?.attr('dev')}` } });
  },
});

export const SPICE = `<graphics type='spice' autoport='yes'>
  <listen type='address' address='127.0.0.1'/>
</graphics>`;
/** HDA sound over SPICE audio: qemu-911-spice-hda-audio reports it on QEMU 9.1.1. */
export const SOUND = `<sound model='ich9'>
  <audio id='1'/>
</sound>
<audio id='1' type='spice'/>`;
export const LG_SHMEM = `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`;

/** A virtio disk: five lines, its start tag the whole first line. */
export const disk = (dev: string) => `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/${dev}.qcow2'/>
  <target dev='${dev}' bus='virtio'/>
</disk>`;

/** `<metadata>` holding one `<vl:lint>` (with this prefix) around `ignores`. */
export const metadata = (ignores: string, prefix = 'vl') => `<metadata>
  <${prefix}:lint xmlns:${prefix}="https://virt-lint.dev/xmlns/lint/1">
${ignores
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
  </${prefix}:lint>
</metadata>`;

const NS = 'xmlns:vl="https://virt-lint.dev/xmlns/lint/1"';
/**
 * `<metadata>` with what libvirt would drop (a second `<vl:lint>`, a
 * `<vl:ignore>` outside `<vl:lint>`) and a `<vl:ignore>` without a rule
 * attribute; after `disk('vda')` in `domain()` its problems are on lines 32, 34
 * and 37.
 */
export const DROPPED_METADATA = `<metadata>
  <vl:lint ${NS}>
    <vl:ignore reason="forgot the rule"/>
  </vl:lint>
  <vl:lint ${NS}>
    <vl:ignore rule="test-disk"/>
  </vl:lint>
  <vl:ignore ${NS} rule="test-disk"/>
</metadata>`;
