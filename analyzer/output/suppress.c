#include "suppress.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "common.h"

#define SUPPRESS_MARKER "ffi-lint:"
#define SUPPRESS_DIRECTIVE "ignore["

static const char *skip_blanks(const char *p) {
  while (*p == ' ' || *p == '\t') p++;
  return p;
}

/* Where the next comment on `line` starts at or after `p`, skipping string
 * and character literals, or NULL. *is_block_out tells a block comment from
 * a line comment. */
static const char *next_comment(const char *p, bool *is_block_out) {
  while (*p) {
    if (p[0] == '/' && (p[1] == '/' || p[1] == '*')) {
      *is_block_out = p[1] == '*';
      return p;
    }
    if (*p == '"' || *p == '`') { /* C string, Go raw string */
      char quote = *p++;
      while (*p && *p != quote) p += (quote == '"' && p[0] == '\\' && p[1]) ? 2 : 1;
      if (*p) p++;
      continue;
    }
    if (*p == '\'') {
      /* A character literal only if it closes soon; C++14 digit separators
       * (1'000) and stray quotes are plain characters. */
      const char *q = p + 1;
      while (*q && *q != '\'' && q - p < 12) q += (q[0] == '\\' && q[1]) ? 2 : 1;
      p = (*q == '\'') ? q + 1 : p + 1;
      continue;
    }
    p++;
  }
  return NULL;
}

static int rule_id_char(char c) {
  return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.' || c == '*';
}

/* Parses the ids between '[' and ']' at `p` (just past '['); returns the
 * position after ']' or NULL with fl_error set. */
static const char *parse_rule_ids(const char *p, fl_suppression *out) {
  fl_ptrvec ids = FL_PTRVEC_INIT;
  for (;;) {
    p = skip_blanks(p);
    const char *start = p;
    while (rule_id_char(*p)) p++;
    if (p == start) {
      fl_error_set(FL_EPARSE, *p == ']' || *p == ',' ? "empty rule id in ignore[...]"
                                                     : "expected a rule id or '*' in ignore[...]");
      goto fail;
    }
    char *id = fl_out_strndup(start, (size_t)(p - start));
    if (strchr(id, '*') && strcmp(id, "*") != 0) {
      fl_error_set(FL_EPARSE, "'%s': '*' must stand alone in ignore[...]", id);
      free(id);
      goto fail;
    }
    if (strcmp(id, "*") == 0) out->all_rules = true;
    fl_ptrvec_push(&ids, id);
    p = skip_blanks(p);
    if (*p == ',') {
      p++;
      continue;
    }
    if (*p == ']') break;
    if (*p)
      fl_error_set(FL_EPARSE, "unexpected '%c' in ignore[...]", *p);
    else
      fl_error_set(FL_EPARSE, "missing ']' to close ignore[...]");
    goto fail;
  }
  out->rule_ids = (char **)ids.items;
  out->nrule_ids = ids.count;
  return p + 1;
fail:
  for (size_t i = 0; i < ids.count; i++) free(ids.items[i]);
  fl_ptrvec_free(&ids);
  out->all_rules = false;
  return NULL;
}

/* The reason: the rest of the comment after ']', without blanks around it,
 * a leading ':' or '-' separator, or a block comment's close. */
static char *parse_reason(const char *p, bool is_block) {
  p = skip_blanks(p);
  while (*p == ':' || *p == '-') p++;
  p = skip_blanks(p);
  const char *end = p + strlen(p);
  if (is_block) {
    const char *close = strstr(p, "*/");
    if (close) end = close;
  }
  while (end > p && isspace((unsigned char)end[-1])) end--;
  return end > p ? fl_out_strndup(p, (size_t)(end - p)) : NULL;
}

int fl_suppression_parse(const char *line, fl_suppression *out) {
  memset(out, 0, sizeof *out);
  if (!line) return 0;
  bool is_block = false;
  for (const char *comment = next_comment(line, &is_block); comment;
       comment = next_comment(comment + 2, &is_block)) {
    const char *body = comment + 2;
    if (is_block) /* doc comments open with two stars; keep an empty comment's close */
      while (body[0] == '*' && body[1] != '/') body++;
    else /* and with three slashes */
      while (*body == '/') body++;
    body = skip_blanks(body);
    if (strncmp(body, SUPPRESS_MARKER, strlen(SUPPRESS_MARKER)) != 0) {
      if (is_block) { /* look for more comments after this one closes */
        const char *close = strstr(body, "*/");
        if (!close) return 0;
        comment = close; /* next_comment resumes at close + 2 */
        continue;
      }
      return 0; /* a line comment runs to the end of the line */
    }
    const char *p = skip_blanks(body + strlen(SUPPRESS_MARKER));
    if (strncmp(p, SUPPRESS_DIRECTIVE, strlen(SUPPRESS_DIRECTIVE)) != 0)
      return fl_error_set(FL_EPARSE, "expected 'ignore[rule-id] reason' after 'ffi-lint:'");
    p = parse_rule_ids(p + strlen(SUPPRESS_DIRECTIVE), out);
    if (!p) return FL_EPARSE;
    out->reason = parse_reason(p, is_block);
    out->standalone = skip_blanks(line) == comment;
    return 1;
  }
  return 0;
}

void fl_suppression_clear(fl_suppression *suppression) {
  for (size_t i = 0; i < suppression->nrule_ids; i++) free(suppression->rule_ids[i]);
  free(suppression->rule_ids);
  free(suppression->reason);
  memset(suppression, 0, sizeof *suppression);
}

bool fl_suppression_covers(const fl_suppression *suppression, const char *rule_id) {
  if (suppression->all_rules) return true;
  for (size_t i = 0; i < suppression->nrule_ids; i++)
    if (rule_id && strcmp(suppression->rule_ids[i], rule_id) == 0) return true;
  return false;
}

/* Appends the formatted warning unless the same text is already there.
 * Returns 1 when added. */
static int warning_add(fl_ptrvec *warnings, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int warning_add(fl_ptrvec *warnings, const char *fmt, ...) {
  if (!warnings) return 0;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *text = fl_out_calloc(1, (size_t)(n > 0 ? n : 0) + 1);
  va_start(ap, fmt);
  vsnprintf(text, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
  va_end(ap);
  for (size_t i = 0; i < warnings->count; i++)
    if (strcmp(warnings->items[i], text) == 0) {
      free(text);
      return 0;
    }
  fl_ptrvec_push(warnings, text);
  return 1;
}

#define MALFORMED_FMT "%s:%u: warning: malformed ffi-lint suppression: %s"

/* The suppression on `line` of `path` that covers `rule_id` (standalone
 * only when `need_standalone`); fills *out and returns true, else false.
 * A malformed comment is warned about. */
static bool suppression_at(fl_source_cache *sources, const char *path, unsigned line, const char *rule_id,
                           bool need_standalone, fl_suppression *out, fl_ptrvec *warnings) {
  const char *text = fl_source_line(sources, path, line);
  int found = fl_suppression_parse(text, out);
  if (found < 0) {
    warning_add(warnings, MALFORMED_FMT, path, line, fl_error_last());
    return false;
  }
  if (found == 1 && (!need_standalone || out->standalone) && fl_suppression_covers(out, rule_id)) return true;
  fl_suppression_clear(out);
  return false;
}

int fl_suppress_apply(fl_findings *findings, fl_source_cache *sources, fl_ptrvec *warnings_out) {
  int suppressed = 0;
  for (size_t i = 0; i < findings->count; i++) {
    fl_finding *finding = findings->items[i];
    const char *path = finding->primary.file;
    unsigned line = finding->primary.line;
    fl_suppression suppression;
    unsigned at = line;
    bool found = suppression_at(sources, path, line, finding->rule_id, false, &suppression, warnings_out);
    if (!found && line > 1) {
      at = line - 1;
      found = suppression_at(sources, path, at, finding->rule_id, true, &suppression, warnings_out);
    }
    if (!found) continue;
    finding->suppressed = true;
    free(finding->suppression_reason);
    finding->suppression_reason = fl_out_strdup(suppression.reason);
    if (!suppression.reason)
      warning_add(warnings_out, "%s:%u: warning: suppression of %s has no reason", path, at,
                  finding->rule_id);
    fl_suppression_clear(&suppression);
    suppressed++;
  }
  return suppressed;
}

static bool known_rule(const char *id, const char *const *known_ids, size_t nknown_ids) {
  for (size_t i = 0; i < nknown_ids; i++)
    if (strcmp(known_ids[i], id) == 0) return true;
  return false;
}

int fl_suppress_check_file(fl_source_cache *sources, const char *path, const char *const *known_ids,
                           size_t nknown_ids, fl_ptrvec *warnings_out) {
  int added = 0;
  size_t nlines = fl_source_line_count(sources, path);
  for (size_t line = 1; line <= nlines; line++) {
    const char *text = fl_source_line(sources, path, (unsigned)line);
    if (!strstr(text, SUPPRESS_MARKER)) continue; /* cheap filter for the common case */
    fl_suppression suppression;
    int found = fl_suppression_parse(text, &suppression);
    if (found < 0) {
      added += warning_add(warnings_out, MALFORMED_FMT, path, (unsigned)line, fl_error_last());
      continue;
    }
    if (found == 0) continue;
    for (size_t i = 0; known_ids && i < suppression.nrule_ids; i++) {
      const char *id = suppression.rule_ids[i];
      if (strcmp(id, "*") != 0 && !known_rule(id, known_ids, nknown_ids))
        added +=
            warning_add(warnings_out, "%s:%zu: warning: suppression names unknown rule '%s'", path, line, id);
    }
    fl_suppression_clear(&suppression);
  }
  return added;
}
