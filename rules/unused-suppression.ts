import { defineRule } from '#engine/rule.js';
import { UNUSED_SUPPRESSION_MESSAGES } from '#engine/suppression-messages.js';

/**
 * Reported by the engine after every rule has run (src/engine/suppressions.ts):
 * a suppression is unused when no problem of the rules it names was reported
 * where it applies. The module exists so the id has docs, a `--list-rules`
 * entry, a SARIF rule entry and a place in `.virt-lint.json`; its messages
 * are the ones the engine renders (src/engine/suppression-messages.ts).
 */
export default defineRule({
  meta: {
    id: 'unused-suppression',
    description: 'A suppression comment or <vl:ignore> that suppresses nothing',
    severity: 'warning',
    category: 'meta',
    fixable: 'safe',
    messages: UNUSED_SUPPRESSION_MESSAGES,
    docs: {
      whatItDoes:
        "Reports a `virt-lint-disable-next-line`, `virt-lint-disable`, `virt-lint-disable-file` comment or a `<vl:ignore>` in `<metadata>` when none of the rules it names reported a problem where it applies; a `virt-lint-disable-next-line` with no element after it; a `virt-lint-enable` with no open `virt-lint-disable` of that rule before it; and an empty `<vl:lint>`. When only some of the ids in a suppression are unused, it names those.",
      whyIsThisBad:
        'A stale suppression hides nothing today but will silently hide the problem if it comes back, for example when the domain is edited or copied to another host. Removing it keeps every suppression meaningful (the same reasoning as ESLint\'s `--report-unused-disable-directives` and Ruff\'s RUF100).',
      example: `<devices>
  <!-- virt-lint-disable-next-line qemu-911-spice-hda-audio: host QEMU carries the 9.1.2 revert -->
  <sound model='ich9'>
    <audio id='1'/>
  </sound>
  <audio id='1' type='none'/>
</devices>`,
      useInstead: `<devices>
  <sound model='ich9'>
    <audio id='1'/>
  </sound>
  <audio id='1' type='none'/>
</devices>`,
      fixSafety:
        'Safe: the fix removes the comment (and its line when it stands alone), the `<vl:ignore>` element (or its `<vl:lint>` when nothing else is in it), or only the unused ids from the list, so it cannot change what other suppressions or rules do.',
      sources: [
        'ESLint docs/src/use/command-line-interface.md: --report-unused-disable-directives',
        'Ruff docs/linter.md "Error suppression": RUF100 unused-noqa (removed by --fix)',
      ],
      notes:
        'A suppression is not reported when its rule did not run on this file: turned off in the configuration, or skipped because a host fact it needs (e.g. the QEMU version) is unknown or out of its range. A suppression for a version-specific rule may be needed on another host. This rule cannot itself be suppressed inline; turn it off in `.virt-lint.json` (`"rules": { "unused-suppression": "off" }`).',
    },
  },
  create() {
    // Reported by the engine (src/engine/suppressions.ts) once all rules have run.
  },
});
