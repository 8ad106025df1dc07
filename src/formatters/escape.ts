/**
 * Text from the document (attribute values quoted in messages) and file names
 * reach the terminal through every human format. Control characters in them
 * could drive it (ESC starts escape sequences: colours, an OSC window title,
 * hyperlinks; BEL ends OSC; a C1 CSI does what ESC [ does) and a line break
 * could fake a line of the report or a GitHub workflow command. So they are
 * shown escaped, as visible text: `\n`, `\r`, `\t`, `\x1b`, `\x7f`, `\x9b`.
 *
 * Escaped: C0 (U+0000–U+001F), DEL (U+007F), C1 (U+0080–U+009F), and the
 * Unicode line and paragraph separators and bidirectional controls
 * (U+2028–U+2029, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069), which can
 * reorder or break a line as displayed.
 */

const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_LINE_BREAKS = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** For one line of terminal output: every control character, line breaks included, becomes visible text. */
export function escapeControls(s: string): string {
  return s.replace(CONTROL, visible);
}

/**
 * For text whose line breaks are dealt with by the format itself (GitHub's
 * percent-encoding of CR and LF): everything else is escaped.
 */
export function escapeControlsKeepingLineBreaks(s: string): string {
  return s.replace(CONTROL_BUT_LINE_BREAKS, visible);
}
