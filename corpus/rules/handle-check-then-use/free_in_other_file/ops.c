/* The op; its free path lives in free.c next to it (the link step joins them). */
#include "handle.h"

int tunnel_push(tunnel *t, const void *pkt, size_t len) {
  if (atomic_load(&t->shutdown)) return -1;
  return wg_device_push(t->device, pkt, len); // expect: handle-check-then-use
}
