/* What both cache-loader adapters check after a load: a returned entry's
 * payload must be the bytes its signature covers. */
#ifndef CACHE_ADAPTER_CHECK_H
#define CACHE_ADAPTER_CHECK_H

#include "cache_loader.h"

/* Consumes `entry`; returns NULL or a static message for the finding. */
static inline const char *cache_adapter_check(cache_entry *entry) {
  const char *verdict = NULL;
  if (entry && cache_fnv1a(entry->payload, entry->size) != entry->sig)
    verdict = "loaded payload does not match the signature it was verified against";
  cache_entry_free(entry);
  return verdict;
}

#endif
