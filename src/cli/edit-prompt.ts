/**
 * The questions `virt-lint edit` asks: on the terminal, with readline reading
 * stdin and writing the question to stderr (stdout carries the report).
 *
 * Asking needs a person at a terminal: stdin and stderr must both be
 * terminals. Otherwise (a script, a pipe, CI, `2>log`) the session never
 * waits for an answer: see edit.ts for what it does instead.
 */
import { createInterface } from 'node:readline';

export interface Prompt {
  /** Whether questions can be asked (stdin and stderr are a terminal). */
  readonly interactive: boolean;
  /** Shows `question` and reads one line; undefined when the user pressed Ctrl-C or Ctrl-D instead. */
  ask(question: string): Promise<string | undefined>;
}

/** A prompt that cannot ask: what tests and non-terminals get. */
export const NO_PROMPT: Prompt = { interactive: false, ask: async () => undefined };

/** The process's terminal. */
export function terminalPrompt(): Prompt {
  if (process.stdin.isTTY !== true || process.stderr.isTTY !== true) return NO_PROMPT;
  return {
    interactive: true,
    ask: (question) =>
      new Promise((resolve) => {
        const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
        let answer: string | undefined;
        // Ctrl-C at the prompt is an answer (abort), not the end of the process: the session still says where the copy is.
        rl.on('SIGINT', () => {
          process.stderr.write('^C\n');
          rl.close();
        });
        rl.on('close', () => resolve(answer));
        rl.question(question, (line) => {
          answer = line;
          rl.close();
        });
      }),
  };
}

export interface Choice<T extends string> {
  /** The letter that picks it (also accepted: the whole word). */
  key: string;
  word: string;
  value: T;
}

/**
 * Asks until the answer names one of `choices` (its letter or word, any case);
 * an empty answer picks the first. Undefined when the user gave up (Ctrl-C, Ctrl-D).
 */
export async function choose<T extends string>(prompt: Prompt, question: string, choices: readonly Choice<T>[], say: (s: string) => void): Promise<T | undefined> {
  const keys = choices.map((c, i) => (i === 0 ? c.key.toUpperCase() : c.key)).join('/');
  for (;;) {
    const answer = await prompt.ask(`${question} [${keys}] `);
    if (answer === undefined) return undefined;
    const a = answer.trim().toLowerCase();
    if (a === '') return choices[0].value;
    const hit = choices.find((c) => a === c.key || a === c.word);
    if (hit) return hit.value;
    say(`Please answer ${choices.map((c) => `${c.key} (${c.word})`).join(', ')}.\n`);
  }
}
