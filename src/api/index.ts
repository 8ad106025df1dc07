/**
 * The Node API's pure part: what needs no file, no process and no host.
 * The package entry (src/cli/node-api.ts) adds lintText and lintFiles, which
 * find configuration files and read documents.
 */
export { applyFixes, type AppliedFixes, type ApplyFixesOptions } from './fixes.js';
export { formatters, type FormatOptions, type FormatterName, type ResultFormatter } from './formatters.js';
export { rules, type RuleInfo } from './rules.js';
export type { LintFix, LintMessage, LintResult, SkippedRule } from './results.js';
