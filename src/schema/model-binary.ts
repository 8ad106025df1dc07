/**
 * The newest model as the build writes it for a lint (src/schema/generated/
 * newest.ts): its integer tables as one block of little-endian integers in
 * base64, its strings as one text with NUL between them, everything else
 * (datatypes, the table lengths) as JSON text. Decoding makes one buffer and
 * a typed-array view per table: no number is parsed from text (model.ts);
 * one split of a text is about a third of the time JSON.parse took for the
 * same strings (their regular expressions are full of escapes).
 */
import { MODEL_FORMAT, type CompiledModel, type IntTable } from './model.js';

/** The tables stored in binary, in the order they follow one another. */
const TABLES = ['names', 'nodes', 'nodeAt', 'elements', 'labels', 'nodeNames', 'nameSets', 'nameSetAt'] as const;
type TableName = (typeof TABLES)[number];

export interface EncodedModel {
  /** The strings, NUL between them (no XML text can hold a NUL character). */
  strings: string;
  /** The model without its strings and tables, plus `width` (bytes per integer: 2 or 4) and `lengths` (entries per table, in TABLES order), as JSON text. */
  json: string;
  /** The tables, one after another, as little-endian integers of `width` bytes, in base64. */
  tables: string;
}

type Head = Omit<CompiledModel, TableName | 'strings'> & { width: 2 | 4; lengths: number[] };

/** The model in binary form (build time). Integers are 16 bits wide when every one fits, else 32. */
export function encodeModel(model: CompiledModel): EncodedModel {
  const all: number[] = [];
  for (const t of TABLES) for (let i = 0; i < model[t].length; i++) all.push(model[t][i]);
  for (const x of all) if (!Number.isInteger(x) || x < -(2 ** 31) || x >= 2 ** 31) throw new Error(`schema model: ${x} is not a 32-bit integer`);
  const width = all.every((x) => x >= -(2 ** 15) && x < 2 ** 15) ? 2 : 4;
  const bytes = Buffer.alloc(all.length * width);
  all.forEach((x, i) => (width === 2 ? bytes.writeInt16LE(x, 2 * i) : bytes.writeInt32LE(x, 4 * i)));
  // Joined, [] and [''] would read back alike; a grammar always has names.
  if (!model.strings.length) throw new Error('schema model: no strings');
  if (model.strings.some((x) => x.includes('\0'))) throw new Error('schema model: a string holds a NUL character');
  const rest: Record<string, unknown> = { ...model };
  for (const t of [...TABLES, 'strings']) delete rest[t];
  const head = { ...rest, width, lengths: TABLES.map((t) => model[t].length) };
  return { strings: model.strings.join('\0'), json: JSON.stringify(head), tables: bytes.toString('base64') };
}

/** The model back from its binary form: its tables are Int16Array or Int32Array views of one buffer. */
export function decodeModel(encoded: EncodedModel): CompiledModel {
  const head = JSON.parse(encoded.json) as Head;
  // Checked before the tables are read: a model of another format may lay them out otherwise.
  if (head.format !== MODEL_FORMAT) throw new Error(`schema model format ${head.format}, expected ${MODEL_FORMAT}: rebuild (npm run build)`);
  const { width, lengths, ...rest } = head;
  const all = integers(Buffer.from(encoded.tables, 'base64'), width);
  const count = all.length;
  const tables = {} as Record<TableName, IntTable>;
  let at = 0;
  TABLES.forEach((t, i) => {
    tables[t] = all.subarray(at, at + lengths[i]);
    at += lengths[i];
  });
  if (at !== count) throw new Error(`schema model: ${count} integers stored, ${at} expected: rebuild (npm run build)`);
  return { ...rest, strings: encoded.strings.split('\0'), ...tables };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The little-endian integers of `width` bytes in `bytes`: a view of them
 * where the machine is little-endian and their offset a multiple of the width
 * (as a typed array requires), else a copy. Buffer.from gives large results a
 * buffer of their own and small ones a place in a shared pool.
 */
export function integers(bytes: Uint8Array, width: 2 | 4): Int16Array | Int32Array {
  const count = bytes.length / width;
  if (!Number.isInteger(count)) throw new Error(`schema model: ${bytes.length} bytes is not a whole number of ${width}-byte integers: rebuild (npm run build)`);
  if (LITTLE_ENDIAN && bytes.byteOffset % width === 0) return width === 2 ? new Int16Array(bytes.buffer, bytes.byteOffset, count) : new Int32Array(bytes.buffer, bytes.byteOffset, count);
  const out = width === 2 ? new Int16Array(count) : new Int32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let i = 0; i < count; i++) out[i] = width === 2 ? view.getInt16(2 * i, true) : view.getInt32(4 * i, true);
  return out;
}
