#include "error.h"

#include <stdio.h>

static _Thread_local char error_message[2048];
static _Thread_local int error_code;

int fl_error_setv(int code, const char *fmt, va_list ap) {
  vsnprintf(error_message, sizeof error_message, fmt, ap);
  error_code = code;
  return code;
}

int fl_error_set(int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fl_error_setv(code, fmt, ap);
  va_end(ap);
  return code;
}

const char *fl_error_last(void) { return error_message; }
int fl_error_last_code(void) { return error_code; }

void fl_error_clear(void) {
  error_message[0] = '\0';
  error_code = FL_OK;
}
