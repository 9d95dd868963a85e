#include "batch_memory.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define FL_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define FL_SANITIZED 1
#endif

#define HUGE_PAGE ((uintptr_t)2 << 20)
#define HEAP_RESERVE ((size_t)512 << 20)

void fl_batch_memory_init(void) {
#ifndef FL_SANITIZED
  const char *setting = getenv("FFI_LINT_MALLOC_TUNING");
  if (setting && strcmp(setting, "0") == 0) return;
  /* Parse workers allocate from the main arena too: per-thread arenas are
   * separate mmap'd heaps the advice below does not reach (at -j2 they
   * brought the faults back), and two workers barely contend. */
  mallopt(M_ARENA_MAX, 1);
  /* Large blocks (syntax trees, cache entries) from the heap, and freed
   * memory kept for the next package instead of returned and faulted in
   * again. */
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  /* Grow the heap once and advise it: the block is never touched (malloc
   * does not write it), free() gives it back to the heap's top, and the
   * advice stays on the pages where the model will be built. */
  char *block = malloc(HEAP_RESERVE);
  if (!block) return;
  uintptr_t start = ((uintptr_t)block + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  uintptr_t end = ((uintptr_t)block + HEAP_RESERVE) & ~(HUGE_PAGE - 1);
  if (end > start) (void)madvise((void *)start, end - start, MADV_HUGEPAGE); /* best effort */
  free(block);
#endif
}
