/* Short code excerpts (a few lines around a finding) for the audit DB and
 * the report. Remembers the last file read, because findings arrive sorted
 * by file. */
#ifndef FL_DB_EXCERPT_H
#define FL_DB_EXCERPT_H

typedef struct fl_excerpt_reader fl_excerpt_reader;

/* `root` (may be NULL) is where relative paths are looked up first, before
 * the current directory. The string is copied. */
fl_excerpt_reader *fl_excerpt_reader_new(const char *root);
void fl_excerpt_reader_free(fl_excerpt_reader *reader);

/* Lines `first`..`last` (1-based, inclusive, clamped to the file) of
 * `file`, joined by '\n' without a final newline, in a heap string the
 * caller frees; *first_out gets the first line actually returned. NULL when
 * the file cannot be read or has no such lines (not an error: the DB then
 * keeps the excerpt stored at an earlier run). */
char *fl_excerpt_read(fl_excerpt_reader *reader, const char *file, unsigned first, unsigned last,
                      unsigned *first_out);

#endif
