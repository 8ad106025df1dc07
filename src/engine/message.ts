/**
 * Every diagnostic message has a bounded length, whatever the document holds.
 *
 * Rules quote values from the document ("Disk 'vda' is on …"); a hostile or
 * broken file can make such a value megabytes long, and one message line
 * would then flood a terminal, a CI log or a SARIF upload. Messages are
 * written to be a few hundred characters: only a message beyond the bound
 * is touched, first by shortening its long quoted values, then by cutting.
 */

/** The longest message virt-lint prints, in characters. */
export const MAX_MESSAGE = 2000;
/** How much of a long quoted value (200 characters or more) is kept when a message is too long. */
const KEEP = 80;

export function boundMessage(message: string): string {
  if (message.length <= MAX_MESSAGE) return message;
  const shortened = message.replace(/'[^']{200,}'|"[^"]{200,}"|<[^<>]{200,}>/g, (q) => `${q.slice(0, KEEP + 1)}…${q[q.length - 1]}`);
  if (shortened.length <= MAX_MESSAGE) return shortened;
  return `${shortened.slice(0, MAX_MESSAGE - 1)}…`;
}
