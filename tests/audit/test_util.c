#include "test_util.h"

#include <sys/stat.h>
#include <unistd.h>

int test_failures;

char *test_read_file(const char *path, size_t *size_out) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = malloc((size_t)size + 1);
  size_t got = fread(text, 1, (size_t)size, f);
  fclose(f);
  text[got] = '\0';
  if (size_out) *size_out = got;
  return text;
}

void test_write_file(const char *path, const char *text, size_t size) {
  FILE *f = fopen(path, "wb");
  if (!f) {
    perror(path);
    abort();
  }
  fwrite(text, 1, size, f);
  fclose(f);
}

int test_main(const test_case *tests, size_t count, int argc, char **argv) {
  char dir[] = "/tmp/fl-audit-test-XXXXXX";
  if (!mkdtemp(dir) || chdir(dir) != 0) {
    perror("scratch directory");
    return 1;
  }
  size_t ran = 0;
  for (size_t i = 0; i < count; i++) {
    if (argc > 1 && strcmp(argv[1], tests[i].name) != 0) continue;
    int before = test_failures;
    char sub[64];
    snprintf(sub, sizeof sub, "%s/%zu", dir, i);
    mkdir(sub, 0700);
    if (chdir(sub) != 0) return 1;
    tests[i].run();
    printf("%s %s\n", test_failures == before ? "ok  " : "FAIL", tests[i].name);
    ran++;
  }
  if (!ran) {
    fprintf(stderr, "no test named %s\n", argc > 1 ? argv[1] : "?");
    return 1;
  }
  char cleanup[128];
  snprintf(cleanup, sizeof cleanup, "rm -rf '%s'", dir);
  if (system(cleanup) != 0) fprintf(stderr, "warning: could not remove %s\n", dir);
  return test_failures ? 1 : 0;
}
