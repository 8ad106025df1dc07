import { describe, expect, it } from 'vitest';
import { firmwareAutoselect, firmwareFeature, firmwareFeatures, loaderOf, loaderPath, nvramHasStore, nvramOf, secureBootFeatureEnabled, secureLoaderAttr, smmState } from '#domain/firmware.js';
import { at, domain } from './xml.js';

const TYPE = "<type arch='x86_64' machine='q35'>hvm</type>";
const withOsBody = (body: string, osAttrs = '', features = '') => domain(`<os${osAttrs}>${TYPE}${body}</os>${features ? `<features>${features}</features>` : ''}`);
const nvram = (xml: string) => nvramOf(withOsBody(xml));

describe('firmwareAutoselect', () => {
  it("is the <os firmware> attribute, for the rule to point at", () => {
    const d = withOsBody('', " firmware='efi'");
    expect(firmwareAutoselect(d)).toBe(at(d, 'os').attribute('firmware'));
    expect(firmwareAutoselect(d)?.value).toBe('efi');
  });

  it('is undefined without the attribute or without <os>', () => {
    expect(firmwareAutoselect(withOsBody(''))).toBeUndefined();
    expect(firmwareAutoselect(domain(''))).toBeUndefined();
  });
});

// `virsh define` keeps only the first <loader> and the first <nvram> (the test
// driver drops the second of each from `dumpxml`).
describe('loaderOf, nvramOf and loaderPath', () => {
  const d = withOsBody("<loader readonly='yes' type='pflash'>/a.fd</loader><loader>/b.fd</loader><nvram>/n1.fd</nvram><nvram>/n2.fd</nvram>");

  it('take the first <loader> and the first <nvram>', () => {
    expect(loaderPath(loaderOf(d)!)).toBe('/a.fd');
    expect(nvramOf(d)?.text()).toBe('/n1.fd');
  });

  it("give the loader path, '' for a loader without one", () => {
    expect(loaderPath(at(withOsBody("<loader readonly='yes' type='pflash'/>"), 'os/loader'))).toBe('');
  });

  // `virsh define` writes back <loader ...>  /usr/share/OVMF.fd  </loader> and
  // <loader ...> </loader> as they are; only an empty loader has no path.
  it('give the path untrimmed, as libvirt reads it', () => {
    expect(loaderPath(at(withOsBody("<loader type='pflash'>  /a.fd  </loader>"), 'os/loader'))).toBe('  /a.fd  ');
    expect(loaderPath(at(withOsBody("<loader type='pflash'> </loader>"), 'os/loader'))).toBe(' ');
  });

  it('are undefined when <os> has none', () => {
    expect(loaderOf(withOsBody(''))).toBeUndefined();
    expect(nvramOf(withOsBody(''))).toBeUndefined();
  });
});

describe('nvramHasStore', () => {
  it('is true for a path, or a typed NVRAM with a <source>', () => {
    expect(nvramHasStore(nvram('<nvram>/var/lib/libvirt/qemu/nvram/vm_VARS.fd</nvram>'))).toBe(true);
    expect(nvramHasStore(nvram("<nvram type='file'><source file='/var/lib/vm_VARS.fd'/></nvram>"))).toBe(true);
  });

  // `virsh define` keeps <nvram> </nvram> (a path of one space).
  it('is true for a path of white space', () => {
    expect(nvramHasStore(nvram('<nvram> </nvram>'))).toBe(true);
  });

  // `virsh define` drops an empty <nvram/> and keeps a template-only one without a path.
  it('is false for an empty <nvram/>, a template alone, or no <nvram>', () => {
    expect(nvramHasStore(nvram('<nvram/>'))).toBe(false);
    expect(nvramHasStore(nvram("<nvram template='/usr/share/OVMF/OVMF_VARS.fd'/>"))).toBe(false);
    expect(nvramHasStore(undefined)).toBe(false);
  });
});

describe('firmwareFeatures and firmwareFeature', () => {
  const d = withOsBody(
    "<firmware><feature enabled='yes' name='secure-boot'/><feature enabled='yes' name='enrolled-keys'/><feature enabled='no' name='secure-boot'/></firmware>",
    " firmware='efi'",
  );

  it('list every <os><firmware><feature>', () => {
    expect(firmwareFeatures(d).map((f) => f.attr('name'))).toEqual(['secure-boot', 'enrolled-keys', 'secure-boot']);
  });

  // `virsh define` keeps only <feature enabled='no' name='secure-boot'/>.
  it('take the last feature of a name, as libvirt does', () => {
    expect(firmwareFeature(d, 'secure-boot')?.attr('enabled')).toBe('no');
    expect(firmwareFeature(d, 'enrolled-keys')?.attr('enabled')).toBe('yes');
    expect(firmwareFeature(d, 'nonesuch')).toBeUndefined();
  });
});

describe('smmState', () => {
  it("reads <smm/> as on (`virsh dumpxml` writes state='on'), and state='off' as off", () => {
    expect(smmState(withOsBody('', '', '<smm/>'))).toBe('on');
    expect(smmState(withOsBody('', '', "<smm state='on'/>"))).toBe('on');
    expect(smmState(withOsBody('', '', "<smm state='off'/>"))).toBe('off');
  });

  it('is undefined without <smm>', () => {
    expect(smmState(withOsBody('', '', '<acpi/>'))).toBeUndefined();
  });
});

describe('secureLoaderAttr', () => {
  it("is the secure attribute of the first loader when it is 'yes'", () => {
    const d = withOsBody("<loader readonly='yes' secure='yes' type='pflash'>/c.fd</loader>");
    expect(secureLoaderAttr(d)).toBe(at(d, 'os/loader').attribute('secure'));
  });

  it("is undefined for secure='no', no secure attribute, or a secure second loader", () => {
    expect(secureLoaderAttr(withOsBody("<loader secure='no'>/c.fd</loader>"))).toBeUndefined();
    expect(secureLoaderAttr(withOsBody('<loader>/c.fd</loader>'))).toBeUndefined();
    expect(secureLoaderAttr(withOsBody("<loader>/c.fd</loader><loader secure='yes'>/d.fd</loader>"))).toBeUndefined();
  });
});

describe('secureBootFeatureEnabled', () => {
  it("is the secure-boot feature when enabled='yes'", () => {
    const d = withOsBody("<firmware><feature enabled='yes' name='secure-boot'/></firmware>", " firmware='efi'");
    expect(secureBootFeatureEnabled(d)).toBe(at(d, 'os/firmware/feature'));
  });

  it('is undefined when a later secure-boot feature turns it off, or there is none', () => {
    const d = withOsBody("<firmware><feature enabled='yes' name='secure-boot'/><feature enabled='no' name='secure-boot'/></firmware>", " firmware='efi'");
    expect(secureBootFeatureEnabled(d)).toBeUndefined();
    expect(secureBootFeatureEnabled(withOsBody('', " firmware='efi'"))).toBeUndefined();
  });
});
