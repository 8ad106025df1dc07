import { defineRule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';

const isVirtiofs = (fs: XmlElement) => fs.child('driver')?.attr('type') === 'virtiofs';

export default defineRule({
  meta: {
    id: 'filesystem-target-duplicate',
    description: 'A virtiofs <filesystem> shares its <target dir> (mount tag) with another filesystem',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      duplicate:
        'Filesystem target \'{{dir}}\' is already used by another <filesystem>: libvirt refuses it: "filesystem target \'{{dir}}\' specified twice". ' +
        'Give each share its own target (the tag the guest mounts).',
    },
    docs: {
      whatItDoes:
        "Reports a `<filesystem>` whose `<target dir='...'>` equals the target of another filesystem when at least one of the two uses `<driver type='virtiofs'/>`.",
      whyIsThisBad:
        'For virtiofs the target is the mount tag the guest mounts (`mount -t virtiofs TAG /mnt`), so it must be unique. `virsh define` fails with "filesystem target \'TAG\' specified twice". libvirt does not check 9p shares among themselves.',
      example: `<filesystem type='mount' accessmode='passthrough'>
  <driver type='virtiofs'/>
  <source dir='/srv/projects'/>
  <target dir='share'/>
</filesystem>
<filesystem type='mount' accessmode='passthrough'>
  <driver type='virtiofs'/>
  <source dir='/srv/media'/>
  <target dir='share'/>
</filesystem>`,
      useInstead: `<filesystem type='mount' accessmode='passthrough'>
  <driver type='virtiofs'/>
  <source dir='/srv/projects'/>
  <target dir='projects'/>
</filesystem>
<filesystem type='mount' accessmode='passthrough'>
  <driver type='virtiofs'/>
  <source dir='/srv/media'/>
  <target dir='media'/>
</filesystem>`,
      fixSafety: 'No fix: the guest mounts the share by this tag, so renaming it means changing the guest too.',
      sources: ['libvirt 11.3 src/conf/domain_validate.c virDomainFSDefValidate: "filesystem target \'%1$s\' specified twice" (virtiofs targets only)'],
    },
  },
  create(context) {
    const all = context.domain.select('devices/filesystem');
    // Per target directory: whether an earlier <filesystem> has it, and whether an earlier virtiofs one does.
    const earlier = new Map<string, { any: boolean; virtiofs: boolean }>();
    for (const fs of all) {
      const dirAttr = fs.child('target')?.attribute('dir');
      if (!dirAttr) continue;
      const seen = earlier.get(dirAttr.value) ?? { any: false, virtiofs: false };
      const clash = isVirtiofs(fs) ? seen.any : seen.virtiofs;
      earlier.set(dirAttr.value, { any: true, virtiofs: seen.virtiofs || isVirtiofs(fs) });
      if (!clash) continue;
      context.report({ at: dirAttr, messageId: 'duplicate', data: { dir: dirAttr.value } });
    }
  },
});
