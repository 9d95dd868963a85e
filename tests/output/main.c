/* Runner for the output tests: `fl_output_tests GROUP [args]`. Each group is
 * registered as its own ctest in tests/output.cmake. Exit 0 when every
 * check passed, 1 otherwise, 2 on bad usage. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

int fl_test_failures;

char *test_mkdtemp(void) {
  char template[] = "fl-output-test-XXXXXX";
  if (!mkdtemp(template)) {
    perror("mkdtemp");
    exit(2);
  }
  char cwd[4096];
  if (!getcwd(cwd, sizeof cwd)) {
    perror("getcwd");
    exit(2);
  }
  char *dir = malloc(strlen(cwd) + strlen(template) + 2);
  sprintf(dir, "%s/%s", cwd, template);
  return dir;
}

void test_rmtree(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *entry;
  while ((entry = readdir(d))) {
    if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
      test_rmtree(path);
    else
      unlink(path);
  }
  closedir(d);
  rmdir(dir);
}

char *test_write_file(const char *dir, const char *name, const char *text) {
  char *path = malloc(strlen(dir) + strlen(name) + 2);
  sprintf(path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f) {
    perror(path);
    exit(2);
  }
  fputs(text, f);
  fclose(f);
  return path;
}

char *test_read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t capacity = 4096, len = 0;
  char *text = malloc(capacity);
  size_t got;
  while ((got = fread(text + len, 1, capacity - len - 1, f)) > 0) {
    len += got;
    if (len + 1 == capacity) text = realloc(text, capacity *= 2);
  }
  fclose(f);
  text[len] = '\0';
  return text;
}

static int usage(void) {
  fprintf(stderr,
          "usage: fl_output_tests sha256|source|paths|suppress|fingerprint\n"
          "       fl_output_tests formats SRC_DIR GOLDEN_DIR   (FL_UPDATE_GOLDEN=1 rewrites goldens)\n"
          "       fl_output_tests emit-sarif SRC_DIR OUT.sarif\n");
  return 2;
}

int main(int argc, char **argv) {
  if (argc < 2) return usage();
  const char *group = argv[1];
  if (strcmp(group, "sha256") == 0)
    test_sha256();
  else if (strcmp(group, "source") == 0)
    test_source();
  else if (strcmp(group, "paths") == 0)
    test_paths();
  else if (strcmp(group, "suppress") == 0)
    test_suppress();
  else if (strcmp(group, "fingerprint") == 0)
    test_fingerprint();
  else if (strcmp(group, "formats") == 0 && argc == 4)
    test_formats(argv[2], argv[3]);
  else if (strcmp(group, "emit-sarif") == 0 && argc == 4)
    return emit_fixture_sarif(argv[2], argv[3]) ? 1 : 0;
  else
    return usage();
  if (fl_test_failures) {
    fprintf(stderr, "%s: %d check(s) failed\n", group, fl_test_failures);
    return 1;
  }
  printf("%s: all checks passed\n", group);
  return 0;
}
