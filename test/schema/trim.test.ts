import { describe, expect, it } from 'vitest';
import { trimXmlSpace } from '#schema/datatypes.js';

describe('trimXmlSpace', () => {
  it('removes leading and trailing XML white space (space, tab, CR, LF) only', () => {
    expect(trimXmlSpace(' \t\r\n none \n')).toBe('none');
    expect(trimXmlSpace('none')).toBe('none');
    expect(trimXmlSpace('  ')).toBe('');
    expect(trimXmlSpace('')).toBe('');
    // Not XML white space: a no-break space stays, as libvirt and the grammar keep it.
    expect(trimXmlSpace('\u00a0none ')).toBe('\u00a0none');
  });

  it('keeps inner white space, however long its runs (a scan, not a backtracking regex)', () => {
    const value = `lol${' '.repeat(100_000)}x${' '.repeat(100_000)}y`;
    expect(trimXmlSpace(` ${value}\t`)).toBe(value);
  });
});
