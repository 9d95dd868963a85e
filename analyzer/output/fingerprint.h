/* Stable finding identities (design.md §6; spec in docs/output.md).
 *
 * fingerprint v1 = the first 128 bits, in hex, of
 *   SHA-256("ffi-lint-fingerprint-v1" | rule id | file | function |
 *           whitespace-stripped text of the flagged lines | ordinal)
 * with every part length-prefixed. The ordinal is the finding's index among
 * findings with identical other parts, in (line, column) order. Nothing in
 * it is a line number, so it survives insertions above the finding,
 * re-indentation and edits to other lines; changing the flagged code, the
 * enclosing function's name, the file's path or the rule changes it.
 *
 * line_hash is GitHub's primaryLocationLineHash shape: 16 hex digits of
 * SHA-256 over the whitespace-stripped primary line, ":", and the 1-based
 * occurrence of that stripped text among the file's lines up to this one. */
#ifndef FL_FINGERPRINT_H
#define FL_FINGERPRINT_H

#include "../engine/finding.h"
#include "source.h"

#define FL_FINGERPRINT_KEY "ffiLintFingerprint/v1" /* SARIF partialFingerprints key */
#define FL_FINGERPRINT_HEX_LEN 32
/* At most this many lines of a multi-line range count as its text, so a
 * finding spanning a whole block does not change with every edit inside. */
#define FL_FINGERPRINT_MAX_LINES 8

/* Sets finding->fingerprint on every finding and finding->line_hash where
 * the primary line can be read (NULL otherwise, so SARIF consumers compute
 * their own); earlier values are replaced. File paths are hashed as stored:
 * pass repo-relative paths for identities that survive a checkout moving. */
void fl_fingerprint_compute(fl_findings *findings, fl_source_cache *sources);

/* The flagged text of lines first..last of `path` (capped at
 * FL_FINGERPRINT_MAX_LINES) with all whitespace removed; "" when the file
 * cannot be read. Heap string, caller frees. */
char *fl_fingerprint_stripped_text(fl_source_cache *sources, const char *path, unsigned first, unsigned last);

#endif
