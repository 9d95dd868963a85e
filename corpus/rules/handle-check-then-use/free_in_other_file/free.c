#include <stdlib.h>

#include "handle.h"

void tunnel_free(tunnel *t) {
  atomic_store(&t->shutdown, true);
  wg_device_free(t->device);
  t->device = NULL;
  free(t);
}
