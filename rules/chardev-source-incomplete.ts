import { defineRule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';
import { isQemuDomain } from '#domain/machine.js';

/** The common tail of every message: libvirt's own words. */
const refuses = (libvirt: string) => `: libvirt refuses it: "${libvirt}".`;
const MISSING_PATH = refuses('Missing source path attribute for char device');
const MISSING_SERVICE = refuses('Missing source service attribute for char device');

/** Elements whose `type` and `<source>` describe a character device backend libvirt validates. */
function chardevs(domain: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const name of ['serial', 'parallel', 'console', 'channel', 'redirdev']) out.push(...domain.select(`devices/${name}`));
  for (const sc of domain.select('devices/smartcard')) if (sc.attr('mode') === 'passthrough') out.push(sc);
  for (const backend of domain.select('devices/rng/backend')) if (backend.attr('model') === 'egd') out.push(backend);
  return out;
}

export default defineRule({
  meta: {
    id: 'chardev-source-incomplete',
    description: 'A character device backend lacks its path, host or service, or sets reconnect where it cannot work',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      missingPath: "<{{element}} type='{{type}}'> has no <source path='...'/>" + MISSING_PATH,
      missingSocketPath: "<{{element}} type='unix'> has no <source path='...'/> for its socket" + MISSING_PATH,
      missingHost: "<{{element}} type='tcp'> has no <source host='...'/>" + refuses('Missing source host attribute for char device'),
      missingService: "<{{element}} type='tcp'> has no <source service='...'/> (port)" + MISSING_SERVICE,
      missingConnectService: "<{{element}} type='udp'> has no connect <source service='...'/>" + MISSING_SERVICE,
      tlsUnsupported: "The QEMU driver has no 'tls' protocol for TCP character devices" + refuses("tcp chardev protocol 'tls' not supported"),
      reconnectInBindMode: "<{{element}} type='{{type}}'> listens (mode='bind'); only a connecting device can reconnect" + refuses('chardev reconnect is possible only for connect mode'),
      reconnectZeroTimeout: 'A reconnect timeout of 0 seconds' + refuses("chardev reconnect source timeout cannot be '0'"),
    },
    docs: {
      whatItDoes:
        "Checks the backend of `<serial>`, `<parallel>`, `<console>`, `<channel>`, `<redirdev>`, passthrough `<smartcard>` and egd `<rng>` devices: `file`, `dev`, `pipe` and `unix` (except virtio/xen channels, whose socket libvirt generates) need `<source path>`; `tcp` needs `host` and `service`, also when it listens (`mode='bind'`); `udp` a connect `service`; `<reconnect enabled='yes'>` is only possible in connect mode and (QEMU) needs a non-zero timeout; `<protocol type='tls'>` is refused by the QEMU driver.",
      whyIsThisBad:
        'Without these the backend cannot be opened. `virsh define` fails with "Missing source path attribute for char device", "Missing source host attribute for char device", "chardev reconnect is possible only for connect mode" or "chardev reconnect source timeout cannot be \'0\'". A frequent cause is a `<source>` written for another type (host/service on a `unix` device).',
      example: `<serial type='unix'>
  <target type='isa-serial' port='0'/>
</serial>`,
      useInstead: `<serial type='unix'>
  <source mode='bind' path='/run/vm/win11-serial.sock'/>
  <target type='isa-serial' port='0'/>
</serial>`,
      fixSafety: 'No fix: the path, host or port is yours to choose.',
      sources: [
        'libvirt 11.3 src/conf/domain_validate.c virDomainChrSourceDefValidate ("Missing source path attribute for char device", "Missing source host attribute for char device", "Missing source service attribute for char device", "chardev reconnect is possible only for connect mode")',
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainChrSourceReconnectDef: "chardev reconnect source timeout cannot be \'0\'"',
        'libvirt tests qemuxmlconfdata/serial-unix-missing-source.xml, virtio-rng-egd-crash.xml, chardev-reconnect-invalid-timeout.xml, serial-tcp-chardev-telnets.xml',
      ],
      notes: "The 'tls' protocol check follows libvirt's test serial-tcp-chardev-telnets.xml (\"tcp chardev protocol 'tls' not supported\").",
    },
  },
  create(context) {
    const { domain } = context;
    const qemu = isQemuDomain(domain);
    for (const dev of chardevs(domain)) {
      const type = dev.attribute('type');
      if (!type) continue;
      const device = dev.name === 'backend' ? dev.parent! : dev;
      const sources = dev.childrenNamed('source');
      const source = sources[0];
      const element = { element: device.name };
      const named = { element: device.name, type: type.value };
      // libvirt tests whether an attribute is there, not whether it is empty (`virsh define` takes host='' and path='').
      const has = (s: XmlElement | undefined, attr: string) => s?.attr(attr) !== undefined;
      // libvirt stops at the first missing piece; the reconnect checks come after these.
      let incomplete = false;
      const missing = (messageId: 'missingPath' | 'missingSocketPath' | 'missingHost' | 'missingService' | 'missingConnectService', data: Record<string, string>) => {
        context.report({ at: type, messageId, data });
        incomplete = true;
      };
      switch (type.value) {
        case 'file':
        case 'dev':
        case 'pipe':
          if (!sources.some((s) => has(s, 'path'))) missing('missingPath', named);
          break;
        case 'unix': {
          const autoPath = device.name === 'channel' && ['virtio', 'xen'].includes(device.child('target')?.attr('type') ?? '');
          if (!autoPath && !sources.some((s) => has(s, 'path'))) missing('missingSocketPath', element);
          break;
        }
        case 'tcp':
          // Listening (mode='bind') needs a host too: `virsh define` refuses <source mode='bind' service='4555'/>.
          if (!has(source, 'host')) missing('missingHost', element);
          else if (!has(source, 'service')) missing('missingService', element);
          if (qemu && dev.child('protocol')?.attr('type') === 'tls') {
            context.report({ at: dev.child('protocol')!.attribute('type')!, messageId: 'tlsUnsupported' });
          }
          break;
        case 'udp':
          if (!sources.some((s) => (s.attr('mode') ?? 'connect') === 'connect' && has(s, 'service'))) missing('missingConnectService', element);
          break;
      }
      if (!incomplete && (type.value === 'tcp' || type.value === 'unix')) {
        const reconnect = source?.child('reconnect');
        if (reconnect?.attr('enabled') === 'yes') {
          if (source?.attr('mode') === 'bind') {
            context.report({ at: reconnect, messageId: 'reconnectInBindMode', data: named });
          } else if (qemu && reconnect.attr('timeout')?.trim() === '0') {
            context.report({ at: reconnect.attribute('timeout')!, messageId: 'reconnectZeroTimeout' });
          }
        }
      }
    }
  },
});
