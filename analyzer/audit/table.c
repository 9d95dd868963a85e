/* Aligned text tables for the terminal (list, stats, runs, diff). */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "core/vec.h"

struct audit_table {
  size_t columns;
  fl_strbuf text;  /* every cell, NUL-terminated, back to back */
  size_t *offsets; /* rows * columns offsets into text, row-major */
  size_t rows, capacity;
};

static const char *const ansi_reset = "\033[0m";

audit_table *audit_table_new(size_t columns) {
  audit_table *table = calloc(1, sizeof *table);
  if (!table) abort();
  table->columns = columns;
  return table;
}

void audit_table_add(audit_table *table, const char *const *cells) {
  if (table->rows == table->capacity) {
    table->capacity = table->capacity ? table->capacity * 2 : 64;
    table->offsets = realloc(table->offsets, table->capacity * table->columns * sizeof *table->offsets);
    if (!table->offsets) abort();
  }
  for (size_t c = 0; c < table->columns; c++) {
    const char *cell = cells[c] ? cells[c] : "";
    table->offsets[table->rows * table->columns + c] = table->text.len;
    fl_strbuf_appendn(&table->text, cell, strlen(cell) + 1);
  }
  table->rows++;
}

/* Display width: counts UTF-8 code points, not bytes. */
static size_t text_width(const char *s) {
  size_t width = 0;
  for (; *s; s++) width += ((unsigned char)*s & 0xC0) != 0x80;
  return width;
}

void audit_table_print(const audit_table *table, FILE *out, bool color, const audit_color_fn *colors) {
  size_t *widths = calloc(table->columns, sizeof *widths);
  if (!widths) abort();
  for (size_t r = 0; r < table->rows; r++)
    for (size_t c = 0; c < table->columns; c++) {
      size_t w = text_width(table->text.data + table->offsets[r * table->columns + c]);
      if (w > widths[c]) widths[c] = w;
    }
  for (size_t r = 0; r < table->rows; r++) {
    for (size_t c = 0; c < table->columns; c++) {
      const char *cell = table->text.data + table->offsets[r * table->columns + c];
      const char *ansi = color && r > 0 && colors && colors[c] ? colors[c](cell) : NULL;
      bool last = c + 1 == table->columns;
      if (ansi) fputs(ansi, out);
      fputs(cell, out);
      if (ansi) fputs(ansi_reset, out);
      for (size_t pad = last ? 0 : widths[c] - text_width(cell) + 2; pad; pad--) putc(' ', out);
    }
    fputc('\n', out);
  }
  free(widths);
}

void audit_table_free(audit_table *table) {
  if (!table) return;
  fl_strbuf_free(&table->text);
  free(table->offsets);
  free(table);
}

const char *audit_color_severity(const char *severity) {
  if (strcmp(severity, "high") == 0) return "\033[1;31m";
  if (strcmp(severity, "medium") == 0) return "\033[33m";
  if (strcmp(severity, "low") == 0) return "\033[36m";
  return NULL;
}

const char *audit_color_detection(const char *detection) {
  if (strcmp(detection, "new") == 0 || strcmp(detection, "reopened") == 0) return "\033[1m";
  if (strcmp(detection, "resolved") == 0) return "\033[32m";
  return NULL;
}
