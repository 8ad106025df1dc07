/**
 * Where a VNC or SPICE display listens, as libvirt resolves it
 * (docs/formatdomain.rst "Graphical framebuffers", listen elements; the
 * legacy `listen` attribute mirrors the first `<listen type='address'>`).
 */
import type { XmlAttribute, XmlElement } from '#engine/tree.js';
import { parseInteger } from './platform.js';

export type ListenScope =
  /** 127.0.0.0/8, ::1, localhost: only this host can connect. */
  | 'loopback'
  /** 0.0.0.0 or ::, every address of the host. */
  | 'wildcard'
  /** A specific non-loopback address or host name. */
  | 'address'
  /** `<listen type='network'>`: the address of a libvirt network (reachable from that network). */
  | 'network'
  /** A UNIX socket, `type='none'` (also SPICE without any port), or nothing written (qemu.conf's vnc_listen / spice_listen, 127.0.0.1 by default). */
  | 'local';

export interface GraphicsListen {
  scope: ListenScope;
  /** The address as written, when there is one. */
  address?: string;
  /** The legacy `listen` attribute on `<graphics>`. */
  attribute?: XmlAttribute;
  /** The first `<listen>` child (the only one QEMU uses). */
  listen?: XmlElement;
}

export function classifyAddress(address: string): 'loopback' | 'wildcard' | 'address' {
  const a = address.trim().replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (a === '0.0.0.0' || a === '::' || a === '0:0:0:0:0:0:0:0') return 'wildcard';
  if (a === 'localhost' || a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a) || /^::ffff:127\./.test(a)) return 'loopback';
  return 'address';
}

/** The listen address a `<graphics type='vnc'|'spice'>` ends up with. */
export function graphicsListen(graphics: XmlElement): GraphicsListen {
  const resolved = writtenListen(graphics);
  // virDomainDefPostParseGraphics (src/conf/domain_postparse.c): SPICE with an
  // address listen but no port, no tlsPort and no autoport='yes' is started
  // "to not listen anywhere"; libvirt rewrites the listen to type='none'
  // (`virsh dumpxml` shows <listen type='none'/>). A network listen is kept.
  if (graphics.attr('type') === 'spice' && resolved.scope !== 'network' && !spiceHasPort(graphics)) {
    return { scope: 'local', attribute: resolved.attribute, listen: resolved.listen };
  }
  return resolved;
}

/** A SPICE port, TLS port or autoport: port and tlsPort are base-10 ints, 0 (or absent) meaning none. */
function spiceHasPort(graphics: XmlElement): boolean {
  const port = (name: string) => {
    const v = graphics.attr(name);
    // An unreadable value makes libvirt refuse the element; count it as a port so nothing is claimed about it.
    return v === undefined ? 0 : (parseInteger(v, 10) ?? 1);
  };
  return port('port') !== 0 || port('tlsPort') !== 0 || graphics.attr('autoport') === 'yes';
}

/** The listen as written: the first <listen>, else the legacy attribute. */
function writtenListen(graphics: XmlElement): GraphicsListen {
  const attribute = graphics.attribute('listen');
  const listen = graphics.childrenNamed('listen')[0];
  // A VNC `socket` attribute overrides every <listen> (formatdomain "socket").
  if (graphics.attr('socket') !== undefined) return { scope: 'local', attribute, listen };
  if (listen) {
    const type = listen.attr('type') ?? 'address';
    if (type === 'socket' || type === 'none') return { scope: 'local', attribute, listen };
    if (type === 'network') return { scope: 'network', address: listen.attr('address') ?? listen.attr('network'), attribute, listen };
    const address = listen.attr('address') ?? attribute?.value;
    if (address === undefined || address === '') return { scope: 'local', attribute, listen };
    return { scope: classifyAddress(address), address, attribute, listen };
  }
  if (attribute && attribute.value !== '') return { scope: classifyAddress(attribute.value), address: attribute.value, attribute };
  return { scope: 'local' };
}

/** Remote displays: `<graphics type='vnc'>` and `<graphics type='spice'>`. */
export function remoteDisplays(domain: XmlElement): XmlElement[] {
  return domain.select('devices/graphics').filter((g) => g.attr('type') === 'vnc' || g.attr('type') === 'spice');
}

/** Reachable from other machines: a wildcard, a specific non-loopback address, or a network's address. */
export function isExposed(listen: GraphicsListen): boolean {
  return listen.scope === 'wildcard' || listen.scope === 'address' || listen.scope === 'network';
}

/** How a message names the listen address. */
export function describeListen(listen: GraphicsListen): string {
  if (listen.scope === 'network') return `the address of libvirt network '${listen.listen?.attr('network') ?? '?'}'`;
  if (listen.scope === 'wildcard') return `${listen.address} (every address of the host)`;
  return listen.address ?? 'the default address';
}
