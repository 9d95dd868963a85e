/* Interposed open/openat/fstat/read (and close, to forget descriptors).
 *
 * These definitions in the harness binary win over libc's (and over ASan's
 * weak `read`); they forward to ASan's read interceptor when there is one,
 * so ASan still checks the destination buffer of every read, and to the next
 * definition (libc) via dlsym(RTLD_NEXT) otherwise. Outside a run they only
 * forward. During a run they count each call on a scenario file -- by path
 * for open/openat, by descriptor for fstat/read -- and after the Nth one
 * rename the file's replacement over it (the TOCTOU swap); a read of bytes
 * from a file outside the cache directory (reached through a symlink) is a
 * finding unless the adapter allows it. Calls glibc makes internally (fopen,
 * stat) bypass these symbols and are not counted. */
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime.h"

#define FD_TABLE_SIZE 4096
#define OWNER_NONE 0
#define OWNER_CACHE_DIR (-1)

typedef int (*open_fn)(const char *, int, ...);
typedef int (*openat_fn)(int, const char *, int, ...);
typedef int (*fstat_fn)(int, struct stat *);
typedef ssize_t (*read_fn)(int, void *, size_t);
typedef int (*close_fn)(int);

ssize_t __interceptor_read(int fd, void *buf, size_t count) __attribute__((weak));
void __sanitizer_print_stack_trace(void) __attribute__((weak));

static atomic_int active;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
/* fd -> OWNER_CACHE_DIR, or 1 + index of the scenario file it was opened as. */
static int fd_owner[FD_TABLE_SIZE];
static unsigned char fd_outside[FD_TABLE_SIZE];
/* What each tracked descriptor was opened on, so a number reused after an
 * uncounted close (fclose, closedir) is not mistaken for a leak. */
static dev_t fd_dev[FD_TABLE_SIZE];
static ino_t fd_ino[FD_TABLE_SIZE];

static void *next_symbol(const char *name) { return dlsym(RTLD_NEXT, name); }

static int real_open(const char *path, int flags, mode_t mode) {
  static open_fn fn;
  if (!fn)
    fn = (open_fn)next_symbol("open");
  return fn(path, flags, mode);
}

static int real_openat(int dirfd, const char *path, int flags, mode_t mode) {
  static openat_fn fn;
  if (!fn)
    fn = (openat_fn)next_symbol("openat");
  return fn(dirfd, path, flags, mode);
}

static int real_fstat(int fd, struct stat *st) {
  static fstat_fn fn;
  if (!fn)
    fn = (fstat_fn)next_symbol("fstat");
  return fn(fd, st);
}

static ssize_t real_read(int fd, void *buf, size_t count) {
  static read_fn fn;
  if (__interceptor_read)
    return __interceptor_read(fd, buf, count);
  if (!fn)
    fn = (read_fn)next_symbol("read");
  return fn(fd, buf, count);
}

static int real_close(int fd) {
  static close_fn fn;
  if (!fn)
    fn = (close_fn)next_symbol("close");
  return fn(fd);
}

static int tracked(int fd) { return fd >= 0 && fd < FD_TABLE_SIZE; }

/* Which scenario file `path` (relative to dirfd) names: its index, or
 * OWNER_CACHE_DIR - 1 for the cache directory itself, or -1000 for none. */
static int match_path(int dirfd, const char *path) {
  const fl_files_run *run = &fl_files_current;
  const char *name = NULL;
  size_t cache_len = strlen(run->dir.cache);
  if (path[0] == '/') {
    if (strncmp(path, run->dir.cache, cache_len) != 0)
      return -1000;
    const char *rest = path + cache_len;
    while (*rest == '/')
      rest++;
    if (*rest == '\0')
      return OWNER_CACHE_DIR - 1;
    if (rest == path + cache_len)
      return -1000; /* "/tmp/.../cachefoo" */
    name = rest;
  } else if (tracked(dirfd) && fd_owner[dirfd] == OWNER_CACHE_DIR) {
    name = path;
  } else {
    return -1000;
  }
  for (size_t i = 0; i < run->scenario.nfiles; i++)
    if (strcmp(name, run->scenario.files[i].name) == 0)
      return (int)i;
  return -1000;
}

/* Records what `fd` refers to; returns 1 if it is a symlink target outside
 * the cache directory. Called with table_lock held. */
static int remember_fd(int fd) {
  struct stat st;
  if (real_fstat(fd, &st) < 0)
    return 0;
  fd_dev[fd] = st.st_dev;
  fd_ino[fd] = st.st_ino;
  const fl_scenario *scenario = &fl_files_current.scenario;
  for (size_t i = 0; i < scenario->nfiles; i++)
    if (scenario->files[i].has_outside && scenario->files[i].outside_dev == st.st_dev &&
        scenario->files[i].outside_ino == st.st_ino)
      return 1;
  return 0;
}

/* Counts one call on file `index` and performs its swap when this is the
 * Nth. Called with table_lock held. */
static void count_call(int index, const char *call) {
  fl_files_run *run = &fl_files_current;
  fl_file_spec *file = &run->scenario.files[index];
  file->calls++;
  if (!file->swap_after || file->swapped || file->calls != file->swap_after)
    return;
  file->swapped = fl_scenario_dir_swap(&run->dir, file) == 0 ? 1 : -1;
  snprintf(file->swap_call, sizeof file->swap_call, "%s, call %u", call, file->calls);
}

static void note_open(int dirfd, const char *path, int fd, const char *call) {
  if (!atomic_load_explicit(&active, memory_order_acquire) || !path)
    return;
  pthread_mutex_lock(&table_lock);
  int index = match_path(dirfd, path);
  if (index == OWNER_CACHE_DIR - 1 && tracked(fd)) {
    fd_owner[fd] = OWNER_CACHE_DIR;
    remember_fd(fd);
  } else if (index >= 0) {
    if (tracked(fd)) {
      fd_owner[fd] = 1 + index;
      fd_outside[fd] = (unsigned char)remember_fd(fd);
    }
    count_call(index, call);
  }
  pthread_mutex_unlock(&table_lock);
}

/* Counts a descriptor call; returns the owning file's index or -1. */
static int note_fd(int fd, const char *call) {
  if (!atomic_load_explicit(&active, memory_order_acquire) || !tracked(fd))
    return -1;
  pthread_mutex_lock(&table_lock);
  int index = fd_owner[fd] > 0 ? fd_owner[fd] - 1 : -1;
  if (index >= 0)
    count_call(index, call);
  pthread_mutex_unlock(&table_lock);
  return index;
}

static mode_t mode_arg(int flags, va_list ap) {
  return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  mode_t mode = mode_arg(flags, ap);
  va_end(ap);
  int fd = real_open(path, flags, mode);
  note_open(AT_FDCWD, path, fd, "open");
  return fd;
}

int open64(const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  mode_t mode = mode_arg(flags, ap);
  va_end(ap);
  int fd = real_open(path, flags, mode);
  note_open(AT_FDCWD, path, fd, "open");
  return fd;
}

int openat(int dirfd, const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  mode_t mode = mode_arg(flags, ap);
  va_end(ap);
  int fd = real_openat(dirfd, path, flags, mode);
  note_open(dirfd, path, fd, "openat");
  return fd;
}

int openat64(int dirfd, const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  mode_t mode = mode_arg(flags, ap);
  va_end(ap);
  int fd = real_openat(dirfd, path, flags, mode);
  note_open(dirfd, path, fd, "openat");
  return fd;
}

int fstat(int fd, struct stat *st) {
  int rc = real_fstat(fd, st);
  note_fd(fd, "fstat");
  return rc;
}

int fstat64(int fd, struct stat64 *st) { return fstat(fd, (struct stat *)st); }

ssize_t read(int fd, void *buf, size_t count) {
  ssize_t n = real_read(fd, buf, count);
  int index = note_fd(fd, "read");
  if (index >= 0 && n > 0 && fd_outside[fd] && !fl_files_current.adapter->allow_outside_reads) {
    fl_report_finding("outside-read",
                      "loader read %zd bytes of a file outside its directory through "
                      "symlink '%s'",
                      n, fl_files_current.scenario.files[index].name);
    if (__sanitizer_print_stack_trace)
      __sanitizer_print_stack_trace();
    fl_report_die();
  }
  return n;
}

int close(int fd) {
  if (atomic_load_explicit(&active, memory_order_acquire) && tracked(fd)) {
    pthread_mutex_lock(&table_lock);
    fd_owner[fd] = OWNER_NONE;
    fd_outside[fd] = 0;
    pthread_mutex_unlock(&table_lock);
  }
  return real_close(fd);
}

void fl_hooks_begin(void) {
  pthread_mutex_lock(&table_lock);
  memset(fd_owner, 0, sizeof fd_owner);
  memset(fd_outside, 0, sizeof fd_outside);
  pthread_mutex_unlock(&table_lock);
  atomic_store_explicit(&active, 1, memory_order_release);
}

void fl_hooks_track_fd(int fd, size_t index) {
  if (!tracked(fd))
    return;
  pthread_mutex_lock(&table_lock);
  fd_owner[fd] = 1 + (int)index;
  fd_outside[fd] = (unsigned char)remember_fd(fd);
  pthread_mutex_unlock(&table_lock);
}

int fl_hooks_end(char *first_name, size_t cap) {
  atomic_store_explicit(&active, 0, memory_order_release);
  int leaked = 0;
  struct stat st;
  pthread_mutex_lock(&table_lock);
  for (int fd = 0; fd < FD_TABLE_SIZE; fd++) {
    if (fd_owner[fd] == OWNER_NONE)
      continue;
    /* Still open on the same inode: the loader never closed it. */
    if (real_fstat(fd, &st) == 0 && st.st_dev == fd_dev[fd] && st.st_ino == fd_ino[fd]) {
      if (leaked++ == 0)
        snprintf(first_name, cap, "%s",
                 fd_owner[fd] > 0 ? fl_files_current.scenario.files[fd_owner[fd] - 1].name
                                  : "the cache directory");
      real_close(fd);
    }
    fd_owner[fd] = OWNER_NONE;
  }
  pthread_mutex_unlock(&table_lock);
  return leaked;
}
