/** One-line descriptions of file-system errors, for exit-2 messages. */

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a component of the path is not a directory',
  ELOOP: 'too many levels of symbolic links',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EFBIG: 'file too large (a file size limit: ulimit -f)',
  EDQUOT: 'disk quota exceeded',
  EMFILE: 'too many open files',
};

export function describeErrno(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return (err?.code && REASONS[err.code]) ?? err?.message ?? String(e);
}

/** An I/O failure on one file: reported with the path as the user gave it, exit 2. */
export class FileError extends Error {
  constructor(
    readonly verb: 'read' | 'write',
    readonly path: string,
    error: unknown,
  ) {
    super(`cannot ${verb} '${path}': ${describeErrno(error)}`);
  }
}
