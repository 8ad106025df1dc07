/**
 * Running the user's editor for `virt-lint edit`.
 *
 * Which editor: `$VISUAL`, else `$EDITOR`, else `vi` (virsh's order; an empty
 * value counts as unset).
 *
 * How it is run, as git runs it (run-command.c, prepare_shell_cmd): the value
 * is a command line the user wrote, so options are allowed
 * (`EDITOR='code -w'`, `EDITOR='emacsclient -t'`). A value made of plain
 * characters only is run directly, as one program name; anything else goes to
 * `/bin/sh -c '<value> "$@"' <value> FILE`, so the shell splits and unquotes
 * the value (`EDITOR='"/opt/My Editor/bin/ed" --wait'` works) while the file
 * name is passed as a separate argument and never pasted into the shell's
 * text. virsh pastes the file name into the command instead, and refuses
 * names with shell characters; here the name is ours anyway (edit-workspace.ts).
 *
 * Nothing the XML says is run: the editor comes from the environment only.
 *
 * The editor gets the terminal (stdin, stdout and stderr inherited). While it
 * runs, Ctrl-C is left to the editor: the session ignores SIGINT then, as git
 * does, and judges the editor by how it exits.
 */
import { spawn } from 'node:child_process';

export interface EditorInvocation {
  /** The editor as the user wrote it, for messages. */
  editor: string;
  command: string;
  args: string[];
}

/** Characters that make git hand an editor command line to the shell (run-command.c). */
const SHELL_CHARACTERS = /[|&;<>()$`\\"' \t\n*?[#~=%]/;

/** `$VISUAL`, then `$EDITOR`, then `vi`; empty or blank values count as unset. */
export function chooseEditor(env: NodeJS.ProcessEnv): string {
  for (const name of ['VISUAL', 'EDITOR'] as const) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return value;
  }
  return 'vi';
}

/** How to run `editor` on `file`: directly when it is a plain program name, else through /bin/sh with the file as "$1". */
export function editorInvocation(editor: string, file: string): EditorInvocation {
  if (!SHELL_CHARACTERS.test(editor)) return { editor, command: editor, args: [file] };
  return { editor, command: '/bin/sh', args: ['-c', `${editor} "$@"`, editor, file] };
}

export type EditorOutcome =
  | { ok: true }
  /** `interrupted`: the editor was killed by SIGINT (Ctrl-C reached it). */
  | { ok: false; why: string; interrupted: boolean };

/** Runs the editor on the terminal and waits for it. */
export function runEditor(invocation: EditorInvocation, { env, cwd }: { env: NodeJS.ProcessEnv; cwd: string }): Promise<EditorOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: EditorOutcome) => {
      if (!settled) resolve(outcome);
      settled = true;
    };
    const child = spawn(invocation.command, invocation.args, { stdio: 'inherit', env, cwd });
    child.on('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'ENOENT' ? 'was not found (set VISUAL or EDITOR to your editor)' : `could not be started (${e.code ?? e.message})`;
      settle({ ok: false, why, interrupted: false });
    });
    child.on('exit', (code, signal) => {
      if (signal) settle({ ok: false, why: `was killed by ${signal}`, interrupted: signal === 'SIGINT' });
      else if (code !== 0) {
        // A shell that could not find the program says so itself (on the terminal); 127 is its "not found".
        settle({ ok: false, why: code === 127 ? 'was not found (exit status 127; set VISUAL or EDITOR to your editor)' : `exited with status ${code}`, interrupted: code === 130 });
      } else settle({ ok: true });
    });
  });
}
