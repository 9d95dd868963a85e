/* Cached-file harness adapter for the hardened cache loader. */

#include "adapter_check.h"
#include "files_harness.h"

static const char *const cache_files[] = {"{key}.meta", "{key}.bin", "{key}.sig", NULL};

static const char *load(const char *dir, const char *key) {
  return cache_adapter_check(cache_load_hardened(dir, key));
}

static void parse_meta(const uint8_t *data, size_t size) {
  cache_meta meta;
  cache_meta_parse_hardened((const char *)data, size, &meta);
}

static const fl_files_parser parsers[] = {{"meta", parse_meta}, {NULL, NULL}};

const fl_files_adapter fl_files_adapter_main = {
    .name = "cache_loader_hardened",
    .files = cache_files,
    .entry = FL_FILES_ENTRY_DIR,
    .load_dir = load,
    .parsers = parsers,
    .fixup = cache_adapter_fixup,
};
