/* SHA-256 against FIPS 180-4 / NIST vectors (and the padding edges), the
 * source line cache on awkward files, and the path helpers. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "output/paths.h"
#include "output/sha256.h"
#include "output/source.h"

static void sha256_hex_of(const void *data, size_t len, char out[65]) {
  fl_sha256 ctx;
  uint8_t digest[FL_SHA256_DIGEST_SIZE];
  fl_sha256_init(&ctx);
  fl_sha256_update(&ctx, data, len);
  fl_sha256_final(&ctx, digest);
  fl_sha256_hex(digest, sizeof digest, out);
}

void test_sha256(void) {
  static const struct {
    size_t repeat; /* 0: the text once */
    const char *text;
    const char *hex;
  } vectors[] = {
      {0, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {0, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {0, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      /* 55, 56 and 64 bytes: the length field fits, just does not, fills a block. */
      {55, "x", "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"},
      {56, "x", "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"},
      {64, "x", "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"},
      {1000000, "a", "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
  char hex[65];
  for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
    size_t len = vectors[i].repeat ? vectors[i].repeat : strlen(vectors[i].text);
    char *message = malloc(len + 1);
    if (vectors[i].repeat)
      memset(message, vectors[i].text[0], len);
    else
      memcpy(message, vectors[i].text, len);
    sha256_hex_of(message, len, hex);
    CHECK_STR(hex, vectors[i].hex);

    /* Byte-at-a-time updates give the same digest. */
    if (len < 4096) {
      fl_sha256 ctx;
      uint8_t digest[FL_SHA256_DIGEST_SIZE];
      fl_sha256_init(&ctx);
      for (size_t j = 0; j < len; j++) fl_sha256_update(&ctx, message + j, 1);
      fl_sha256_final(&ctx, digest);
      fl_sha256_hex(digest, sizeof digest, hex);
      CHECK_STR(hex, vectors[i].hex);
    }
    free(message);
  }
  uint8_t digest[4] = {0x00, 0x0f, 0xa5, 0xff};
  fl_sha256_hex(digest, 2, hex);
  CHECK_STR(hex, "000f");
}

void test_source(void) {
  char *dir = test_mkdtemp();
  char *crlf = test_write_file(dir, "crlf.c", "one\r\ntwo\r\n\r\nfour");
  char *lf = test_write_file(dir, "lf.c", "a\n\nc\n");
  char *empty = test_write_file(dir, "empty.c", "");
  char *lone_newline = test_write_file(dir, "nl.c", "\n");
  char fifo[4096], subdir[4096], missing[4096];
  snprintf(fifo, sizeof fifo, "%s/fifo.c", dir);
  snprintf(subdir, sizeof subdir, "%s/sub.c", dir);
  snprintf(missing, sizeof missing, "%s/missing.c", dir);
  CHECK(mkfifo(fifo, 0600) == 0);
  CHECK(mkdir(subdir, 0700) == 0);

  fl_source_cache *cache = fl_source_cache_new();
  CHECK(fl_source_line_count(cache, crlf) == 4);
  CHECK_STR(fl_source_line(cache, crlf, 1), "one");
  CHECK_STR(fl_source_line(cache, crlf, 2), "two");
  CHECK_STR(fl_source_line(cache, crlf, 3), "");
  CHECK_STR(fl_source_line(cache, crlf, 4), "four"); /* no trailing newline */
  CHECK(fl_source_line(cache, crlf, 5) == NULL);
  CHECK(fl_source_line(cache, crlf, 0) == NULL);

  CHECK(fl_source_line_count(cache, lf) == 3);
  CHECK_STR(fl_source_line(cache, lf, 2), "");
  CHECK_STR(fl_source_line(cache, lf, 3), "c");
  CHECK(fl_source_line_count(cache, empty) == 0);
  CHECK(fl_source_line(cache, empty, 1) == NULL);
  CHECK(fl_source_line_count(cache, lone_newline) == 1);
  CHECK_STR(fl_source_line(cache, lone_newline, 1), "");

  /* Unreadable kinds: never block (FIFO without a writer), never crash. */
  CHECK(fl_source_line(cache, fifo, 1) == NULL);
  CHECK(fl_source_line(cache, subdir, 1) == NULL);
  CHECK(fl_source_line(cache, missing, 1) == NULL);
  CHECK(fl_source_line_count(cache, missing) == 0);
  CHECK(fl_source_line(cache, NULL, 1) == NULL);

  /* Cached: a file changed after the first read still shows what was read,
   * so one run's excerpts and fingerprints agree with each other. */
  free(test_write_file(dir, "lf.c", "changed\n"));
  CHECK_STR(fl_source_line(cache, lf, 3), "c");
  fl_source_cache_free(cache);

  free(crlf);
  free(lf);
  free(empty);
  free(lone_newline);
  test_rmtree(dir);
  free(dir);
}

static void check_normalize(const char *in, const char *expected) {
  char *got = fl_path_normalize(in);
  CHECK_STR(got, expected);
  free(got);
}

static void check_relative(const char *path, const char *base, const char *expected) {
  char *got = fl_path_relative_to(path, base);
  CHECK_STR(got, expected);
  free(got);
}

void test_paths(void) {
  check_normalize("a/./b/../c//", "a/c");
  check_normalize("/x/../../y", "/y");
  check_normalize("/..", "/");
  check_normalize("../x/./y", "../x/y");
  check_normalize("a/../..", "..");
  check_normalize("", ".");
  check_normalize("./", ".");
  check_normalize("//srv///src/", "/srv/src");

  check_relative("/repo/src/a.c", "/repo", "src/a.c");
  check_relative("/repo/src/a.c", "/repo/", "src/a.c");
  check_relative("/repo/./src/../src/a.c", "/repo", "src/a.c");
  check_relative("/repository/a.c", "/repo", "/repository/a.c"); /* prefix, not parent */
  check_relative("/elsewhere/a.c", "/repo", "/elsewhere/a.c");
  check_relative("/repo", "/repo", ".");
  check_relative("/a.c", "/", "a.c");
  check_relative("src/a.c", "/repo", "src/a.c");
  check_relative("/repo/a.c", NULL, "/repo/a.c");

  char *uri = fl_path_to_uri_reference("src/my file#1%.c");
  CHECK_STR(uri, "src/my%20file%231%25.c");
  free(uri);
  uri = fl_path_to_uri_reference("c:x/\xcf\x80.c");
  CHECK_STR(uri, "c%3Ax/%CF%80.c");
  free(uri);
  uri = fl_path_to_file_uri("/srv/my repo", 1);
  CHECK_STR(uri, "file:///srv/my%20repo/");
  free(uri);
  uri = fl_path_to_file_uri("/", 1);
  CHECK_STR(uri, "file:///");
  free(uri);

  char *absolute = fl_path_absolute("x/../y.c");
  char cwd[4096];
  CHECK(getcwd(cwd, sizeof cwd) != NULL);
  char expected[4200];
  snprintf(expected, sizeof expected, "%s/y.c", strcmp(cwd, "/") == 0 ? "" : cwd);
  CHECK_STR(absolute, expected);
  free(absolute);
}
