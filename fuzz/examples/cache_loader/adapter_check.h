/* What both cache-loader adapters check after a load: a returned entry's
 * payload must be the bytes its signature covers. */
#ifndef CACHE_ADAPTER_CHECK_H
#define CACHE_ADAPTER_CHECK_H

#include "cache_loader.h"
#include "files_harness.h"

/* Consumes `entry`; returns NULL or a static message for the finding. */
static inline const char *cache_adapter_check(cache_entry *entry) {
  const char *verdict = NULL;
  if (entry && cache_fnv1a(entry->payload, entry->size) != entry->sig)
    verdict = "loaded payload does not match the signature it was verified against";
  cache_entry_free(entry);
  return verdict;
}

/* The adapters' fixup: signs the payload (files[1], {key}.bin) into the
 * signature file (files[2], {key}.sig) as the cache's writer would, so the
 * fuzzer reaches what the loader does after verification: sizing the
 * payload from the metadata and reading it again. */
static inline void cache_adapter_fixup(fl_files_content *files, size_t nfiles) {
  static const char hex[] = "0123456789abcdef";
  if (nfiles < 3 || files[2].cap < 8)
    return;
  uint32_t sig = cache_fnv1a(files[1].data, files[1].len);
  for (int i = 0; i < 8; i++)
    files[2].data[i] = (uint8_t)hex[sig >> (28 - 4 * i) & 0xf];
  files[2].len = 8;
}

#endif
