/* Fuzz input as text: ffi-lint's parsers take (text, len) but some of the
 * libraries under them (libyaml, jansson) are happier with a terminating
 * NUL, and a harness must never read past the input. */
#ifndef FL_SELF_TEXT_H
#define FL_SELF_TEXT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A heap copy of the input with a NUL after it (caller frees). */
static inline char *self_text_copy(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  if (!text)
    abort();
  memcpy(text, data, size);
  text[size] = '\0';
  return text;
}

#endif
