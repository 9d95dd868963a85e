#include "rule_info.h"

#include <string.h>

#include "core/error.h"
#include "core/vec.h"
#include "rules/rule.h"

#define WRAP_WIDTH 78

static void languages_text(char *out, size_t size, const fl_rule_meta *meta) {
  out[0] = '\0';
  for (size_t i = 0; meta && i < meta->nlanguages; i++) {
    if (i) strncat(out, ",", size - strlen(out) - 1);
    strncat(out, meta->languages[i], size - strlen(out) - 1);
  }
}

void fl_cli_list_rules(FILE *out, const fl_rule_meta_set *meta) {
  size_t id_width = strlen("ID");
  for (size_t i = 0; i < fl_rule_count(); i++) {
    size_t len = strlen(fl_rule_at(i)->id);
    if (len > id_width) id_width = len;
  }
  fprintf(out, "%-*s  %-8s  %-10s  %s\n", (int)id_width, "ID", "SEVERITY", "LANGUAGES", "TITLE");
  for (size_t i = 0; i < fl_rule_count(); i++) {
    const fl_rule *rule = fl_rule_at(i);
    const fl_rule_meta *info = fl_rule_meta_find(meta, rule->id);
    char languages[64];
    languages_text(languages, sizeof languages, info);
    fprintf(out, "%-*s  %-8s  %-10s  %s\n", (int)id_width, rule->id,
            info ? info->severity : fl_severity_name(rule->default_severity),
            info ? languages : "-", info ? info->title : "(no rules/<id>.yml)");
  }
}

/* Prints `text` wrapped at WRAP_WIDTH with `indent` spaces; blank lines
 * separate paragraphs, and lines that start with "-", "*" or whitespace
 * (lists, code) are kept as written. */
static void print_wrapped(FILE *out, const char *text, int indent) {
  const char *line = text;
  int column = 0;
  while (*line) {
    const char *end = strchr(line, '\n');
    size_t len = end ? (size_t)(end - line) : strlen(line);
    bool verbatim = len && (line[0] == '-' || line[0] == '*' || line[0] == ' ');
    if (len == 0 || verbatim) {
      if (column) fputc('\n', out);
      if (len == 0) fputc('\n', out);
      else fprintf(out, "%*s%.*s\n", indent, "", (int)len, line);
      column = 0;
    } else {
      for (size_t i = 0; i < len;) {
        while (i < len && line[i] == ' ') i++;
        size_t word = i;
        while (i < len && line[i] != ' ') i++;
        if (i == word) break;
        int word_len = (int)(i - word);
        if (column && column + 1 + word_len > WRAP_WIDTH) {
          fputc('\n', out);
          column = 0;
        }
        if (!column) column = fprintf(out, "%*s", indent, "");
        else column += fprintf(out, " ");
        column += fprintf(out, "%.*s", word_len, line + word);
      }
    }
    line += len + (end ? 1 : 0);
  }
  if (column) fputc('\n', out);
}

int fl_cli_explain_rule(FILE *out, const fl_rule_meta_set *meta, const char *id) {
  const fl_rule_meta *info = fl_rule_meta_find(meta, id);
  if (!info) {
    fl_strbuf valid = FL_STRBUF_INIT;
    for (size_t i = 0; meta && i < meta->count; i++)
      fl_strbuf_printf(&valid, "%s%s", i ? ", " : "", meta->rules[i].id);
    int rc = fl_error_set(FL_EUSAGE, "--explain: unknown rule '%s' (valid: %s)", id,
                          valid.data ? valid.data : "none");
    fl_strbuf_free(&valid);
    return rc;
  }
  char languages[64];
  languages_text(languages, sizeof languages, info);
  fl_strbuf heading = FL_STRBUF_INIT;
  fl_strbuf_printf(&heading, "%s: %s", info->id, info->title);
  print_wrapped(out, heading.data, 0);
  fl_strbuf_free(&heading);
  fputc('\n', out);
  fprintf(out, "  Severity:  %s\n  Languages: %s\n", info->severity, languages);
  if (info->cwe) fprintf(out, "  CWE:       %s\n", info->cwe);
  if (info->help_uri) fprintf(out, "  Docs:      %s\n", info->help_uri);
  fputs("\nWhat it finds\n", out);
  print_wrapped(out, info->description, 2);
  fputs("\nWhy it matters\n", out);
  print_wrapped(out, info->why, 2);
  fputs("\nHow to fix\n", out);
  print_wrapped(out, info->fix, 2);
  if (info->nreferences) {
    fputs("\nReferences\n", out);
    for (size_t i = 0; i < info->nreferences; i++) fprintf(out, "  - %s\n", info->references[i]);
  }
  return 0;
}
