/**
 * The output formats on one small fixture: exact compact lines, exact GitHub
 * workflow commands (with GitHub's escaping), the JSON shape, and SARIF
 * validated against the official SARIF 2.1.0 JSON Schema.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { defineRule, type Rule } from '#engine/rule.js';
import { lint } from '#engine/linter.js';
import type { Diagnostic } from '#engine/diagnostic.js';
import type { FileReport, FormatContext } from '../../src/formatters/types.js';
import { formatCompact } from '../../src/formatters/compact.js';
import { annotationPath, escapeData, escapeProperty, formatGithub } from '../../src/formatters/github.js';
import { formatStylish } from '../../src/formatters/stylish.js';
import { escapeControls, escapeControlsKeepingLineBreaks } from '../../src/formatters/escape.js';
import { formatJson } from '../../src/formatters/json.js';
import { artifactUri, formatSarif } from '../../src/formatters/sarif.js';
import { renderRuleDoc } from '../../src/docs/render.js';
import { jsonSchemaOf } from '../../src/docs/option-schema.js';
import { ruleDocsUrl } from '../../src/docs/links.js';
import pkg from '../../package.json' with { type: 'json' };

const SCHEMA_PATH = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/sarif/sarif-schema-2.1.0.json');

/** A rule that reports three things: a multi-line range, an element with a safe fix, an attribute. */
const probe: Rule = defineRule({
  meta: {
    id: 'test-probe',
    description: 'Reports what the formatter tests need',
    severity: 'warning',
    category: 'meta',
    fixable: 'safe',
    messages: { text: '{{text}}' },
    docs: {
      whatItDoes: 'Reports <sound> and <graphics> for the formatter tests.',
      whyIsThisBad: 'It is not; it is a probe.',
      example: "<sound model='ich9'/>",
      useInstead: "<sound model='ich6'/>",
      fixSafety: 'Safe.',
      sources: ['test/formatters/formats.test.ts'],
    },
  },
  create(ctx) {
    const devices = ctx.domain.child('devices');
    const sound = devices?.child('sound');
    const graphics = devices?.child('graphics');
    if (!devices || !sound || !graphics) return;
    ctx.report({ at: { start: devices.startTag.start, end: sound.range.end }, messageId: 'text', data: { text: 'spans two lines' } });
    ctx.report({
      at: sound,
      severity: 'error',
      messageId: 'text',
      data: { text: '100% broken: a, b\r\nsecond line' },
      fixes: [{ title: "Use model 'ich6'", safety: 'safe', edits: [ctx.fixer.replaceAttributeValue(sound.attribute('model')!, 'ich6')] }],
    });
    ctx.report({ at: graphics.attribute('type')!, severity: 'info', messageId: 'text', data: { text: 'use VNC' } });
  },
});

/** A security rule that needs the QEMU version: skipped without it. */
const needsQemu: Rule = defineRule({
  meta: { ...probe.meta, id: 'test-needs-qemu', category: 'security', severity: 'warning', fixable: false, requires: { qemu: '*' }, messages: { graphics: '<graphics> on QEMU {{version}}' } },
  create(ctx) {
    const graphics = ctx.domain.first('devices/graphics');
    if (graphics) ctx.report({ at: graphics, messageId: 'graphics', data: { version: ctx.host.qemu!.version } });
  },
});

const XML = `<domain type='kvm'>
  <name>vm</name>
  <devices>
    <sound model='ich9'/>
    <graphics type='spice'/>
  </devices>
</domain>
`;
const FILE = 'vms/a,b:c %.xml';

function fixture(): FileReport[] {
  const opts = { rules: [probe], host: {} };
  return [
    { filePath: FILE, result: lint(XML, opts) },
    { filePath: 'vms/net.xml', result: lint("<network><name>default</name></network>\n", opts) },
    { filePath: 'vms/clean.xml', result: lint("<domain type='kvm'><name>ok</name></domain>\n", opts) },
  ];
}

const ctx = (over: Partial<FormatContext> = {}): FormatContext => ({ cwd: '/work', color: false, rules: [probe], notes: [], fixing: false, ...over });

describe('the fixture', () => {
  it('has the positions the expectations below rely on', () => {
    const m = fixture()[0].result.messages.map((d: Diagnostic) => [d.severity, d.line, d.column, d.endLine, d.endColumn]);
    expect(m).toEqual([
      ['warning', 3, 3, 4, 26],
      ['error', 4, 5, 4, 26],
      ['info', 5, 15, 5, 27],
    ]);
  });
});

describe('compact', () => {
  it('prints file:line:col: severity: message [rule-id], one line per problem, then a count', () => {
    expect(formatCompact(fixture(), ctx())).toBe(
      [
        'vms/a,b:c %.xml:3:3: warning: spans two lines [test-probe]',
        'vms/a,b:c %.xml:4:5: error: 100% broken: a, b second line [test-probe]',
        'vms/a,b:c %.xml:5:15: info: use VNC [test-probe]',
        "3 problems (1 error, 1 warning, 1 info); run `virt-lint rule <rule-id>` for a rule's documentation",
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for a clean run', () => {
    expect(formatCompact(fixture().slice(1), ctx())).toBe('');
  });
});

describe('github', () => {
  const docs = `%0ADocs: ${ruleDocsUrl('test-probe')} or \`virt-lint rule test-probe\``;

  it('escapes data (% CR LF) and properties (also : and ,) as actions/toolkit does', () => {
    expect(escapeData('100%\r\n: ,')).toBe('100%25%0D%0A: ,');
    expect(escapeProperty('100%\r\n: ,')).toBe('100%25%0D%0A%3A %2C');
  });

  it('prints one workflow command per problem, then the stylish report', () => {
    const reports = fixture();
    const file = 'vms/a%2Cb%3Ac %25.xml';
    expect(formatGithub(reports, ctx())).toBe(
      [
        // A range over several lines: no columns (GitHub supports them on one line only).
        `::warning file=${file},line=3,endLine=4,title=virt-lint (test-probe)::spans two lines${docs}`,
        `::error file=${file},line=4,col=5,endLine=4,endColumn=26,title=virt-lint (test-probe)::100%25 broken: a, b%0D%0Asecond line%0AFix: Use model 'ich6' (virt-lint --fix applies it)${docs}`,
        `::notice file=${file},line=5,col=15,endLine=5,endColumn=27,title=virt-lint (test-probe)::use VNC${docs}`,
        '',
        formatStylish(reports, ctx()),
      ].join('\n'),
    );
  });

  it('says when GitHub will not show every annotation', () => {
    const [report] = fixture();
    const error = report.result.messages[1];
    const many: FileReport = { filePath: 'a.xml', result: { ...report.result, messages: Array.from({ length: 11 }, () => error) } };
    const lines = formatGithub([many], ctx()).split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(11);
    expect(lines[11]).toBe('virt-lint: 11 errors: GitHub shows only the first 10 annotations of each kind per step; the full report follows.');
    expect(lines.slice(12).join('\n')).toBe('\n' + formatStylish([many], ctx()));
  });

  it('makes paths relative to GITHUB_WORKSPACE when the run is in a subdirectory', () => {
    expect(annotationPath('vms/a.xml', { cwd: '/repo/infra', env: { GITHUB_WORKSPACE: '/repo' } })).toBe('infra/vms/a.xml');
    expect(annotationPath('vms/a.xml', { cwd: '/repo', env: { GITHUB_WORKSPACE: '/repo' } })).toBe('vms/a.xml');
    expect(annotationPath('/elsewhere/a.xml', { cwd: '/repo', env: { GITHUB_WORKSPACE: '/repo' } })).toBe('/elsewhere/a.xml');
    expect(annotationPath('vms/a.xml', { cwd: '/repo', env: {} })).toBe('vms/a.xml');
  });
});

describe('json', () => {
  it('gives every message its rule id, the docs command and the docs URL', () => {
    const out = JSON.parse(formatJson(fixture(), ctx()));
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ filePath: FILE, errorCount: 1, warningCount: 1, infoCount: 1, fixableCount: 1 });
    expect(out[0].messages[1]).toEqual({
      ruleId: 'test-probe',
      severity: 'error',
      message: '100% broken: a, b\r\nsecond line',
      messageId: 'text',
      data: { text: '100% broken: a, b\r\nsecond line' },
      line: 4,
      column: 5,
      endLine: 4,
      endColumn: 26,
      fix: { title: "Use model 'ich6'", safety: 'safe', edits: [{ range: [XML.indexOf('ich9'), XML.indexOf('ich9') + 4], text: 'ich6' }] },
      docs: 'virt-lint rule test-probe',
      docsUrl: ruleDocsUrl('test-probe'),
    });
    expect(out[1]).toEqual({
      filePath: 'vms/net.xml',
      messages: [],
      errorCount: 0,
      warningCount: 0,
      infoCount: 0,
      fixableCount: 0,
      skipped: 'root element is <network>, not <domain>',
      skippedRules: [],
    });
  });

  it('lists the rules skipped for an unknown host fact, after the fields that were there before', () => {
    const out = JSON.parse(formatJson([{ filePath: 'a.xml', result: lint(XML, { rules: [probe, needsQemu], host: {} }) }], ctx()));
    expect(out[0].skippedRules).toEqual([{ ruleId: 'test-needs-qemu', missing: ['qemu'] }]);
    expect(Object.keys(out[0])).toEqual(['filePath', 'messages', 'errorCount', 'warningCount', 'infoCount', 'fixableCount', 'skippedRules']);
    expect(Object.keys(out[0].messages[0])).toEqual(['ruleId', 'severity', 'message', 'messageId', 'data', 'line', 'column', 'endLine', 'endColumn', 'docs', 'docsUrl']);
  });

  it('has no docsUrl for an id without a rule page', () => {
    const [report] = fixture();
    const crashed = { ...report.result.messages[0], ruleId: 'internal-error' };
    const out = JSON.parse(formatJson([{ filePath: 'a.xml', result: { ...report.result, messages: [crashed] } }], ctx()));
    expect(out[0].messages[0].docs).toBe('virt-lint rule internal-error');
    expect(out[0].messages[0]).not.toHaveProperty('docsUrl');
  });
});

describe('sarif', () => {
  const validate = (() => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajvFormats.default(ajv);
    return ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  })();
  const schemaErrors = (log: unknown) => (validate(log) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`));

  it('the vendored schema is the official SARIF 2.1.0 one and it rejects what is not SARIF', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
    expect(schema.$id).toBe('https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json');
    expect(schemaErrors({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).not.toEqual([]); // driver.name missing
    const log = JSON.parse(formatSarif(fixture(), ctx()));
    log.runs[0].results[0].level = 'fatal';
    expect(schemaErrors(log)).not.toEqual([]);
    log.runs[0].results[0].level = 'error';
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(schemaErrors(log)).not.toEqual([]);
  });

  it('is valid SARIF 2.1.0', () => {
    expect(schemaErrors(JSON.parse(formatSarif(fixture(), ctx())))).toEqual([]);
    expect(schemaErrors(JSON.parse(formatSarif(fixture().slice(1), ctx())))).toEqual([]); // no results at all
  });

  it('describes the tool and each rule that has results as GitHub code scanning reads them', () => {
    const log = JSON.parse(formatSarif(fixture(), ctx()));
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const { driver } = log.runs[0].tool;
    expect(driver).toMatchObject({ name: 'virt-lint', version: pkg.version, semanticVersion: pkg.version });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules).toEqual([
      {
        id: 'test-probe',
        shortDescription: { text: 'Reports what the formatter tests need' },
        fullDescription: { text: 'Reports <sound> and <graphics> for the formatter tests.' },
        help: {
          text: `Reports <sound> and <graphics> for the formatter tests.\n\nIt is not; it is a probe.\n\nFull documentation: ${ruleDocsUrl('test-probe')} (or run \`virt-lint rule test-probe\`).`,
          markdown: renderRuleDoc(probe, jsonSchemaOf),
        },
        helpUri: ruleDocsUrl('test-probe'),
        defaultConfiguration: { level: 'warning' },
        properties: { tags: ['meta'], 'problem.severity': 'warning' },
      },
    ]);
  });

  it('gives each result its rule, level, message, a relative, URI-escaped location with a region, its element path and a fingerprint', () => {
    const log = JSON.parse(formatSarif(fixture(), ctx()));
    const uri = 'vms/a%2Cb%3Ac%20%25.xml';
    const loc = (startLine: number, startColumn: number, endLine: number, endColumn: number, element: string) => [
      {
        physicalLocation: { artifactLocation: { uri }, region: { startLine, startColumn, endLine, endColumn } },
        logicalLocations: [{ fullyQualifiedName: element, kind: 'element' }],
      },
    ];
    const fingerprint = { 'virtLint/v1': expect.stringMatching(/^[0-9a-f]{32}:1$/) };
    expect(log.runs[0].results).toEqual([
      { ruleId: 'test-probe', ruleIndex: 0, level: 'warning', message: { text: 'spans two lines' }, locations: loc(3, 3, 4, 26, 'domain/devices'), partialFingerprints: fingerprint },
      {
        ruleId: 'test-probe',
        ruleIndex: 0,
        level: 'error',
        message: { text: '100% broken: a, b\r\nsecond line' },
        locations: loc(4, 5, 4, 26, "domain/devices/sound[@model='ich9']"),
        partialFingerprints: fingerprint,
        fixes: [
          {
            description: { text: "Use model 'ich6'" },
            artifactChanges: [
              { artifactLocation: { uri }, replacements: [{ deletedRegion: { startLine: 4, startColumn: 19, endLine: 4, endColumn: 23 }, insertedContent: { text: 'ich6' } }] },
            ],
          },
        ],
      },
      {
        ruleId: 'test-probe',
        ruleIndex: 0,
        level: 'note',
        message: { text: 'use VNC' },
        locations: loc(5, 15, 5, 27, "domain/devices/graphics[@type='spice']/@type"),
        partialFingerprints: fingerprint,
      },
    ]);
    const prints = log.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['virtLint/v1']);
    expect(new Set(prints).size).toBe(3);
  });

  describe('fingerprints', () => {
    const printsOf = (xml: string, filePath = 'vm.xml', rules: Rule[] = [probe]) =>
      JSON.parse(formatSarif([{ filePath, result: lint(xml, { rules, host: {} }) }], ctx())).runs[0].results.map(
        (r: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[]; partialFingerprints: Record<string, string> }) => [
          r.ruleId,
          r.locations[0].physicalLocation.region.startLine,
          r.partialFingerprints['virtLint/v1'],
        ],
      );

    it('are identical for the same problems after unrelated lines and elements are inserted above them', () => {
      const before = printsOf(XML);
      const moved = XML.replace(
        '  <devices>\n',
        "  <!-- a comment -->\n  <memory unit='GiB'>8</memory>\n\n  <devices>\n    <disk type='file' device='disk'><target dev='vda'/></disk>\n    <video><model type='virtio'/></video>\n",
      ).replace('<sound ', '<sound\n      ');
      const after = printsOf(moved);
      expect(after.map((r: unknown[]) => r[1])).not.toEqual(before.map((r: unknown[]) => r[1])); // the lines did move
      expect(after.map((r: unknown[]) => r[2])).toEqual(before.map((r: unknown[]) => r[2]));
    });

    it('tell apart the same problem on another element, in another file, and twice on one element', () => {
      const [, sound] = printsOf(XML);
      expect(printsOf(XML.replace("model='ich9'", "model='ich9' ")).map((r: unknown[]) => r[2])).toEqual(printsOf(XML).map((r: unknown[]) => r[2])); // whitespace only
      const otherFile = printsOf(XML, 'other.xml');
      expect(otherFile[1][2]).not.toBe(sound[2]);
      // Two <sound> elements with the same model: the second is `sound[@model='ich9'][2]`.
      const two = printsOf(XML.replace("<sound model='ich9'/>", "<sound model='ich9'/>\n    <sound model='ich9'/>"));
      expect(two.map((r: unknown[]) => r[2])).toContain(sound[2]);
      const double: Rule = defineRule({ ...probe, create: (c) => [1, 2].forEach(() => c.report({ at: c.domain.first('devices/sound')!, messageId: 'text', data: { text: 'x' } })) });
      const twice = printsOf(XML, 'vm.xml', [double]).map((r: unknown[]) => r[2] as string);
      expect(twice[0].replace(/:1$/, ':2')).toBe(twice[1]);
    });

    it('hash the message id, not the text the message renders from data', () => {
      const render = (text: string): Rule => defineRule({ ...probe, create: (c) => c.report({ at: c.domain.first('devices/sound')!, messageId: 'text', data: { text } }) });
      expect(printsOf(XML, 'vm.xml', [render('8 GiB')])).toEqual(printsOf(XML, 'vm.xml', [render('16 GiB')]));
    });
  });

  it('gives rules in the security category a security-severity from their severity', () => {
    const run = (rules: Rule[]) => JSON.parse(formatSarif([{ filePath: 'a.xml', result: lint(XML, { rules, host: { qemu: { version: '9.1.1', raw: '9.1.1', source: 'test' } } }) }], ctx({ rules }))).runs[0];
    const { rules } = run([probe, needsQemu]).tool.driver;
    expect(rules.map((r: { id: string; properties: object }) => [r.id, r.properties])).toEqual([
      ['test-needs-qemu', { tags: ['security'], 'problem.severity': 'warning', 'security-severity': '5.0' }],
      ['test-probe', { tags: ['meta'], 'problem.severity': 'warning' }],
    ]);
  });

  it('lists rules skipped for an unknown host fact as tool execution notifications', () => {
    const rules = [probe, needsQemu];
    const reports = ['a.xml', 'b.xml'].map((filePath) => ({ filePath, result: lint(XML, { rules, host: {} }) }));
    const log = JSON.parse(formatSarif(reports, ctx({ rules })));
    expect(schemaErrors(log)).toEqual([]);
    expect(log.runs[0].invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'note',
            message: { text: 'Rule test-needs-qemu did not run: it needs the QEMU version (--qemu-version), which was not known (2 files).' },
            descriptor: { id: 'rule-skipped' },
            associatedRule: { id: 'test-needs-qemu' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'a.xml' } } }, { physicalLocation: { artifactLocation: { uri: 'b.xml' } } }],
          },
        ],
      },
    ]);
    expect(log.runs[0].tool.driver.notifications.map((n: { id: string }) => n.id)).toEqual(['rule-skipped']);
  });

  it('with a source root, locations below it are relative to SRCROOT and others are absolute', () => {
    const [report] = fixture();
    const log = JSON.parse(
      formatSarif(
        [
          { filePath: 'vms/a.xml', result: report.result },
          { filePath: '/elsewhere/b.xml', result: report.result },
          { filePath: '<stdin>', result: report.result, virtual: true },
        ],
        ctx({ cwd: '/repo/infra', sourceRoot: '/repo' }),
      ),
    );
    expect(schemaErrors(log)).toEqual([]);
    expect(log.runs[0].originalUriBaseIds).toEqual({ SRCROOT: { uri: 'file:///repo/' } });
    const where = log.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: unknown } }[] }) => r.locations[0].physicalLocation.artifactLocation);
    expect(where[0]).toEqual({ uri: 'infra/vms/a.xml', uriBaseId: 'SRCROOT' });
    expect(where[3]).toEqual({ uri: 'file:///elsewhere/b.xml' });
    expect(where[6]).toEqual({ uri: '%3Cstdin%3E' });
  });

  it('describes ids without a rule module, so every ruleIndex resolves', () => {
    const [report] = fixture();
    const crashed = { ...report.result.messages[0], ruleId: 'internal-error', severity: 'error' as const };
    const log = JSON.parse(formatSarif([{ filePath: 'a.xml', result: { ...report.result, messages: [crashed, ...report.result.messages] } }], ctx()));
    expect(schemaErrors(log)).toEqual([]);
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['internal-error', 'test-probe']);
    for (const r of log.runs[0].results) expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('turns paths into URIs: relative ones stay relative, absolute ones become file: URIs', () => {
    expect(artifactUri('vms/win 11.xml')).toBe('vms/win%2011.xml');
    expect(artifactUri('./vms/a.xml')).toBe('vms/a.xml');
    expect(artifactUri('../other/a#1.xml')).toBe('../other/a%231.xml');
    expect(artifactUri('/srv/vms/é.xml')).toBe('file:///srv/vms/%C3%A9.xml');
    expect(artifactUri('<stdin>')).toBe('%3Cstdin%3E');
  });
});

describe('control characters in messages and file names', () => {
  // An attribute value such as &#x1b;]0;X&#x7; (an OSC window title) quoted in a message, and a file name with a newline.
  const hostile = (): FileReport[] => {
    const [report] = fixture();
    const messages = report.result.messages.map((m) => ({ ...m, message: `dev '\x1b]0;X\x07' and \x9b31m and \u202e` }));
    return [{ filePath: 'vms/a\nb\x1b[2J.xml', result: { ...report.result, messages } }];
  };
  const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/;

  it('one helper shows them as visible escapes', () => {
    expect(escapeControls('a\x1b]0;X\x07\n\r\t\x7f\x9b\u2028\u202e\x00b')).toBe('a\\x1b]0;X\\x07\\n\\r\\t\\x7f\\x9b\\u2028\\u202e\\x00b');
    expect(escapeControlsKeepingLineBreaks('a\r\n\x1b')).toBe('a\r\n\\x1b');
  });

  it.each([
    ['stylish', formatStylish],
    ['compact', formatCompact],
    ['github', formatGithub],
  ])('%s prints none raw, and a file name cannot start a line of its own', (_, format) => {
    const out = format(hostile(), ctx());
    expect(out).not.toMatch(RAW);
    expect(out).toContain("dev '\\x1b]0;X\\x07' and \\x9b31m and \\u202e");
    expect(out.split('\n').some((l) => l.startsWith('b\\x1b') || l.startsWith('b\x1b'))).toBe(false);
  });

  it('stylish keeps its own colours', () => {
    expect(formatStylish(hostile(), ctx({ color: true }))).toMatch(/\x1b\[31merror *\x1b\[0m/);
  });
});
