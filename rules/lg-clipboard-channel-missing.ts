import { defineRule } from '#engine/rule.js';
import { usesLookingGlass } from '#domain/looking-glass.js';

const CHANNEL = `<channel type='spicevmc'>
  <target type='virtio' name='com.redhat.spice.0'/>
</channel>`;

export default defineRule({
  meta: {
    id: 'lg-clipboard-channel-missing',
    description: 'A Looking Glass VM with SPICE graphics but no spicevmc agent channel (no clipboard synchronisation)',
    severity: 'info',
    category: 'looking-glass',
    fixable: 'unsafe',
    messages: {
      channelMissing:
        "No <channel type='spicevmc'> with target name 'com.redhat.spice.0': Looking Glass cannot synchronise the clipboard without the SPICE agent channel. Add it (and install the SPICE guest tools in Windows).",
    },
    docs: {
      whatItDoes:
        "On a VM that uses Looking Glass and has `<graphics type='spice'>`, reports when there is no `<channel type='spicevmc'>` with `<target type='virtio' name='com.redhat.spice.0'/>`.",
      whyIsThisBad:
        "Looking Glass synchronises the clipboard between host and guest through the SPICE guest agent, which talks over this channel. Without it copy and paste between the client and Windows does nothing.",
      example: `<graphics type='spice' autoport='yes'>
  <listen type='address' address='127.0.0.1'/>
</graphics>
<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`,
      useInstead: `<channel type='spicevmc'>
  <target type='virtio' name='com.redhat.spice.0'/>
</channel>
<graphics type='spice' autoport='yes'>
  <listen type='address' address='127.0.0.1'/>
</graphics>
<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`,
      fixSafety:
        'The suggested fix (not applied by --fix) adds the channel. libvirt then adds a virtio-serial controller (a new PCI device in the guest), and the guest needs the SPICE guest tools; hence a suggestion.',
      sources: ['Looking Glass doc/install_libvirt.rst "Clipboard synchronization" (B7 and master)'],
    },
  },
  create(context) {
    const { domain, fixer } = context;
    if (!usesLookingGlass(domain)) return;
    const spice = domain.select('devices/graphics').find((g) => g.attr('type') === 'spice');
    if (!spice) return;
    const has = domain
      .select('devices/channel')
      .some((c) => c.attr('type') === 'spicevmc' && c.select('target').some((t) => (t.attr('type') ?? 'virtio') === 'virtio' && (t.attr('name') ?? 'com.redhat.spice.0') === 'com.redhat.spice.0'));
    if (has) return;
    const channels = domain.select('devices/channel');
    const edit = channels.length ? fixer.insertAfter(channels[channels.length - 1], CHANNEL) : fixer.insertBefore(spice, CHANNEL);
    context.report({
      at: spice,
      messageId: 'channelMissing',
      fixes: [{ title: "Add the spicevmc agent channel", safety: 'unsafe', edits: [edit] }],
    });
  },
});
