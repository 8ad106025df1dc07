import { describe, expect, it } from 'vitest';
import { vocabularyContexts } from '#schema/compile/vocabulary.js';
import { MODEL_JSON } from '#schema/generated/models.js';
import { NEWEST_MODEL } from '#schema/generated/newest.js';
import { NEWEST_SCHEMA } from '#schema/index.js';
import { decodeModel, encodeModel, integers } from '#schema/model-binary.js';
import { MODEL_FORMAT, type CompiledModel } from '#schema/model.js';

/** A model with its typed-array tables turned into plain arrays, to compare with a JSON one. */
const plain = (m: CompiledModel) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Int16Array) : v]));

describe('the newest model in binary, as a lint loads it', () => {
  it('decodes to the same model as the JSON one the build wrote beside it', () => {
    const decoded = decodeModel(NEWEST_MODEL);
    const json = JSON.parse(MODEL_JSON[NEWEST_SCHEMA]) as CompiledModel;
    expect(decoded.nodes).toBeInstanceOf(Int16Array);
    expect(decoded.nodes.length).toBeGreaterThan(10_000);
    expect(plain(decoded)).toEqual(json);
  });

  it('makes the tables views of one buffer, in order', () => {
    const m = decodeModel(NEWEST_MODEL);
    const names = m.names as Int16Array;
    const nodes = m.nodes as Int16Array;
    expect(nodes.buffer).toBe(names.buffer);
    expect(nodes.byteOffset).toBe(names.byteOffset + names.byteLength);
  });

  it('writes 32-bit integers when a number does not fit in 16 bits', () => {
    const model: CompiledModel = {
      format: MODEL_FORMAT,
      libvirt: 'test',
      strings: ['', 'a'],
      names: [0, 0, 1],
      types: [[0, 1]],
      nodes: [2, 11, 0, 8, 0, -1],
      nodeAt: [0, 1, 3, 40_000],
      elements: [0, 0],
      start: 1,
      labels: [],
      nodeNames: [5, -70_000, 4],
      nameSets: [],
      nameSetAt: [0],
    };
    const encoded = encodeModel(model);
    expect(JSON.parse(encoded.json)).toMatchObject({ width: 4, lengths: [3, 6, 4, 2, 0, 3, 0, 1] });
    const decoded = decodeModel(encoded);
    expect(decoded.nodeAt).toBeInstanceOf(Int32Array);
    expect(plain(decoded)).toEqual(model);
    expect(plain(decodeModel(encodeModel({ ...model, nodeAt: [0, 1, 3, 6], nodeNames: [5, -32_768, 32_767] })))).toMatchObject({ nodeNames: [5, -32_768, 32_767] });
    expect(JSON.parse(encodeModel({ ...model, nodeAt: [0, 1, 3, 6], nodeNames: [5, 6, 4] }).json).width).toBe(2);
    expect(() => encodeModel({ ...model, nodes: [2 ** 31] })).toThrow(/not a 32-bit integer/);
    expect(plain(decodeModel(encodeModel({ ...model, strings: ['', '', 'a b', ''] })))).toMatchObject({ strings: ['', '', 'a b', ''] });
    expect(() => encodeModel({ ...model, strings: ['a\0b'] })).toThrow(/NUL/);
    expect(() => encodeModel({ ...model, strings: [] })).toThrow(/no strings/);
  });

  it('refuses a model of another format or with missing bytes', () => {
    const head = JSON.parse(NEWEST_MODEL.json) as Record<string, unknown>;
    expect(() => decodeModel({ ...NEWEST_MODEL, json: JSON.stringify({ ...head, format: MODEL_FORMAT - 1 }) })).toThrow(/format .* rebuild/);
    expect(() => decodeModel({ ...NEWEST_MODEL, tables: Buffer.from(NEWEST_MODEL.tables, 'base64').subarray(0, -4).toString('base64') })).toThrow(/integers stored/);
  });

  it('reads integers at an offset a typed array cannot view (a copy), and views them where it can', () => {
    const buffer = new ArrayBuffer(12);
    const bytes = new Uint8Array(buffer);
    bytes.set([0xff, 0xfe, 0xff, 0x01, 0x00, 0x00, 0x80, 0x78, 0x56, 0x34, 0x12], 1);
    const odd = integers(bytes.subarray(1, 9), 2);
    expect(Array.from(odd)).toEqual([-257, 511, 0, 0x7880]);
    expect(odd.buffer).not.toBe(buffer);
    expect(Array.from(integers(bytes.subarray(1, 9), 4))).toEqual([0x01fffeff, 0x78800000]);
    const even = integers(bytes.subarray(2, 10), 2);
    expect(even.buffer).toBe(buffer);
    expect(Array.from(even)).toEqual([0xfffe - 0x10000, 0x0001, 0x8000 - 0x10000, 0x5678]);
    expect(() => integers(bytes.subarray(0, 3), 2)).toThrow(/whole number/);
  });
});

describe('the contexts of the vocabulary table', () => {
  it('are the elements its keys are about, namespace included, once each and sorted', () => {
    const since = { 'disk@type': '9.0.0', 'disk>target': '9.0.0', 'vendor=ab@c': '11.3.0', '{urn:x}cmd>arg': '9.0.0', 'os@firmware=efi': '7.0.0', '{urn:x}cmd@a': '9.0.0' };
    expect(vocabularyContexts(since)).toEqual(['disk', 'os', 'vendor', '{urn:x}cmd']);
  });
});
