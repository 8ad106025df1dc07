/**
 * The text of one linted file and the mapping from offsets to the 1-based
 * line and column an editor shows.
 *
 * A UTF-8 byte order mark is split off before anything else looks at the text:
 * offsets, fixes and positions all refer to the text after it, and the writer
 * puts it back. Editors do not count the BOM as a column either.
 */

export interface Range {
  /** Offset of the first character (UTF-16 code units, BOM excluded). */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

export interface Position {
  line: number;
  column: number;
}

const BOM = '\uFEFF';

export class SourceText {
  readonly text: string;
  readonly hasBom: boolean;
  /** The line ending the file mostly uses, so inserted lines match it. */
  readonly eol: '\n' | '\r\n';
  private lineStarts: number[] | undefined;

  constructor(raw: string) {
    this.hasBom = raw.startsWith(BOM);
    this.text = this.hasBom ? raw.slice(1) : raw;
    this.eol = detectEol(this.text);
  }

  /** The file content as it should be written back: BOM restored. */
  static restore(text: string, hasBom: boolean): string {
    return hasBom ? BOM + text : text;
  }

  position(offset: number): Position {
    const starts = this.starts();
    // Binary search for the last line start <= offset.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  /** Offset of a 1-based line and column (clamped to the text). */
  offset(line: number, column: number): number {
    const starts = this.starts();
    const l = Math.min(Math.max(line, 1), starts.length);
    return Math.min(starts[l - 1] + Math.max(column, 1) - 1, this.text.length);
  }

  /** Offset where the line holding `offset` begins. */
  lineStart(offset: number): number {
    const starts = this.starts();
    return starts[this.position(offset).line - 1];
  }

  /** Offset of the line break (or end of text) that ends the line holding `offset`. */
  lineEnd(offset: number): number {
    // From the line table, not by scanning: a file written on one line would make every call O(n).
    const starts = this.starts();
    const line = this.position(offset).line;
    if (line >= starts.length) return this.text.length;
    const next = starts[line];
    return this.text.startsWith('\r\n', next - 2) ? next - 2 : next - 1;
  }

  /** Whether only blanks stand between the start of its line and `offset`. Scans the blanks only. */
  blankBefore(offset: number): boolean {
    for (let i = offset - 1; i >= 0; i--) {
      const c = this.text[i];
      if (c === '\n' || c === '\r') return true;
      if (!isBlank(c)) return false;
    }
    return true;
  }

  /** Whether only blanks stand between `offset` and the end of its line. Scans the blanks only. */
  blankAfter(offset: number): boolean {
    for (let i = offset; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '\n' || c === '\r') return true;
      if (!isBlank(c)) return false;
    }
    return true;
  }

  /** Length of the line break at `offset` (0 at end of text). */
  breakLength(offset: number): number {
    if (this.text.startsWith('\r\n', offset)) return 2;
    if (this.text[offset] === '\n' || this.text[offset] === '\r') return 1;
    return 0;
  }

  /** The whitespace that begins the line holding `offset`. */
  indentAt(offset: number): string {
    const start = this.lineStart(offset);
    let i = start;
    while (this.text[i] === ' ' || this.text[i] === '\t') i++;
    return this.text.slice(start, i);
  }

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const t = this.text;
    if (t.indexOf('\r') < 0) {
      // The usual file: indexOf finds each break natively, far faster than a loop over every character.
      for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 10 /* \n */) starts.push(i + 1);
        else if (c === 13 /* \r */) {
          if (t.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.lineStarts = starts;
    return starts;
  }
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || /\s/.test(c);
}

function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}
