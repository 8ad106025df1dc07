import * as z from 'zod/mini';
import { LG_RELEASES } from '#domain/lg-memory.js';

/** The Looking Glass release the rules assume when none is set: the latest stable one. */
export const DEFAULT_LG_RELEASE = 'B7';

/** The `lookingGlassRelease` option of the Looking Glass rules, described as each rule reads it. */
export function lookingGlassReleaseOption(description: string) {
  return z._default(z.enum(LG_RELEASES).check(z.describe(description)), DEFAULT_LG_RELEASE);
}
