/* The on-disk cache of lowered units; see unit_cache.h. */
#include "unit_cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/error.h"
#include "../core/vec.h"
#include "../model/serialize.h"
#include "../output/sha256.h"

#ifndef FL_VERSION
#define FL_VERSION "dev"
#endif

#define CACHE_MAGIC "FLUCACHE"
#define CACHE_FORMAT 1u
/* An entry larger than this is not read (a corrupt or foreign file). */
#define CACHE_MAX_ENTRY ((size_t)256 << 20)
/* A file modified this close to (or after) the parse that read it may
 * have changed under it without its size or mtime showing it: such a
 * result is not stored (git's "racy clean" rule). */
#define RACY_SECONDS 2

struct fl_unit_cache {
  char *dir;
  const fl_api *api;
  uint8_t salt[FL_SHA256_DIGEST_SIZE]; /* binary and libraries, model format, API models */
  _Atomic size_t hits, misses, corrupt, write_errors;
  _Atomic unsigned long serial;        /* temporary file names */
};

char *fl_unit_cache_default_dir(void) {
  const char *dir = getenv("FFI_LINT_CACHE_DIR");
  if (dir && dir[0]) return strdup(dir);
  const char *xdg = getenv("XDG_CACHE_HOME");
  char *out = NULL;
  if (xdg && xdg[0] == '/') {
    out = malloc(strlen(xdg) + sizeof "/ffi-lint");
    if (out) sprintf(out, "%s/ffi-lint", xdg);
    return out;
  }
  const char *home = getenv("HOME");
  if (!home || home[0] != '/') return NULL;
  out = malloc(strlen(home) + sizeof "/.cache/ffi-lint");
  if (out) sprintf(out, "%s/.cache/ffi-lint", home);
  return out;
}

/* --- Hashing ------------------------------------------------------------------- */

static void hash_u64(fl_sha256 *ctx, uint64_t value) {
  uint8_t bytes[8];
  for (int i = 0; i < 8; i++) bytes[i] = (uint8_t)(value >> (8 * i));
  fl_sha256_update(ctx, bytes, sizeof bytes);
}

/* A string with its length, so ("ab","c") and ("a","bc") differ; NULL
 * differs from "". */
static void hash_str(fl_sha256 *ctx, const char *s) {
  if (!s) {
    hash_u64(ctx, UINT64_MAX);
    return;
  }
  size_t n = strlen(s);
  hash_u64(ctx, n);
  fl_sha256_update(ctx, s, n);
}

static void hash_file_identity(fl_sha256 *ctx, const char *path) {
  struct stat st;
  hash_str(ctx, path);
  if (stat(path, &st) != 0) return;
  hash_u64(ctx, (uint64_t)st.st_size);
  hash_u64(ctx, (uint64_t)st.st_mtim.tv_sec);
  hash_u64(ctx, (uint64_t)st.st_mtim.tv_nsec);
  hash_u64(ctx, (uint64_t)st.st_ino);
}

/* Every shared library loaded (libclang, libtree-sitter, libc...): an
 * upgraded libclang may parse the same file differently. */
static int hash_loaded_library(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  if (info->dlpi_name && info->dlpi_name[0] == '/') hash_file_identity(data, info->dlpi_name);
  return 0;
}

/* What, besides the sources, decides the frontends' output: this binary
 * (a rebuilt ffi-lint may lower differently) and the libraries it loaded,
 * the model format and the API models, entry by entry, in table order
 * (event->api is stored as an index). */
static void compute_salt(fl_unit_cache *cache) {
  fl_sha256 ctx;
  fl_sha256_init(&ctx);
  hash_str(&ctx, "ffi-lint unit cache");
  hash_str(&ctx, FL_VERSION);
  hash_u64(&ctx, FL_MODEL_FORMAT_VERSION);
  hash_u64(&ctx, CACHE_FORMAT);
  hash_file_identity(&ctx, "/proc/self/exe");
  dl_iterate_phdr(hash_loaded_library, &ctx);
  size_t count = cache->api ? fl_api_count(cache->api) : 0;
  hash_u64(&ctx, count);
  for (size_t i = 0; i < count; i++) {
    const fl_api_entry *entry = fl_api_entry_at(cache->api, i);
    hash_str(&ctx, entry->name);
    hash_u64(&ctx, (uint64_t)entry->role);
    hash_u64(&ctx, entry->flags);
    hash_u64(&ctx, (uint64_t)(int64_t)entry->arg);
    hash_u64(&ctx, (uint64_t)(int64_t)entry->dst_arg);
    hash_u64(&ctx, (uint64_t)(int64_t)entry->len_arg);
    hash_u64(&ctx, (uint64_t)(int64_t)entry->size_arg);
    hash_u64(&ctx, (uint64_t)(int64_t)entry->len_bits);
    hash_str(&ctx, entry->pairs_with);
    hash_str(&ctx, entry->lang);
    hash_str(&ctx, entry->origin);
  }
  fl_sha256_final(&ctx, cache->salt);
}

/* A source file's identity at the time it was hashed. */
typedef struct file_stamp {
  uint64_t size;
  int64_t mtime_sec, mtime_nsec;
} file_stamp;

static bool stamp_of(const char *path, file_stamp *out) {
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return false;
  *out = (file_stamp){(uint64_t)st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec};
  return true;
}

static bool stamp_equal(const file_stamp *a, const file_stamp *b) {
  return a->size == b->size && a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec;
}

/* Reads `path` into the hash. False if it cannot be read as a regular file. */
static bool hash_file(fl_sha256 *ctx, const char *path, file_stamp *stamp) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return false;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return false;
  }
  *stamp = (file_stamp){(uint64_t)st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec};
  hash_u64(ctx, (uint64_t)st.st_size);
  char chunk[65536];
  ssize_t n;
  while ((n = read(fd, chunk, sizeof chunk)) > 0) fl_sha256_update(ctx, chunk, (size_t)n);
  close(fd);
  return n == 0;
}

/* How many source files a job has (a Go package's .go files, a TU's main
 * file), and the path of source i as the frontend opens it ("" when it does
 * not fit). */
static size_t job_source_count(const fl_source_job *job) {
  return job->frontend == FL_FRONTEND_GO ? job->nfiles : 1;
}

static const char *job_source_path(char *buf, size_t cap, const fl_source_job *job, size_t i) {
  const char *dir = job->frontend == FL_FRONTEND_GO ? job->path : job->working_dir;
  const char *name = job->frontend == FL_FRONTEND_GO ? job->files[i] : job->path;
  int n = name[0] == '/' || !dir || !dir[0] || strcmp(dir, ".") == 0
              ? snprintf(buf, cap, "%s", name)
              : snprintf(buf, cap, "%s/%s", dir, name);
  if (n < 0 || (size_t)n >= cap) buf[0] = '\0';
  return buf;
}

/* The entry key of a job; stamps[i] gets source i's identity. False when a
 * source cannot be read (then the frontend reports it). */
static bool job_key(const fl_unit_cache *cache, const fl_source_job *job,
                    const fl_frontend_opts *opts, file_stamp *stamps,
                    uint8_t key[FL_SHA256_DIGEST_SIZE]) {
  fl_sha256 ctx;
  fl_sha256_init(&ctx);
  fl_sha256_update(&ctx, cache->salt, sizeof cache->salt);
  hash_u64(&ctx, (uint64_t)job->frontend);
  hash_str(&ctx, opts ? opts->resource_dir : NULL);
  hash_u64(&ctx, opts && opts->keep_going);
  hash_u64(&ctx, opts && opts->facts_only);
  hash_str(&ctx, job->path);
  hash_str(&ctx, job->working_dir);
  hash_u64(&ctx, job->argc);
  for (size_t i = 0; i < job->argc; i++) hash_str(&ctx, job->argv[i]);
  /* cgo's _cgo_export.h stand-in: made from the package's .go files */
  hash_str(&ctx, job->virtual_path);
  hash_str(&ctx, job->virtual_text);
  size_t count = job_source_count(job);
  hash_u64(&ctx, count);
  char path[PATH_MAX];
  for (size_t i = 0; i < count; i++) {
    if (job->frontend == FL_FRONTEND_GO) hash_str(&ctx, job->files[i]);
    if (!hash_file(&ctx, job_source_path(path, sizeof path, job, i), &stamps[i])) return false;
  }
  fl_sha256_final(&ctx, key);
  return true;
}

/* --- Entry files ------------------------------------------------------------------ */

/* FNV-1a, 64 bits, over an entry: a torn or bit-flipped entry that still
 * decodes would give a wrong model, and SHA-256 would cost more than the
 * decoding it guards. */
static uint64_t entry_checksum(const uint8_t *data, size_t size) {
  uint64_t hash = 14695981039346656037ull;
  for (size_t i = 0; i < size; i++) {
    hash ^= data[i];
    hash *= 1099511628211ull;
  }
  return hash;
}

/* The entry's directory or file; the directory is short enough for both
 * (fl_unit_cache_open checks). */
static void entry_path(char *buf, size_t cap, const fl_unit_cache *cache,
                       const uint8_t key[FL_SHA256_DIGEST_SIZE], bool dir_only) {
  char hex[2 * FL_SHA256_DIGEST_SIZE + 1];
  fl_sha256_hex(key, FL_SHA256_DIGEST_SIZE, hex);
  int n = dir_only ? snprintf(buf, cap, "%s/%.2s", cache->dir, hex)
                   : snprintf(buf, cap, "%s/%.2s/%s.flc", cache->dir, hex, hex);
  if (n < 0 || (size_t)n >= cap) buf[0] = '\0';
}

static void put_u32(fl_strbuf *out, uint32_t value) {
  char bytes[4];
  for (int i = 0; i < 4; i++) bytes[i] = (char)(value >> (8 * i));
  fl_strbuf_appendn(out, bytes, 4);
}

static void put_u64(fl_strbuf *out, uint64_t value) {
  char bytes[8];
  for (int i = 0; i < 8; i++) bytes[i] = (char)(value >> (8 * i));
  fl_strbuf_appendn(out, bytes, 8);
}

static void put_str(fl_strbuf *out, const char *s) {
  size_t n = strlen(s);
  put_u32(out, (uint32_t)n);
  fl_strbuf_appendn(out, s, n);
}

typedef struct reader {
  const uint8_t *data;
  size_t size, pos;
  bool bad;
} reader;

static uint64_t get_uint(reader *r, int bytes) {
  if (r->bad || r->size - r->pos < (size_t)bytes) {
    r->bad = true;
    return 0;
  }
  uint64_t value = 0;
  for (int i = 0; i < bytes; i++) value |= (uint64_t)r->data[r->pos + (size_t)i] << (8 * i);
  r->pos += (size_t)bytes;
  return value;
}

/* A path of the entry's dependency list, copied into buf (NUL-terminated). */
static bool get_path(reader *r, char *buf, size_t cap) {
  uint64_t n = get_uint(r, 4);
  if (r->bad || n >= cap || r->size - r->pos < n) return r->bad = true, false;
  memcpy(buf, r->data + r->pos, n);
  buf[n] = '\0';
  r->pos += n;
  return true;
}

/* Reads a whole entry file, or NULL (missing, unreadable, too large). */
static uint8_t *read_entry(const char *path, size_t *size_out) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return NULL;
  struct stat st;
  uint8_t *data = NULL;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size <= CACHE_MAX_ENTRY) {
    size_t size = (size_t)st.st_size, got = 0;
    data = malloc(size ? size : 1);
    while (data && got < size) {
      ssize_t n = read(fd, data + got, size - got);
      if (n <= 0) break;
      got += (size_t)n;
    }
    if (data && got != size) {
      free(data);
      data = NULL;
    }
    *size_out = size;
  }
  close(fd);
  return data;
}

typedef enum lookup_result { LOOKUP_MISS, LOOKUP_HIT, LOOKUP_STALE, LOOKUP_CORRUPT } lookup_result;

/* Checks the entry's dependency list against the file system and decodes
 * its units. */
static lookup_result decode_entry(const fl_unit_cache *cache, const uint8_t *data, size_t size,
                                  const uint8_t key[FL_SHA256_DIGEST_SIZE], const char *path,
                                  fl_unit ***units_out, size_t *nunits_out) {
  if (size < 16 || memcmp(data, CACHE_MAGIC, 8) != 0) return LOOKUP_CORRUPT;
  reader sum = {data + size - 8, 8, 0, false};
  if (get_uint(&sum, 8) != entry_checksum(data, size - 8)) return LOOKUP_CORRUPT;
  reader r = {data, size - 8, 8, false}; /* after the magic, before the checksum */
  if (get_uint(&r, 4) != CACHE_FORMAT || r.bad) return LOOKUP_CORRUPT;
  if (r.size - r.pos < FL_SHA256_DIGEST_SIZE ||
      memcmp(data + r.pos, key, FL_SHA256_DIGEST_SIZE) != 0)
    return LOOKUP_CORRUPT;
  r.pos += FL_SHA256_DIGEST_SIZE;
  char dep[PATH_MAX];
  uint64_t nfiles = get_uint(&r, 4);
  for (uint64_t i = 0; i < nfiles && !r.bad; i++) {
    if (!get_path(&r, dep, sizeof dep)) break;
    file_stamp want, have; /* read in order: an initialiser list's order is unspecified */
    want.size = get_uint(&r, 8);
    want.mtime_sec = (int64_t)get_uint(&r, 8);
    want.mtime_nsec = (int64_t)get_uint(&r, 8);
    if (r.bad) break;
    if (!stamp_of(dep, &have) || !stamp_equal(&want, &have)) return LOOKUP_STALE;
  }
  uint64_t nabsent = get_uint(&r, 4);
  for (uint64_t i = 0; i < nabsent && !r.bad; i++) {
    if (!get_path(&r, dep, sizeof dep)) break;
    if (access(dep, F_OK) == 0) return LOOKUP_STALE; /* the missing header is there now */
  }
  uint64_t blob = get_uint(&r, 8);
  if (r.bad || blob != r.size - r.pos) return LOOKUP_CORRUPT;
  if (fl_units_deserialize(units_out, nunits_out, r.data + r.pos, (size_t)blob, cache->api, path) != 0)
    return LOOKUP_CORRUPT;
  return LOOKUP_HIT;
}

static lookup_result lookup(fl_unit_cache *cache, const uint8_t key[FL_SHA256_DIGEST_SIZE],
                            fl_unit ***units_out, size_t *nunits_out) {
  char path[PATH_MAX];
  entry_path(path, sizeof path, cache, key, false);
  size_t size = 0;
  uint8_t *data = read_entry(path, &size);
  if (!data) return LOOKUP_MISS;
  lookup_result result = decode_entry(cache, data, size, key, path, units_out, nunits_out);
  free(data);
  if (result == LOOKUP_HIT) utimensat(AT_FDCWD, path, NULL, 0); /* used: not pruned */
  if (result == LOOKUP_CORRUPT || result == LOOKUP_STALE) unlink(path); /* rewritten below */
  if (result == LOOKUP_CORRUPT) fl_error_clear();
  return result;
}

/* True if the file's mtime is too recent to trust (see RACY_SECONDS). */
static bool racy(const file_stamp *stamp, time_t parse_started) {
  return stamp->mtime_sec >= (int64_t)parse_started - RACY_SECONDS;
}

/* Writes the entry for a package just parsed. Skipped (not an error) when
 * a file it read changed since, or so recently that a change may not show. */
static void store(fl_unit_cache *cache, const uint8_t key[FL_SHA256_DIGEST_SIZE],
                  const fl_source_job *job, const file_stamp *stamps, time_t parse_started,
                  fl_unit *const *units, size_t nunits, const fl_deps *deps) {
  char path[PATH_MAX];
  if (deps->uncacheable) return;
  for (size_t i = 0; i < job_source_count(job); i++) {
    file_stamp now;
    if (!stamp_of(job_source_path(path, sizeof path, job, i), &now) ||
        !stamp_equal(&now, &stamps[i]) || racy(&now, parse_started))
      return;
  }
  fl_strbuf out = FL_STRBUF_INIT;
  fl_strbuf_appendn(&out, CACHE_MAGIC, 8);
  put_u32(&out, CACHE_FORMAT);
  fl_strbuf_appendn(&out, (const char *)key, FL_SHA256_DIGEST_SIZE);
  put_u32(&out, (uint32_t)deps->files.count);
  for (size_t i = 0; i < deps->files.count; i++) {
    const char *dep = deps->files.items[i];
    file_stamp stamp;
    if (strlen(dep) >= PATH_MAX || !stamp_of(dep, &stamp) || racy(&stamp, parse_started)) {
      fl_strbuf_free(&out);
      return;
    }
    put_str(&out, dep);
    put_u64(&out, stamp.size);
    put_u64(&out, (uint64_t)stamp.mtime_sec);
    put_u64(&out, (uint64_t)stamp.mtime_nsec);
  }
  put_u32(&out, (uint32_t)deps->absent.count);
  for (size_t i = 0; i < deps->absent.count; i++) {
    if (strlen(deps->absent.items[i]) >= PATH_MAX) {
      fl_strbuf_free(&out);
      return;
    }
    put_str(&out, deps->absent.items[i]);
  }
  size_t blob_at = out.len;
  put_u64(&out, 0);
  fl_units_serialize(&out, units, nunits, cache->api);
  uint64_t blob = out.len - blob_at - 8;
  for (int i = 0; i < 8; i++) out.data[blob_at + (size_t)i] = (char)(blob >> (8 * i));
  put_u64(&out, entry_checksum((const uint8_t *)out.data, out.len));

  char dir[PATH_MAX], tmp[PATH_MAX];
  entry_path(dir, sizeof dir, cache, key, true);
  entry_path(path, sizeof path, cache, key, false);
  int n = snprintf(tmp, sizeof tmp, "%s/tmp.%ld.%lu", cache->dir, (long)getpid(),
                   atomic_fetch_add(&cache->serial, 1));
  if (n < 0 || (size_t)n >= sizeof tmp) tmp[0] = '\0';
  bool ok = (mkdir(dir, 0777) == 0 || errno == EEXIST);
  int fd = ok ? open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666) : -1;
  ok = fd >= 0;
  for (size_t done = 0; ok && done < out.len;) {
    ssize_t wrote = write(fd, out.data + done, out.len - done);
    if (wrote <= 0) ok = false;
    else done += (size_t)wrote;
  }
  if (fd >= 0 && close(fd) != 0) ok = false;
  if (ok && rename(tmp, path) != 0) ok = false;
  if (!ok) {
    unlink(tmp);
    atomic_fetch_add(&cache->write_errors, 1);
  }
  fl_strbuf_free(&out);
}

/* --- The cache ---------------------------------------------------------------------- */

/* Removes temporary files of killed runs (older than an hour). */
static void sweep_stale_temporaries(const char *dir) {
  DIR *listing = opendir(dir);
  if (!listing) return;
  time_t now = time(NULL);
  char path[PATH_MAX];
  struct dirent *item;
  while ((item = readdir(listing)) != NULL) {
    if (strncmp(item->d_name, "tmp.", 4) != 0) continue;
    if (snprintf(path, sizeof path, "%s/%s", dir, item->d_name) >= (int)sizeof path) continue;
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_mtime < now - 3600) unlink(path);
  }
  closedir(listing);
}

/* Entries not used for this long are removed, by a sweep run at most once
 * a day (DIR/last-prune records when): a package edited a hundred times
 * leaves a hundred keys behind. A hit marks its entry used (its mtime). */
#define PRUNE_AGE_SECONDS (30 * 24 * 3600)
#define PRUNE_EVERY_SECONDS (24 * 3600)

static void prune_unused_entries(const char *dir) {
  char marker[PATH_MAX], sub[PATH_MAX], path[PATH_MAX];
  if (snprintf(marker, sizeof marker, "%s/last-prune", dir) >= (int)sizeof marker) return;
  time_t now = time(NULL);
  struct stat st;
  if (stat(marker, &st) == 0 && st.st_mtime > now - PRUNE_EVERY_SECONDS) return;
  int fd = open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return;
  close(fd); /* claimed for today, before the walk: concurrent runs skip it */
  DIR *top = opendir(dir);
  if (!top) return;
  struct dirent *shard;
  while ((shard = readdir(top)) != NULL) {
    if (strlen(shard->d_name) != 2) continue; /* the xx/ directories */
    if (snprintf(sub, sizeof sub, "%s/%s", dir, shard->d_name) >= (int)sizeof sub) continue;
    DIR *entries = opendir(sub);
    if (!entries) continue;
    struct dirent *item;
    while ((item = readdir(entries)) != NULL) {
      size_t n = strlen(item->d_name);
      if (n < 5 || strcmp(item->d_name + n - 4, ".flc") != 0) continue;
      if (snprintf(path, sizeof path, "%s/%s", sub, item->d_name) >= (int)sizeof path) continue;
      if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_mtime < now - PRUNE_AGE_SECONDS)
        unlink(path);
    }
    closedir(entries);
  }
  closedir(top);
}

/* mkdir -p: creates `dir` and its missing parents. */
static int make_dirs(const char *dir) {
  char path[PATH_MAX];
  if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
    return fl_error_set(FL_EIO, "%s: path too long", dir);
  for (char *p = path + 1;; p++) {
    if (*p != '/' && *p != '\0') continue;
    char saved = *p;
    *p = '\0';
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
      return fl_error_set(FL_EIO, "%s: cannot create the cache directory: %s", path,
                          strerror(errno));
    *p = saved;
    if (!saved) break;
  }
  struct stat st;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
    return fl_error_set(FL_EIO, "%s: not a directory", dir);
  return 0;
}

int fl_unit_cache_open(fl_unit_cache **out, const char *dir, const fl_api *api) {
  *out = NULL;
  if (!dir || !dir[0]) return fl_error_set(FL_EIO, "no cache directory");
  if (strlen(dir) > PATH_MAX - 160) return fl_error_set(FL_EIO, "%s: cache directory path too long", dir);
  int rc = make_dirs(dir);
  if (rc) return rc;
  if (access(dir, W_OK | X_OK) != 0)
    return fl_error_set(FL_EIO, "%s: cache directory not writable: %s", dir, strerror(errno));
  fl_unit_cache *cache = calloc(1, sizeof *cache);
  if (!cache) return fl_error_set(FL_ENOMEM, "out of memory");
  cache->dir = strdup(dir);
  cache->api = api;
  compute_salt(cache);
  sweep_stale_temporaries(dir);
  prune_unused_entries(dir);
  *out = cache;
  return 0;
}

void fl_unit_cache_close(fl_unit_cache *cache) {
  if (!cache) return;
  free(cache->dir);
  free(cache);
}

int fl_unit_cache_parse(fl_unit_cache *cache, fl_unit ***units_out, size_t *nunits_out,
                        void *worker, const fl_source_job *job, const fl_frontend_opts *opts) {
  uint8_t key[FL_SHA256_DIGEST_SIZE];
  size_t count = job_source_count(job);
  file_stamp *stamps = calloc(count ? count : 1, sizeof *stamps);
  bool keyed = stamps && job_key(cache, job, opts, stamps, key);
  if (keyed) {
    switch (lookup(cache, key, units_out, nunits_out)) {
      case LOOKUP_HIT:
        atomic_fetch_add(&cache->hits, 1);
        free(stamps);
        return 0;
      case LOOKUP_CORRUPT: atomic_fetch_add(&cache->corrupt, 1); break;
      case LOOKUP_STALE: case LOOKUP_MISS: break;
    }
  }
  atomic_fetch_add(&cache->misses, 1);
  time_t parse_started = time(NULL);
  fl_deps deps = FL_DEPS_INIT;
  int rc = fl_frontend_get(job->frontend)->parse(units_out, nunits_out, worker, job, opts, &deps);
  if (rc == 0 && keyed) store(cache, key, job, stamps, parse_started, *units_out, *nunits_out, &deps);
  fl_deps_clear(&deps);
  free(stamps);
  return rc;
}

void fl_unit_cache_stats_get(const fl_unit_cache *cache, fl_unit_cache_stats *out) {
  memset(out, 0, sizeof *out);
  if (!cache) return;
  out->hits = atomic_load(&cache->hits);
  out->misses = atomic_load(&cache->misses);
  out->corrupt = atomic_load(&cache->corrupt);
  out->write_errors = atomic_load(&cache->write_errors);
}
