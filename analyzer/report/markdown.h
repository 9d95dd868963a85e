/* Markdown escaping for the report. */
#ifndef FL_REPORT_MARKDOWN_H
#define FL_REPORT_MARKDOWN_H

#include <stdio.h>

/* Text with markdown syntax characters backslash-escaped (safe in
 * paragraphs, headings and table cells). */
void fl_md_text(FILE *out, const char *text);
/* An inline code span holding `text` exactly (longer fences around
 * backticks). */
void fl_md_code(FILE *out, const char *text);
/* The info string for a fenced block of `path`'s language ("c", "go", ...). */
const char *fl_md_fence_language(const char *path);

#endif
