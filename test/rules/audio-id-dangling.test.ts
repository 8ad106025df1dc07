import { describe, expect, it } from 'vitest';
import rule from '../../rules/audio-id-dangling.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const xml = (backend: string) => domain(`<sound model='ich9'>\n  <audio id='1'/>\n</sound>\n${backend}`);

describe('audio-id-dangling', () => {
  it('reports a reference to a missing backend', () => {
    expect(diagnostics(rule, xml("<audio id='2' type='pipewire'/>"))).toEqual([
      {
        ruleId: 'audio-id-dangling',
        severity: 'error',
        line: 25,
        column: 14,
        endLine: 25,
        endColumn: 20,
        message:
          '<sound> plays through audio backend 1, but there is no <audio id=\'1\'>: libvirt refuses it: "no audio device with ID 1". Add <audio id=\'1\' type=\'...\'/> (pipewire, pulseaudio, spice or none), or point to an existing backend.',
      },
    ]);
  });

  it('checks VNC <graphics><audio> references too', () => {
    const vnc = domain("<graphics type='vnc' port='-1' autoport='yes'>\n  <audio id='3'/>\n</graphics>\n<audio id='1' type='none'/>");
    expect(diagnostics(rule, vnc).map((d) => d.message.slice(0, 45))).toEqual(['<graphics> plays through audio backend 3, but']);
  });

  it('accepts an existing backend', () => {
    expect(diagnostics(rule, xml("<audio id='1' type='pipewire'/>"))).toEqual([]);
  });
});
