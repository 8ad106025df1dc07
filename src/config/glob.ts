/**
 * Path patterns of `ignores` and `overrides[].files`, read the way .gitignore
 * reads them, relative to the directory of the configuration file:
 *
 * - a pattern without a slash matches a file or directory name at any depth
 *   (`*.generated.xml`, `templates`);
 * - a pattern with a slash is anchored to the configuration's directory
 *   (`vms/lab/*.xml`, `/scratch.xml`); `**` matches any number of directories;
 * - a trailing slash matches directories only (`generated/`);
 * - a pattern that matches a directory matches everything below it.
 *
 * `*` and `?` never match `/`; `[abc]` is a character class. Negation (`!`) and
 * braces are not supported.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { globToRegExp } from '../cli/files.js';

export interface PathPattern {
  pattern: string;
  /** Whether `file` (absolute) matches, for a configuration in `baseDir`. */
  matches(file: string): boolean;
}

export function compilePattern(pattern: string, baseDir: string): PathPattern {
  let p = pattern.replace(/^\.\//, '');
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.replace(/\/+$/, '');
  const anchored = p.includes('/');
  p = p.replace(/^\/+/, '');
  const re = globToRegExp(p);
  return {
    pattern,
    matches(file: string): boolean {
      const rel = relative(baseDir, file);
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
      const segments = rel.split(sep);
      for (let i = 1; i <= segments.length; i++) {
        if (dirOnly && i === segments.length) break;
        const candidate = anchored ? segments.slice(0, i).join('/') : segments[i - 1];
        if (re.test(candidate)) return true;
      }
      return false;
    },
  };
}
