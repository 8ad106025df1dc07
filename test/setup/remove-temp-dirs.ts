/**
 * Runs before each test file (vitest `setupFiles`; also with `isolate: false`,
 * where the helper modules are shared): after the file's last test and its own
 * hooks, the temporary directories test/helpers/temp.ts made for it are removed.
 */
import { afterAll } from 'vitest';
import { removeTempDirs } from '../helpers/temp.js';

afterAll(removeTempDirs);
