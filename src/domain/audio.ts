/**
 * Which audio backend a `<sound>` device plays through, as libvirt decides it
 * (libvirt 11.3 src/conf/domain_conf.c virDomainDefFindAudioByID,
 * src/qemu/qemu_domain.c qemuDomainDefaultAudioBackend).
 */
import type { XmlElement } from '#engine/tree.js';
import { memoize } from '#shared/memo.js';
import { parseUnsigned } from './platform.js';

export type AudioRoute =
  /** An `<audio>` element in the XML. */
  | { kind: 'explicit'; audio: XmlElement; type: string }
  /** No `<audio>` at all: libvirt (7.2+, QEMU driver) adds one; `type` is what it would pick. */
  | { kind: 'implicit'; type: 'spice' | 'none' | 'unknown' }
  /** `<sound><audio id='N'/>` names no `<audio>` (libvirt: "no audio device with ID N"). */
  | { kind: 'dangling'; id: string };

export function audioBackends(domain: XmlElement): readonly XmlElement[] {
  return indexOf(domain).backends;
}

/**
 * An `<audio id>` (backend or reference) as libvirt reads it: a base-10
 * unsigned number (virXMLPropUInt; `virsh define` takes id='01' as 1 and
 * refuses id='0x1'). Undefined when there is no id or libvirt refuses it.
 */
export function audioId(el: XmlElement): number | undefined {
  return parseUnsigned(el.attr('id'), 10);
}

export function audioRoute(domain: XmlElement, sound: XmlElement): AudioRoute {
  const index = indexOf(domain);
  let route = index.routes.get(sound);
  if (!route) index.routes.set(sound, (route = findRoute(domain, index, sound)));
  return route;
}

function findRoute(domain: XmlElement, index: AudioIndex, sound: XmlElement): AudioRoute {
  const ref = sound.child('audio');
  const wanted = ref?.attr('id');
  if (ref && wanted !== undefined) {
    const id = audioId(ref);
    const audio = id === undefined ? undefined : index.byId.get(id);
    return audio ? { kind: 'explicit', audio, type: audio.attr('type') ?? '' } : { kind: 'dangling', id: wanted };
  }
  const backends = index.backends;
  if (backends.length) return { kind: 'explicit', audio: backends[0], type: backends[0].attr('type') ?? '' };
  return { kind: 'implicit', type: implicitAudioType(domain) };
}

/**
 * The audio wiring of a domain, computed once: rules ask for the route of
 * every <sound> and for the users of every <audio>, and recomputing those
 * per question made a domain with thousands of sound devices cubic. The
 * tree never changes after parsing, so the index is kept per domain element.
 */
interface AudioIndex {
  backends: readonly XmlElement[];
  /** The first <audio> with each id, as a number (libvirt's virDomainDefFindAudioByID returns the first). */
  byId: Map<number, XmlElement>;
  routes: Map<XmlElement, AudioRoute>;
  /** Sound devices per <audio> they end at (filled on first use). */
  users?: Map<XmlElement, XmlElement[]>;
  nextId?: number;
  withoutAudio?: number;
}

const indexOf = memoize((domain: XmlElement): AudioIndex => {
  const backends = domain.select('devices/audio');
  const byId = new Map<number, XmlElement>();
  for (const a of backends) {
    const id = audioId(a);
    if (id !== undefined && !byId.has(id)) byId.set(id, a);
  }
  return { backends, byId, routes: new Map() };
});

/**
 * What libvirt adds when there is no `<audio>`: the last `<graphics>` that
 * decides wins; SPICE gives `spice`, VNC gives `none` (unless qemu.conf's
 * vnc_allow_host_audio, which we cannot see), SDL follows the environment.
 */
export function implicitAudioType(domain: XmlElement): 'spice' | 'none' | 'unknown' {
  let type: 'spice' | 'none' | 'unknown' = 'none';
  for (const g of domain.select('devices/graphics')) {
    const t = g.attr('type');
    if (t === 'spice') type = 'spice';
    else if (t === 'vnc') type = 'none';
    else if (t === 'sdl') type = 'unknown';
  }
  return type;
}

/** Sound devices whose route ends at `audio` (explicitly or as the document's first `<audio>`). */
export function soundsUsing(domain: XmlElement, audio: XmlElement): XmlElement[] {
  const index = indexOf(domain);
  if (!index.users) {
    index.users = new Map();
    for (const s of domain.select('devices/sound')) {
      const r = audioRoute(domain, s);
      if (r.kind !== 'explicit') continue;
      if (!index.users.has(r.audio)) index.users.set(r.audio, []);
      index.users.get(r.audio)!.push(s);
    }
  }
  return index.users.get(audio) ?? [];
}

/** How many <sound> devices have no <audio> child (they use the document's first <audio>). */
export function soundsWithoutAudio(domain: XmlElement): number {
  const index = indexOf(domain);
  index.withoutAudio ??= domain.select('devices/sound').filter((s) => !s.child('audio')).length;
  return index.withoutAudio;
}

/** An audio id not used yet: one more than the largest numeric id. */
export function nextAudioId(domain: XmlElement): number {
  const index = indexOf(domain);
  if (index.nextId === undefined) {
    let max = 0;
    for (const a of index.backends) {
      const n = audioId(a);
      if (n !== undefined && n > max) max = n;
    }
    index.nextId = max + 1;
  }
  return index.nextId;
}
