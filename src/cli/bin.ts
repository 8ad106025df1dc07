/** Process wiring for the CLI: the only place that touches `process`. */
import { fstatSync, statSync, writeSync } from 'node:fs';
import { warmUpDetection } from './host.js';
import { main } from './main.js';

/** stdin as bytes; stops after `maxBytes + 1` (the caller refuses more), so endless input cannot grow memory. */
function readStdin(maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      chunks.push(c);
      size += c.length;
      if (size > maxBytes) {
        process.stdin.off('data', onData);
        process.stdin.destroy();
        resolve(Buffer.concat(chunks));
      }
    };
    process.stdin.on('data', onData);
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

// process.stdout and process.stderr are created on first access, and creating one loads Node's stream modules
// (plus net and tty for a pipe or a terminal): a few milliseconds, as much as the rest of a small lint's own
// start. A lint writes its report with write(2) instead, as the streams themselves do on Linux and macOS (files,
// pipes and terminals are written synchronously there), and touches a stream only when write(2) cannot finish:
// a descriptor in non-blocking mode (EAGAIN), a closed pipe (EPIPE, handled below as before), or Windows.
let stdoutStream: NodeJS.WriteStream | undefined;
function stdout(): NodeJS.WriteStream {
  if (!stdoutStream) {
    stdoutStream = process.stdout;
    // A closed pipe (`virt-lint ... | head`) is not an error worth a stack trace.
    stdoutStream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  return stdoutStream;
}

/** Writes `s` to descriptor `fd` directly; from the first write that fails on, the rest goes through `stream()`, which reports the error as it always did. */
function descriptorWriter(fd: 1 | 2, stream: () => NodeJS.WriteStream): (s: string) => void {
  let direct = process.platform !== 'win32';
  return (s) => {
    if (direct) {
      const bytes = Buffer.from(s, 'utf8');
      let done = 0;
      try {
        while (done < bytes.length) done += writeSync(fd, bytes, done);
        return;
      } catch {
        direct = false;
        stream().write(bytes.subarray(done));
        return;
      }
    }
    stream().write(s);
  };
}

/** Whether `fd` is a terminal, as `process.stdout.isTTY` says, without creating the stream: only a character device can be one. */
const terminals = new Map<number, boolean>();
function isTerminal(fd: 1 | 2): boolean {
  let answer = terminals.get(fd);
  if (answer === undefined) terminals.set(fd, (answer = askTerminal(fd)));
  return answer;
}
function askTerminal(fd: 1 | 2): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) return false;
    // /dev/null is the character device output most often goes to (cron, scripts, benchmarks): no terminal.
    if (process.platform !== 'win32' && st.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    return false;
  }
  return (fd === 1 ? stdout() : process.stderr).isTTY === true;
}

void main({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: descriptorWriter(1, stdout),
  stderr: descriptorWriter(2, () => process.stderr),
  readStdin,
  // Asked only when colour or progress depends on them (not with NO_COLOR, --no-color or a few files).
  get stdoutIsTTY() {
    return isTerminal(1);
  },
  get stderrIsTTY() {
    return isTerminal(2);
  },
  get stderrColumns() {
    return process.stderr.columns;
  },
  // A function: process.stdin is created on first access, which a plain lint must not pay for.
  stdio: () => ({ input: process.stdin, output: stdout() }),
  // The build's warm-up run (bin/virt-lint.cjs writes the code cache) detects a made-up host: nothing is run.
  ...(process.env.VIRT_LINT_WRITE_CODE_CACHE === '1' ? { detection: warmUpDetection() } : {}),
}).then((code) => {
  process.exitCode = code;
});
