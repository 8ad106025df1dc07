import { describe, expect, it } from 'vitest';
import rule from '../../rules/filesystem-target-duplicate.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const shares = (driver2: string, tag2: string) =>
  domain(`<filesystem type='mount' accessmode='passthrough'>
  <driver type='virtiofs'/>
  <source dir='/srv/projects'/>
  <target dir='share'/>
</filesystem>
<filesystem type='mount' accessmode='passthrough'>
  ${driver2}
  <source dir='/srv/media'/>
  <target dir='${tag2}'/>
</filesystem>`);

describe('filesystem-target-duplicate', () => {
  it('reports a virtiofs mount tag used twice', () => {
    expect(diagnostics(rule, shares("<driver type='virtiofs'/>", 'share'))).toEqual([
      {
        ruleId: 'filesystem-target-duplicate',
        severity: 'error',
        line: 32,
        column: 15,
        endLine: 32,
        endColumn: 26,
        message:
          'Filesystem target \'share\' is already used by another <filesystem>: libvirt refuses it: "filesystem target \'share\' specified twice". Give each share its own target (the tag the guest mounts).',
      },
    ]);
  });

  it('also reports a 9p share that reuses a virtiofs tag', () => {
    expect(diagnostics(rule, shares("<driver type='path'/>", 'share'))).toHaveLength(1);
  });

  it('accepts distinct tags, and two 9p shares with one tag (libvirt does not check those)', () => {
    expect(diagnostics(rule, shares("<driver type='virtiofs'/>", 'media'))).toEqual([]);
    const ninep = shares("<driver type='path'/>", 'share').replace("<driver type='virtiofs'/>", "<driver type='path'/>");
    expect(diagnostics(rule, ninep)).toEqual([]);
  });
});
