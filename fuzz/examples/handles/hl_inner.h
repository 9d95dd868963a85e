/* The object behind an hl handle: a small byte queue with its own mutex and
 * condvar. Shared by every hl version; what differs is how the handle
 * protects it against a concurrent hl_free. */
#ifndef HL_INNER_H
#define HL_INNER_H

#include <pthread.h>
#include <stddef.h>

#define HL_INNER_CAPACITY 64

typedef struct hl_inner {
  unsigned magic;            /* read first by every call: a freed inner faults here */
  pthread_mutex_t mutex;
  pthread_cond_t readable;
  size_t length;
  unsigned char bytes[HL_INNER_CAPACITY];
} hl_inner;

hl_inner *hl_inner_new(void);
int hl_inner_write(hl_inner *inner, const void *data, size_t len);
int hl_inner_read(hl_inner *inner, void *out, size_t cap);
int hl_inner_wait(hl_inner *inner, unsigned timeout_ms);
int hl_inner_size(hl_inner *inner);
void hl_inner_free(hl_inner *inner);

#endif
