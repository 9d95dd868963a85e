/* Process-wide memory set-up for batch runs over many files. */
#ifndef FL_BATCH_MEMORY_H
#define FL_BATCH_MEMORY_H

/* Prepares malloc for a run that builds a large model once and keeps it:
 * no trimming or mmap for large blocks, and a heap region advised for
 * transparent huge pages (worker threads advise their own arenas with
 * fl_batch_memory_thread_init). Call once, first
 * thing in main(), before any thread starts.
 *
 * Why: the model of a few thousand files is a few hundred MB touched once,
 * and on virtual machines a page fault costs ~14 us; with 4 KiB pages the
 * faults were a third of a run's CPU time (28,600 faults for 590 Go files),
 * with 2 MiB pages a seventh of that. The reserved region costs address
 * space, not memory: RSS grows by what is touched, in 2 MiB steps.
 *
 * A no-op when FFI_LINT_MALLOC_TUNING=0, under sanitizers (their allocator
 * is not glibc's), and where transparent huge pages are unsupported. */
void fl_batch_memory_init(void);

/* The same advice for the calling worker thread's own malloc arena; call
 * first thing in each worker thread. A no-op where fl_batch_memory_init is. */
void fl_batch_memory_thread_init(void);

#endif
