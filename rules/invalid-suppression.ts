import * as z from 'zod/mini';
import { defineRule } from '#engine/rule.js';
import { lazy } from '#shared/memo.js';
import { INVALID_SUPPRESSION_MESSAGES } from '#engine/suppression-messages.js';

/** The options' defaults, written out: a run that sets none builds no schema (RuleMeta.defaultOptions). */
const DEFAULTS = { requireReason: false } as const;

/** Built on first read (RuleMeta.options). */
const optionsSchema = lazy(() =>
  z.strictObject({
    requireReason: z._default(
      z.boolean().check(z.describe('Also report suppressions without a reason (`: reason` in a comment, `reason=` on <vl:ignore>).')),
      DEFAULTS.requireReason,
    ),
  }),
);

/**
 * Reported by the engine (src/engine/suppressions.ts) for suppressions it
 * cannot honour. The module holds the id's docs and its option; its messages
 * are the ones the engine renders (src/engine/suppression-messages.ts).
 */
export default defineRule({
  meta: {
    id: 'invalid-suppression',
    description: 'A suppression comment or <vl:ignore> that names no rule, an unknown rule, or is written so libvirt refuses or drops it',
    severity: 'warning',
    category: 'meta',
    fixable: 'safe',
    messages: INVALID_SUPPRESSION_MESSAGES,
    get options() {
      return optionsSchema();
    },
    defaultOptions: DEFAULTS,
    docs: {
      whatItDoes:
        "Reports suppressions virt-lint cannot honour: a directive without a rule id (turning off every rule is not supported), an unknown rule id (with the closest known id), a misspelled directive (`virt-lint-disable-line`), a rule that cannot be suppressed inline (`unused-suppression`, `invalid-suppression`), a reason separated by ` -- `, and `<vl:ignore>` / `<vl:lint>` elements that libvirt would drop (outside `<metadata>`, a second `<vl:lint>`, `<vl:ignore>` not inside `<vl:lint>`) or that name no rule. The ` -- ` case is an error: XML forbids `--` inside a comment.",
      whyIsThisBad:
        'A suppression that does not do what it says hides nothing and misleads the reader; an unknown id is usually a typo, so the problem it was meant to silence is still reported, or will be once the rule exists. `--` inside a comment is not well-formed XML: libvirt (libxml2) refuses the whole domain with "Double hyphen within comment". libvirt keeps only the first element of each namespace under `<metadata>`, so a second `<vl:lint>` vanishes on `virsh define`.',
      example: `<devices>
  <!-- virt-lint-disable-next-line qemu-911-spice-hdaaudio -- distro QEMU carries the fix -->
  <sound model='ich9'/>
</devices>`,
      useInstead: `<devices>
  <!-- virt-lint-disable-next-line qemu-911-spice-hda-audio: distro QEMU carries the fix -->
  <sound model='ich9'/>
</devices>`,
      fixSafety:
        "Replacing a ` -- ` reason separator with `: ` is safe (the directive keeps its meaning and the comment becomes legal XML) and applied by `--fix` when the comment holds no other `--`. Replacing an unknown rule id with the closest known one is only a suggestion: the closest id may not be the rule that was meant.",
      sources: [
        'W3C XML 1.0 (Fifth Edition), section 2.5 "Comments": the string "--" must not occur within comments',
        'libxml2 parser.c XML_ERR_HYPHEN_IN_COMMENT: "Double hyphen within comment" (what `virsh define` prints; checked with libvirt 9.0.0)',
        'libvirt docs/formatdomain.rst "General metadata": applications must use custom namespaces, one top-level element per namespace under <metadata>; libvirt 9.0.0 keeps only the first element of a namespace on `virsh define` (checked with the test driver)',
      ],
    },
  },
  create() {
    // Reported by the engine (src/engine/suppressions.ts) once all rules have run.
  },
});
