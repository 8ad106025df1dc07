import { describe, expect, it } from 'vitest';
import rule from '../../rules/rawio-enabled.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const disk = (device: string) =>
  domain(`<disk type='block' device='${device}' rawio='yes'>
  <source dev='/dev/sdb'/>
  <target dev='sdb' bus='scsi'/>
</disk>`);

describe('rawio-enabled', () => {
  it("is an error on a disk that is not device='lun', quoting libvirt", () => {
    expect(diagnostics(rule, disk('disk'))).toEqual([
      {
        ruleId: 'rawio-enabled',
        severity: 'error',
        line: 24,
        column: 38,
        endLine: 24,
        endColumn: 49,
        message:
          "rawio='yes' on a <disk device='disk'>: libvirt refuses it: \"rawio can be used only with device='lun'\". Remove rawio, or pass the device as device='lun'.",
      },
    ]);
  });

  it('is information on a LUN and on a SCSI hostdev', () => {
    expect(diagnostics(rule, disk('lun'))[0]).toMatchObject({ severity: 'info', line: 24, column: 37 });
    const scsi = domain(`<hostdev mode='subsystem' type='scsi' rawio='yes'>\n  <source>\n    <adapter name='scsi_host0'/>\n    <address bus='0' target='0' unit='0'/>\n  </source>\n</hostdev>`);
    expect(diagnostics(rule, scsi)[0].message).toContain('CAP_SYS_RAWIO');
  });

  it("is quiet without rawio or with rawio='no'", () => {
    expect(diagnostics(rule, disk('lun').replace(" rawio='yes'", ''))).toEqual([]);
    expect(diagnostics(rule, disk('lun').replace("rawio='yes'", "rawio='no'"))).toEqual([]);
  });
});
