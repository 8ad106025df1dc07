/** Process wiring for the CLI: the only place that touches `process`. */
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

// A closed pipe (`virt-lint ... | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

void main({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  readStdin,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  stderrColumns: process.stderr.columns,
  // A function: process.stdin is created on first access, which a plain lint must not pay for.
  stdio: () => ({ input: process.stdin, output: process.stdout }),
}).then((code) => {
  process.exitCode = code;
});
