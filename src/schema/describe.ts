/**
 * What the grammar allows, in words: "one of 'none', 'writeback'", "an
 * absolute path", "a whole number from 0 to 31", "a size unit such as KiB or
 * MiB". libvirt's define names (`absFilePath`, `unit`, `pciSlot`) say what a
 * datatype means where its regex does not; everything else is described from
 * the datatype and its facets.
 */
import type { XmlElement } from '#engine/tree.js';
import { Kind, type Pattern } from './patterns.js';

/** Words for libvirt's datatype defines whose pattern is not self-explanatory. */
const NAMED: Record<string, string> = {
  absFilePath: 'an absolute path (starting with /)',
  absDirPath: 'an absolute directory path (starting with /)',
  filePath: 'a file path',
  dirPath: 'a directory path',
  vmwarePath: "a VMware datastore path such as '[datastore] dir/file.vmdk'",
  UUID: "a UUID such as '4dea22b3-1d52-d8f3-2516-782e98ab3fa0'",
  unit: 'a size unit such as KiB, MiB or GiB',
  uniMacAddr: "a unicast MAC address such as '52:54:00:12:34:56'",
  macAddr: "a MAC address such as '52:54:00:12:34:56'",
  multiMacAddr: 'a multicast MAC address',
  cpuset: "a list of CPU numbers and ranges such as '0-3,8,^2'",
  ipv4Addr: "an IPv4 address such as '192.168.122.1'",
  ipv6Addr: "an IPv6 address such as 'fe80::1'",
  ipAddr: 'an IPv4 or IPv6 address',
  uint8: 'a number from 0 to 255 (decimal, or hexadecimal such as 0xff)',
  uint16: 'a number from 0 to 65535 (decimal, or hexadecimal such as 0xffff)',
  uint24: 'a number from 0 to 16777215 (decimal, or hexadecimal such as 0xffffff)',
  uint32: 'a number from 0 to 4294967295 (decimal, or hexadecimal such as 0xffffffff)',
  pciDomain: 'a PCI domain number (decimal, or hexadecimal such as 0x0000)',
  pciBus: 'a PCI bus number from 0 to 255 (decimal, or hexadecimal such as 0x00)',
  pciSlot: 'a PCI slot number from 0 to 31 (decimal, or hexadecimal such as 0x1f)',
  pciFunc: 'a PCI function number from 0 to 7 (decimal, or hexadecimal such as 0x7)',
  hexuint: "a hexadecimal number such as '0x1a'",
  usbId: "a USB vendor or product id such as '0x046d'",
  usbPort: "a USB port path such as '1' or '1.2'",
  usbAddr: 'a USB bus or device number',
  diskTargetDev: "a device name such as 'vda', 'sda', 'hdc' or 'nvme0n1'",
  objectNameWithSlash: 'a name on one line',
  objectName: 'a name without slashes',
  genericName: 'a name of letters, digits, _, + and -',
  deviceName: 'a device name of letters, digits, _ . - \\ : and /',
  wwn: 'a 16-digit hexadecimal World Wide Name',
  octalMode: "an octal permission mode such as '0644'",
  createMode: "an octal permission mode such as '0644'",
  PortNumber: 'a port number from -1 to 65535',
  timeDelta: 'a whole number of seconds, with an optional sign',
  zoneName: 'a network zone name',
  dnsName: 'a DNS name',
};

/** One allowed form in words. */
export function describeForm(p: Pattern): string {
  if (p.label && NAMED[p.label]) return NAMED[p.label];
  switch (p.kind) {
    case Kind.Text:
      return 'any text';
    case Kind.List:
      return 'a space-separated list';
    case Kind.Value:
      return `'${p.value}'`;
    case Kind.Data:
      return describeData(p);
    case Kind.Choice: {
      const parts: string[] = [];
      const visit = (q: Pattern): void => {
        if (q.kind !== Kind.Choice) parts.push(describeForm(q));
        else q.parts!.forEach(visit);
      };
      visit(p);
      return [...new Set(parts)].join(' or ');
    }
    default:
      return 'a valid value';
  }
}

const WHOLE: Record<string, [string, string]> = {
  int: ['-2147483648', '2147483647'],
  short: ['-32768', '32767'],
  long: ['-9223372036854775808', '9223372036854775807'],
  unsignedInt: ['0', '4294967295'],
  unsignedLong: ['0', '18446744073709551615'],
  unsignedShort: ['0', '65535'],
  positiveInteger: ['1', ''],
  integer: ['', ''],
};

function describeData(p: Pattern): string {
  const dt = p.dt!;
  const params = dt.params;
  if (dt.name in WHOLE) {
    const [lo, hi] = WHOLE[dt.name];
    const min = params.get('minInclusive') ?? lo;
    const max = params.get('maxInclusive') ?? hi;
    if (min && max) return `a whole number from ${min} to ${max}`;
    if (min) return min === '0' ? 'a whole number (0 or more)' : `a whole number of at least ${min}`;
    if (max) return `a whole number of at most ${max}`;
    return 'a whole number';
  }
  switch (dt.name) {
    case 'double':
      return 'a number';
    case 'dateTime':
      return "a date and time such as '2025-01-31T12:00:00'";
    case 'anyURI':
      return 'a URI';
    case 'NCName':
      return 'a name without spaces or colons';
  }
  const pattern = params.get('pattern');
  const max = params.get('maxLength');
  if (pattern) return `text matching the pattern ${pattern}${max ? ` (at most ${max} characters)` : ''}`;
  if (max) return `text of at most ${max} characters`;
  return 'text';
}

/** "'a', 'b' or 'c'", at most `cap` values and a count of the others. */
export function listValues(values: string[], cap = 8): string {
  const quoted = values.map((v) => `'${v}'`);
  if (quoted.length <= 1) return quoted.join('');
  if (quoted.length > cap) return `${quoted.slice(0, cap).join(', ')} and ${quoted.length - cap} more`;
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** Everything a value may be: listed values and described forms. */
export function describeAllowed(values: string[], forms: Pattern[]): string {
  const parts: string[] = [];
  if (values.length) parts.push(values.length === 1 ? `'${values[0]}'` : `one of ${listValues(values)}`);
  for (const f of forms) parts.push(describeForm(f));
  return [...new Set(parts)].join(', or ');
}

/** How messages name an element: `<disk type='file'>`, `<os>`. */
export function tagLabel(el: XmlElement): string {
  const type = el.attribute('type');
  return type ? `<${el.name} type='${type.value}'>` : `<${el.name}>`;
}

const INTEGER_TYPES = new Set(Object.keys(WHOLE));

/**
 * The ranges of whole numbers the forms allow ([min, max], undefined where
 * unbounded), looking through labelled choices such as libvirt's `pciSlot`
 * (a hex pattern or an int from 0 to 31). Empty when no form is a number.
 */
export function integerRanges(forms: Pattern[]): [bigint | undefined, bigint | undefined][] {
  const out: [bigint | undefined, bigint | undefined][] = [];
  const visit = (p: Pattern): void => {
    if (p.kind === Kind.Choice) p.parts!.forEach(visit);
    else if (p.kind === Kind.Data && INTEGER_TYPES.has(p.dt!.name)) {
      const [lo, hi] = WHOLE[p.dt!.name];
      const min = p.dt!.params.get('minInclusive') ?? lo;
      const max = p.dt!.params.get('maxInclusive') ?? hi;
      out.push([min ? BigInt(min) : undefined, max ? BigInt(max) : undefined]);
    }
  };
  forms.forEach(visit);
  return out;
}

/**
 * Whether a form is a number: an integer datatype, or a string pattern made of
 * digits only (libvirt's `[0-9]{1,2}` drive address fields, `(0x)?[0-9a-fA-F]{1,3}`
 * USB numbers), also inside a choice.
 */
export function isNumberForm(p: Pattern): boolean {
  if (p.kind === Kind.Choice) return p.parts!.every(isNumberForm);
  if (p.kind !== Kind.Data) return false;
  if (INTEGER_TYPES.has(p.dt!.name)) return true;
  const pattern = p.dt!.params.get('pattern');
  return p.dt!.name === 'string' && pattern !== undefined && /^[0-9a-fA-Fx()[\]{},?+*|\\.-]+$/.test(pattern) && /0-9/.test(pattern);
}

/** Whether some form takes a number written in hexadecimal (`0x1`). */
export function takesHex(forms: Pattern[]): boolean {
  const visit = (p: Pattern): boolean => (p.kind === Kind.Choice ? p.parts!.some(visit) : p.kind === Kind.Data && p.dt!.allows('0x1'));
  return forms.some(visit);
}

/** libvirt datatypes its parser reads strictly (a bad one is refused), by the grammar's define name. */
export const PARSED_FORMS = new Set(['UUID', 'uniMacAddr', 'macAddr', 'multiMacAddr', 'cpuset', 'ipv4Addr', 'ipv6Addr', 'ipAddr', 'unit']);

/** Whether a form is one of PARSED_FORMS (also inside a choice). */
export function isParsedForm(p: Pattern): boolean {
  if (p.label && PARSED_FORMS.has(p.label)) return true;
  return p.kind === Kind.Choice && p.parts!.some(isParsedForm);
}
