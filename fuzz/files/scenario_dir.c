/* Scenario directories on disk (layout in scenario_dir.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scenario_dir.h"

#define STALE_PREFIX "fl-files."

static const char *tmp_base(void) {
  const char *tmp = getenv("TMPDIR");
  return tmp && *tmp ? tmp : "/tmp";
}

static int join(char *out, const char *dir, const char *prefix, const char *name) {
  int n = snprintf(out, FL_SCENARIO_PATH_MAX, "%s/%s%s", dir, prefix, name);
  return n > 0 && n < FL_SCENARIO_PATH_MAX ? 0 : -1;
}

static int write_contents(const char *path, const fl_file_shape *shape, mode_t mode) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0)
    return -1;
  for (unsigned copy = 0; copy < shape->repeat; copy++) {
    size_t done = 0;
    while (done < shape->len) {
      ssize_t n = write(fd, shape->contents + done, shape->len - done);
      if (n <= 0) {
        close(fd);
        return -1;
      }
      done += (size_t)n;
    }
  }
  int rc = 0;
  if (shape->kind == FL_FILE_TRUNCATED || shape->kind == FL_FILE_SPARSE)
    rc = ftruncate(fd, (off_t)shape->size);
  return close(fd) == 0 ? rc : -1;
}

/* Creates one shape at `path`. `outside` is where a symlink-outside target
 * goes; its identity lands in *file so reads through it can be recognised. */
static int build_shape(const char *path, const char *outside, const fl_file_shape *shape,
                       fl_file_spec *file) {
  struct stat st;
  switch (shape->kind) {
  case FL_FILE_REGULAR:
  case FL_FILE_TRUNCATED:
  case FL_FILE_SPARSE:
    return write_contents(path, shape, 0600);
  case FL_FILE_EMPTY:
    return write_contents(path, &(fl_file_shape){.kind = FL_FILE_EMPTY, .repeat = 1}, 0600);
  case FL_FILE_LINK_ZERO:
    return symlink("/dev/zero", path);
  case FL_FILE_LINK_URANDOM:
    return symlink("/dev/urandom", path);
  case FL_FILE_LINK_OUTSIDE:
    if (write_contents(outside, shape, 0600) < 0 || stat(outside, &st) < 0)
      return -1;
    file->outside_dev = st.st_dev;
    file->outside_ino = st.st_ino;
    file->has_outside = 1;
    return symlink(outside, path);
  case FL_FILE_FIFO:
    return mkfifo(path, 0600);
  case FL_FILE_DIRECTORY:
    return mkdir(path, 0700);
  case FL_FILE_SOCKET:
    /* A socket inode needs no bound socket; mknod(S_IFSOCK) is unprivileged. */
    return mknod(path, S_IFSOCK | 0600, 0);
  case FL_FILE_UNREADABLE:
    if (write_contents(path, shape, 0600) < 0 || chmod(path, 0) < 0)
      return -1;
    /* CAP_DAC_OVERRIDE (root) ignores the mode; say so instead of pretending. */
    file->mode_not_enforced = access(path, R_OK) == 0;
    return 0;
  case FL_FILE_MISSING:
  case FL_FILE_KIND_COUNT:
    return 0;
  }
  return 0;
}

int fl_scenario_dir_build(fl_scenario_dir *dir, fl_scenario *scenario, char *err, size_t errcap) {
  char path[FL_SCENARIO_PATH_MAX], outside[FL_SCENARIO_PATH_MAX];
  int n = snprintf(dir->root, sizeof dir->root, "%s/" STALE_PREFIX "%ld.XXXXXX", tmp_base(),
                   (long)getpid());
  if (n <= 0 || (size_t)n >= sizeof dir->root - 64) {
    snprintf(err, errcap, "TMPDIR path too long: %s", tmp_base());
    dir->root[0] = '\0';
    return -1;
  }
  if (!mkdtemp(dir->root)) {
    snprintf(err, errcap, "mkdtemp in %s: %s", tmp_base(), strerror(errno));
    dir->root[0] = '\0';
    return -1;
  }
  if (join(dir->cache, dir->root, "", "cache") < 0 || mkdir(dir->cache, 0700) < 0)
    goto fail;
  for (size_t i = 0; i < scenario->nfiles; i++) {
    fl_file_spec *file = &scenario->files[i];
    if (join(path, dir->cache, "", file->name) < 0 ||
        join(outside, dir->root, "outside-", file->name) < 0 ||
        build_shape(path, outside, &file->shape, file) < 0)
      goto fail;
    if (!file->swap_after)
      continue;
    if (join(path, dir->root, "swap-", file->name) < 0 ||
        join(outside, dir->root, "outside-swap-", file->name) < 0 ||
        build_shape(path, outside, &file->swap_to, file) < 0)
      goto fail;
  }
  return 0;
fail:
  snprintf(err, errcap, "building scenario in %s: %s", dir->root, strerror(errno));
  fl_scenario_dir_remove(dir);
  return -1;
}

int fl_scenario_dir_swap(const fl_scenario_dir *dir, const fl_file_spec *file) {
  char from[FL_SCENARIO_PATH_MAX], to[FL_SCENARIO_PATH_MAX];
  if (join(from, dir->root, "swap-", file->name) < 0 || join(to, dir->cache, "", file->name) < 0)
    return -1;
  if (file->swap_to.kind == FL_FILE_MISSING)
    return unlink(to) == 0 || rmdir(to) == 0 ? 0 : -1;
  if (rename(from, to) == 0)
    return 0;
  /* rename cannot put a directory over a file or a file over a directory. */
  if (errno != ENOTDIR && errno != EISDIR && errno != ENOTEMPTY && errno != EEXIST)
    return -1;
  if (unlink(to) < 0 && rmdir(to) < 0)
    return -1;
  return rename(from, to);
}

/* Removes `path` and everything below it without following symlinks. */
static void remove_tree(const char *path, int depth) {
  struct stat st;
  if (lstat(path, &st) < 0)
    return;
  if (!S_ISDIR(st.st_mode) || depth > 16) {
    unlink(path);
    return;
  }
  chmod(path, 0700); /* a loader may have changed it */
  DIR *d = opendir(path);
  if (d) {
    struct dirent *entry;
    char child[FL_SCENARIO_PATH_MAX];
    while ((entry = readdir(d))) {
      if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
        continue;
      if (join(child, path, "", entry->d_name) == 0)
        remove_tree(child, depth + 1);
    }
    closedir(d);
  }
  rmdir(path);
}

void fl_scenario_dir_remove(fl_scenario_dir *dir) {
  if (!dir->root[0])
    return;
  remove_tree(dir->root, 0);
  dir->root[0] = '\0';
  dir->cache[0] = '\0';
}

int fl_scenario_dir_sweep_stale(void) {
  const char *base = tmp_base();
  DIR *d = opendir(base);
  int removed = 0;
  if (!d)
    return 0;
  struct dirent *entry;
  char path[FL_SCENARIO_PATH_MAX];
  while ((entry = readdir(d))) {
    if (strncmp(entry->d_name, STALE_PREFIX, sizeof STALE_PREFIX - 1))
      continue;
    char *end;
    long pid = strtol(entry->d_name + sizeof STALE_PREFIX - 1, &end, 10);
    if (*end != '.' || pid <= 0 || pid == (long)getpid())
      continue;
    if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
      continue; /* still running (or not ours to judge) */
    if (join(path, base, "", entry->d_name) == 0) {
      remove_tree(path, 0);
      removed++;
    }
  }
  closedir(d);
  return removed;
}
