/* Error reporting for libffilint (libgit2 style).
 *
 * Functions return 0 on success or a negative FL_E* code; the human message
 * is stored per thread with fl_error_set() where the error starts and read
 * once, at the top (the CLI), with fl_error_last(). Nothing deep down prints.
 */
#ifndef FL_ERROR_H
#define FL_ERROR_H

#include <stdarg.h>

enum {
  FL_OK = 0,
  FL_ERROR = -1,     /* generic failure */
  FL_ENOTFOUND = -2, /* a path, rule, finding, ... does not exist */
  FL_EPARSE = -3,    /* input did not parse (source, YAML, JSON, SARIF) */
  FL_EDB = -4,       /* SQLite error, corrupt or newer-schema database */
  FL_ENOMEM = -5,
  FL_EUSAGE = -6,    /* bad command line */
  FL_EIO = -7,       /* read/write failure */
  FL_ECONFIG = -8,   /* config, rule or model file is malformed */
};

/* Records `code` and a printf-style message for the calling thread and
 * returns `code`, so callers can write `return fl_error_set(FL_EIO, ...)`. */
int fl_error_set(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int fl_error_setv(int code, const char *fmt, va_list ap);

/* The last message set on this thread ("" if none). Owned by the library;
 * valid until the next fl_error_set on this thread. */
const char *fl_error_last(void);
int fl_error_last_code(void);
void fl_error_clear(void);

#endif
