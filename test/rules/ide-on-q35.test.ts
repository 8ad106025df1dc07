import { describe, expect, it } from 'vitest';
import rule from '../../rules/ide-on-q35.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const cdrom = domain(`<disk type='file' device='cdrom'>
  <driver name='qemu' type='raw'/>
  <source file='/srv/iso/virtio-win-0.1.266.iso'/>
  <target dev='hdc' bus='ide'/>
  <readonly/>
</disk>`);

describe('ide-on-q35', () => {
  it('reports an IDE disk on q35 at its bus attribute', () => {
    expect(diagnostics(rule, cdrom)).toEqual([
      {
        ruleId: 'ide-on-q35',
        severity: 'error',
        line: 27,
        column: 25,
        endLine: 27,
        endColumn: 34,
        message:
          'Disk \'hdc\' is on the IDE bus, but the q35 machine has no IDE controller: libvirt refuses it: "IDE controllers are unsupported for this QEMU binary or machine type". Use bus=\'sata\' (with an sd* target name) or bus=\'virtio\' / \'scsi\'.',
      },
    ]);
  });

  it('treats an hd* target without a bus as IDE, and reports IDE controllers', () => {
    const noBus = cdrom.replace("<target dev='hdc' bus='ide'/>", "<target dev='hdc'/>");
    expect(diagnostics(rule, noBus).map((d) => [d.line, d.column])).toEqual([[27, 7]]);
    const controller = domain("<controller type='ide' index='0'/>");
    expect(diagnostics(rule, controller).map((d) => d.message.slice(0, 50))).toEqual(['The q35 machine cannot have an IDE controller: lib']);
  });

  it('accepts SATA on q35 and IDE on i440fx', () => {
    expect(diagnostics(rule, cdrom.replace("<target dev='hdc' bus='ide'/>", "<target dev='sdc' bus='sata'/>"))).toEqual([]);
    expect(diagnostics(rule, cdrom.replace("machine='pc-q35-9.1'", "machine='pc-i440fx-9.1'"))).toEqual([]);
  });

  it('reports a second IDE controller on i440fx', () => {
    const xml = domain("<controller type='ide' index='0'/>\n<controller type='ide' index='1'/>").replace("machine='pc-q35-9.1'", "machine='pc-i440fx-9.1'");
    const [d] = diagnostics(rule, xml);
    expect(d).toMatchObject({ line: 25, column: 5 });
    expect(d.message).toContain('"Only a single IDE controller is supported for this machine type"');
  });
});
