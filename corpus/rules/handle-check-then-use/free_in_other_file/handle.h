#ifndef TUNNEL_HANDLE_H
#define TUNNEL_HANDLE_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct wg_device;
int wg_device_push(struct wg_device *d, const void *pkt, size_t len);
void wg_device_free(struct wg_device *d);

typedef struct tunnel {
  atomic_bool shutdown;
  struct wg_device *device;
} tunnel;

int tunnel_push(tunnel *t, const void *pkt, size_t len);
void tunnel_free(tunnel *t);
#endif
