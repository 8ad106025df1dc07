import { describe, expect, it } from 'vitest';
import { classifyAddress, describeListen, graphicsListen, isExposed, remoteDisplays, type GraphicsListen } from '#domain/display.js';
import { at, withDevices } from './xml.js';

const graphics = (xml: string) => at(withDevices(xml), 'devices/graphics');
const scope = (xml: string) => graphicsListen(graphics(xml)).scope;

describe('classifyAddress', () => {
  it('calls 0.0.0.0 and :: (any spelling) the wildcard', () => {
    expect(['0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0'].map(classifyAddress)).toEqual(Array(4).fill('wildcard'));
  });

  it('calls 127.0.0.0/8, ::1, localhost and IPv4-mapped 127.x loopback', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LocalHost', '::ffff:127.0.0.1'].map(classifyAddress)).toEqual(Array(7).fill('loopback'));
  });

  it('calls any other address or host name a specific address', () => {
    expect(['192.168.1.10', '128.0.0.1', '::2', 'vmhost.example.org', 'localhost.example.org'].map(classifyAddress)).toEqual(Array(5).fill('address'));
  });
});

// Each case below was checked with `virsh define` + `dumpxml --inactive`
// (test driver, libvirt 9.0), which shows how libvirt resolves the listen.
describe('graphicsListen', () => {
  it("reads the legacy listen attribute (libvirt turns it into <listen type='address'>)", () => {
    const g = graphics("<graphics type='vnc' port='5900' listen='0.0.0.0'/>");
    expect(graphicsListen(g)).toEqual({ scope: 'wildcard', address: '0.0.0.0', attribute: g.attribute('listen') });
  });

  it("fills an address-less first <listen type='address'> from the listen attribute", () => {
    const l = graphicsListen(graphics("<graphics type='vnc' listen='192.168.1.10'><listen type='address'/></graphics>"));
    expect(l).toMatchObject({ scope: 'address', address: '192.168.1.10' });
    expect(l.listen?.name).toBe('listen');
  });

  it("uses the first <listen> only", () => {
    expect(scope("<graphics type='vnc'><listen type='address' address='127.0.0.1'/><listen type='address' address='0.0.0.0'/></graphics>")).toBe('loopback');
  });

  it("is local with no address at all: QEMU then listens on qemu.conf's vnc_listen / spice_listen (127.0.0.1 by default)", () => {
    expect(graphicsListen(graphics("<graphics type='vnc' autoport='yes'/>"))).toEqual({ scope: 'local' });
    expect(scope("<graphics type='vnc' autoport='yes' listen=''/>")).toBe('local');
    expect(scope("<graphics type='vnc' autoport='yes'><listen type='address'/></graphics>")).toBe('local');
  });

  it('is local for a UNIX socket or listen type none', () => {
    expect(scope("<graphics type='vnc'><listen type='socket' socket='/run/vnc.sock'/></graphics>")).toBe('local');
    expect(scope("<graphics type='spice'><listen type='none'/></graphics>")).toBe('local');
  });

  it("is local for a VNC socket attribute, whatever the listen says (libvirt replaces the listen with type='socket')", () => {
    expect(scope("<graphics type='vnc' socket='/run/vnc.sock' listen='0.0.0.0'/>")).toBe('local');
    expect(scope("<graphics type='vnc' socket='/run/vnc.sock'><listen type='address' address='0.0.0.0'/></graphics>")).toBe('local');
  });

  it('is the network for a listen on a libvirt network', () => {
    const l = graphicsListen(graphics("<graphics type='spice' autoport='yes'><listen type='network' network='default'/></graphics>"));
    expect(l).toMatchObject({ scope: 'network', address: 'default' });
  });

  it('keeps a SPICE listen address when a port is given or allocated', () => {
    expect(scope("<graphics type='spice' autoport='yes'><listen type='address' address='0.0.0.0'/></graphics>")).toBe('wildcard');
    expect(scope("<graphics type='spice' tlsPort='5901'><listen type='address' address='0.0.0.0'/></graphics>")).toBe('wildcard');
  });

  // libvirt's virDomainDefPostParseGraphics: "If spice graphics is configured
  // without ports and with autoport='no' then we start qemu with Spice to not
  // listen anywhere" -- it rewrites the first listen to type='none' (`virsh
  // dumpxml` shows <listen type='none'/>; also for port='0' and autoport='no').
  it("is local for SPICE without port, tlsPort or autoport='yes', whatever address it names", () => {
    expect(scope("<graphics type='spice' listen='0.0.0.0'/>")).toBe('local');
    expect(scope("<graphics type='spice'><listen type='address' address='0.0.0.0'/></graphics>")).toBe('local');
    expect(scope("<graphics type='spice' port='0' autoport='no' listen='0.0.0.0'/>")).toBe('local');
  });

  // `virsh dumpxml` keeps these listens: port='-1' and tlsPort='-1' are not 0,
  // and a network listen is not rewritten.
  it('keeps the listen of SPICE with port -1, or on a network, even without autoport', () => {
    expect(scope("<graphics type='spice' port='-1' listen='0.0.0.0'/>")).toBe('wildcard');
    expect(scope("<graphics type='spice' tlsPort='-1' listen='0.0.0.0'/>")).toBe('wildcard');
    expect(scope("<graphics type='spice'><listen type='network' network='lan'/></graphics>")).toBe('network');
  });
});

describe('remoteDisplays', () => {
  it('lists the VNC and SPICE <graphics>, not SDL, egl-headless or dbus', () => {
    const d = withDevices("<graphics type='sdl'/><graphics type='vnc'/><graphics type='egl-headless'/><graphics type='spice'/><graphics type='dbus'/>");
    expect(remoteDisplays(d).map((g) => g.attr('type'))).toEqual(['vnc', 'spice']);
  });
});

describe('isExposed', () => {
  it('is true for the wildcard, a specific address and a network; false for loopback and local', () => {
    const exposed = (scope: GraphicsListen['scope']) => isExposed({ scope });
    expect(['wildcard', 'address', 'network', 'loopback', 'local'].map((s) => exposed(s as GraphicsListen['scope']))).toEqual([true, true, true, false, false]);
  });
});

describe('describeListen', () => {
  it('names the network, the wildcard, the address, or the default address', () => {
    const of = (xml: string) => describeListen(graphicsListen(graphics(xml)));
    expect(of("<graphics type='vnc'><listen type='network' network='lan'/></graphics>")).toBe("the address of libvirt network 'lan'");
    expect(of("<graphics type='vnc' listen='::'/>")).toBe(':: (every address of the host)');
    expect(of("<graphics type='vnc' listen='10.0.0.5'/>")).toBe('10.0.0.5');
    expect(of("<graphics type='vnc'/>")).toBe('the default address');
  });
});
