/* hl: a small handle library used to show the race harness (issue 7).
 *
 * One API, four implementations of its free/op protocol (one per .c file):
 *   hl_flag.c          check-then-use on an atomic flag (bug: narrow window)
 *   hl_unlock_early.c  lock taken for the check, dropped before the use (bug)
 *   hl_refcount.c      refcounted ops, but free skips the wait on a fast path (bug)
 *   hl_guard.c         the quiesce guard of seed 001 (correct)
 *
 * Contract (like seed 001): hl_free may race any op; an op on a freed or
 * closed handle returns HL_ECLOSED. The handle box itself is never freed by
 * hl_free (ops racing free still read its state); hl_reclaim releases it
 * once no thread can call into the handle any more. */
#ifndef HL_H
#define HL_H

#include <stddef.h>

#define HL_ECLOSED (-1)

typedef struct hl_handle hl_handle;

hl_handle *hl_open(void);
/* Appends up to `len` bytes; returns the count appended or HL_ECLOSED. */
int hl_write(hl_handle *h, const void *data, size_t len);
/* Takes up to `cap` bytes (never blocks); returns the count or HL_ECLOSED. */
int hl_read(hl_handle *h, void *out, size_t cap);
/* Blocks until data is buffered or `timeout_ms` passed, like a recv parked
 * in the library; returns the bytes buffered or HL_ECLOSED. */
int hl_wait(hl_handle *h, unsigned timeout_ms);
/* Bytes buffered, or HL_ECLOSED. */
int hl_size(hl_handle *h);
/* Makes every later op fail; does not release memory. */
void hl_close(hl_handle *h);
/* Releases the inner object. May race ops. Idempotent. */
void hl_free(hl_handle *h);
/* Releases the handle box (and anything hl_free had to leak). Only when no
 * thread can still use `h`. */
void hl_reclaim(hl_handle *h);

#endif
