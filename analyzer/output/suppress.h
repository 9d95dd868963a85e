/* In-source suppressions (design.md §5; syntax in docs/output.md):
 *
 *   call(x);  // ffi-lint: ignore[rule-id] reason
 *   // ffi-lint: ignore[rule-a, rule-b] reason     (applies to the next line)
 *   // ffi-lint: ignore[*] reason                  (every rule)
 *
 * Block comments work the same way; the reason then ends at the comment's
 * close.
 *
 * A comment on the flagged line, or a comment alone on the line above,
 * marks matching findings suppressed with its reason. Suppressed findings
 * stay in the list (SARIF, JSON and the DB show them); only text output and
 * the exit code skip them. */
#ifndef FL_SUPPRESS_H
#define FL_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/vec.h"
#include "../engine/finding.h"
#include "source.h"

typedef struct fl_suppression {
  char **rule_ids; /* as written, trimmed; heap */
  size_t nrule_ids;
  bool all_rules;  /* one of the ids is "*" */
  char *reason;    /* trimmed text after ']'; NULL when none was given */
  bool standalone; /* the comment is all the line holds: it covers the next line */
} fl_suppression;

/* Looks for a suppression comment on one source line. Returns 1 and fills
 * *out (release with fl_suppression_clear) when there is one; 0 when the line
 * has none; FL_EPARSE when a comment starts with "ffi-lint:" but is not a
 * well-formed ignore[...] (fl_error_last() says what is wrong, without a
 * location: the caller knows it). */
int fl_suppression_parse(const char *line, fl_suppression *out);
void fl_suppression_clear(fl_suppression *suppression);
bool fl_suppression_covers(const fl_suppression *suppression, const char *rule_id);

/* Marks every finding covered by a suppression comment as suppressed and
 * sets its suppression_reason. Appends heap strings (char *, the caller
 * frees each) to `warnings_out`, one per problem and never the same text
 * twice:
 *   path:line: warning: suppression of RULE has no reason
 *   path:line: warning: malformed ffi-lint suppression: DETAIL
 * (the latter for a broken comment where one would have applied). Returns
 * the number of findings suppressed (>= 0). Unreadable files suppress
 * nothing. */
int fl_suppress_apply(fl_findings *findings, fl_source_cache *sources, fl_ptrvec *warnings_out);

/* Lints every suppression comment in `path`: malformed ones and, when
 * `known_ids` is given, ids naming no known rule (a typo would otherwise
 * silently suppress nothing):
 *   path:line: warning: suppression names unknown rule 'ID'
 * Warnings go to `warnings_out` as for fl_suppress_apply (same texts, no
 * duplicates, so calling both is safe). Returns the number of warnings
 * added. */
int fl_suppress_check_file(fl_source_cache *sources, const char *path, const char *const *known_ids,
                           size_t nknown_ids, fl_ptrvec *warnings_out);

#endif
