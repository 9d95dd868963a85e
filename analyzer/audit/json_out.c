/* Findings as JSON, written straight to a stream: `list --json` on 100k
 * findings must answer in well under a second, which building a jansson
 * tree per finding does not. The shape is documented in docs/audit.md. */
#include <string.h>

#include "audit.h"

void audit_json_string(FILE *out, const char *text) {
  if (!text) {
    fputs("null", out);
    return;
  }
  putc('"', out);
  for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
    switch (*p) {
    case '"': fputs("\\\"", out); break;
    case '\\': fputs("\\\\", out); break;
    case '\n': fputs("\\n", out); break;
    case '\t': fputs("\\t", out); break;
    case '\r': fputs("\\r", out); break;
    default:
      if (*p < 0x20) fprintf(out, "\\u%04x", *p);
      else putc(*p, out);
    }
  }
  putc('"', out);
}

static void key(FILE *out, const char *name) {
  fprintf(out, ",\"%s\":", name);
}

/* Optional string member: left out when NULL. */
static void member(FILE *out, const char *name, const char *value) {
  if (!value) return;
  key(out, name);
  audit_json_string(out, value);
}

void audit_json_finding_members(FILE *out, const fl_audit_finding *f) {
  fprintf(out, "\"id\":%lld", f->id);
  member(out, "fingerprint", f->fingerprint);
  member(out, "rule", f->rule_id);
  member(out, "severity", f->severity);
  member(out, "detected_severity", f->detected_severity ? f->detected_severity : f->severity);
  key(out, "location");
  fputs("{\"file\":", out);
  audit_json_string(out, f->file);
  fprintf(out, ",\"line\":%u,\"col\":%u,\"end_line\":%u,\"end_col\":%u}", f->line, f->col, f->end_line,
          f->end_col);
  key(out, "symbol");
  audit_json_string(out, f->symbol);
  member(out, "message", f->message);
  member(out, "status", f->status);
  member(out, "detection", f->detection);
  member(out, "status_author", f->status_author);
  member(out, "status_reason", f->status_reason);
  member(out, "severity_reason", f->severity_reason);
  if (f->flow_json) {
    key(out, "flow");
    fputs(f->flow_json, out); /* stored as JSON by the db layer */
  }
  member(out, "excerpt", f->excerpt);
  if (f->excerpt) fprintf(out, ",\"excerpt_line\":%u", f->excerpt_line);
}

void audit_json_finding(FILE *out, const fl_audit_finding *f) {
  putc('{', out);
  audit_json_finding_members(out, f);
  putc('}', out);
}

void audit_json_findings(FILE *out, fl_audit_finding *const *items, const fl_audit_finding *array, size_t count) {
  fputs("[", out);
  for (size_t i = 0; i < count; i++) {
    fputs(i ? ",\n  " : "\n  ", out);
    audit_json_finding(out, items ? items[i] : &array[i]);
  }
  fputs(count ? "\n]" : "]", out);
}
