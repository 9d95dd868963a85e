/* Cached-file harness: the adapter a user writes (design.md §7, issue 8).
 *
 * An adapter names a loader's entry point and the files it reads. The
 * runtime turns each fuzz input into a scenario in a fresh private
 * directory (each file regular, truncated, empty, sparse-oversized, a
 * symlink to /dev/zero, /dev/urandom or outside the directory, a FIFO with
 * no writer, a directory, a socket, unreadable, missing, or swapped for
 * another shape after the loader's Nth open/openat/fstat/read on it), calls
 * the loader, and reports hangs, memory blow-ups, reads through a symlink
 * out of the directory, leaked descriptors, sanitizer reports and adapter
 * invariant violations -- each with the scenario in plain words.
 *
 * One adapter file defines exactly one `fl_files_adapter_main`:
 *
 *   static const char *const files[] = {"{key}.meta", "{key}.bin", NULL};
 *   static const char *load(const char *dir, const char *key) { ... }
 *   const fl_files_adapter fl_files_adapter_main = {
 *       .name = "my_cache", .files = files,
 *       .entry = FL_FILES_ENTRY_DIR, .load_dir = load};
 *
 * An adapter whose loader verifies what it reads (a checksum, a signature)
 * adds `.fixup`, which rewrites the decoded contents the way the cache's
 * writer would, so the fuzzer reaches past the verification.
 *
 * Entry functions return NULL when the loader behaved (success or a clean
 * refusal), or a static message naming a broken invariant, which the
 * runtime reports as a finding ("payload does not match its signature").
 * See docs/file-fuzzing.md. */
#ifndef FL_FILES_HARNESS_H
#define FL_FILES_HARNESS_H

#include <stddef.h>
#include <stdint.h>

typedef enum fl_files_entry_kind {
  FL_FILES_ENTRY_DIR,  /* load_dir(cache_dir, key) */
  FL_FILES_ENTRY_PATH, /* load_path(path of files[0]) */
  FL_FILES_ENTRY_FD,   /* load_fd(fd of files[0], opened O_RDONLY|O_NONBLOCK) */
} fl_files_entry_kind;

/* A parser fuzzed on bytes alone (no files): a metadata or index parser the
 * loader uses, reachable faster this way than through a scenario. */
typedef struct fl_files_parser {
  const char *name;
  void (*parse)(const uint8_t *data, size_t size);
} fl_files_parser;

/* One file's contents as a scenario is about to write them, for fixup. */
typedef struct fl_files_content {
  const char *name; /* "entry.sig": the adapter's name with {key} substituted */
  uint8_t *data;    /* writable; fixup may rewrite up to `cap` bytes */
  size_t len;       /* bytes in use; fixup may change it, up to `cap` */
  size_t cap;
} fl_files_content;

typedef struct fl_files_adapter {
  const char *name;
  /* Value substituted for "{key}" in file names; "entry" when NULL. */
  const char *key;
  /* NULL-terminated file names relative to the cache directory, at most
   * FL_FILES_MAX_FILES, e.g. {"{key}.meta", "{key}.bin", "{key}.sig"}. */
  const char *const *files;
  fl_files_entry_kind entry;
  const char *(*load_dir)(const char *dir, const char *key);
  const char *(*load_path)(const char *path);
  const char *(*load_fd)(int fd);
  /* Optional, terminated by an entry with name == NULL. */
  const fl_files_parser *parsers;
  /* Set when the loader is meant to follow symlinks out of its directory;
   * otherwise reading such a file is a finding. */
  int allow_outside_reads;
  /* Optional: makes a scenario's contents consistent the way the cache's
   * own writer would -- recomputes a checksum, signs with a test key -- so
   * the loader gets past its verification to the code behind it, which a
   * byte fuzzer almost never reaches through a 32-bit hash (AFL++'s
   * post_process serves the same purpose). Called with every file, in
   * `files` order, before truncation and swaps are derived from the
   * contents; on the inputs whose first byte selects it (half of them), so
   * inputs that fail verification stay in the mix. Must be deterministic:
   * replaying an input calls it again. */
  void (*fixup)(fl_files_content *files, size_t nfiles);
} fl_files_adapter;

#define FL_FILES_MAX_FILES 8

/* Defined by the adapter. */
extern const fl_files_adapter fl_files_adapter_main;

#endif
