#include "fingerprint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/strmap.h"
#include "../core/vec.h"
#include "common.h"
#include "sha256.h"

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

static void append_stripped(fl_strbuf *out, const char *line) {
  for (const char *p = line; *p; p++)
    if (!is_blank(*p)) fl_strbuf_appendn(out, p, 1);
}

char *fl_fingerprint_stripped_text(fl_source_cache *sources, const char *path, unsigned first,
                                   unsigned last) {
  fl_strbuf text = FL_STRBUF_INIT;
  fl_strbuf_append(&text, "");
  if (last < first) last = first;
  if (last - first >= FL_FINGERPRINT_MAX_LINES) last = first + FL_FINGERPRINT_MAX_LINES - 1;
  for (unsigned line = first; line <= last && line != 0; line++) {
    const char *source = fl_source_line(sources, path, line);
    if (!source) break;
    append_stripped(&text, source);
  }
  return fl_strbuf_take(&text);
}

/* Appends one length-prefixed part, so ("ab","c") and ("a","bc") differ. */
static void key_append_part(fl_strbuf *key, const char *part) {
  if (!part) part = "";
  fl_strbuf_printf(key, "%zu:", strlen(part));
  fl_strbuf_append(key, part);
}

typedef struct fingerprint_entry {
  fl_finding *finding;
  char *key; /* rule, file, function and text, length-prefixed */
  size_t index;
} fingerprint_entry;

static int compare_u32(uint32_t a, uint32_t b) { return a < b ? -1 : a > b; }

/* Groups equal keys together, each group in source order. */
static int entry_compare(const void *pa, const void *pb) {
  const fingerprint_entry *a = pa, *b = pb;
  int c = strcmp(a->key, b->key);
  if (c) return c;
  const fl_location *la = &a->finding->primary, *lb = &b->finding->primary;
  if ((c = compare_u32(la->line, lb->line)) || (c = compare_u32(la->col, lb->col)) ||
      (c = compare_u32(la->end_line, lb->end_line)) || (c = compare_u32(la->end_col, lb->end_col)))
    return c;
  if ((c = strcmp(a->finding->message ? a->finding->message : "",
                  b->finding->message ? b->finding->message : "")))
    return c;
  return a->index < b->index ? -1 : a->index > b->index;
}

static char *digest_hex(const char *input, size_t len, size_t nbytes) {
  fl_sha256 ctx;
  uint8_t digest[FL_SHA256_DIGEST_SIZE];
  fl_sha256_init(&ctx);
  fl_sha256_update(&ctx, input, len);
  fl_sha256_final(&ctx, digest);
  char *hex = fl_out_calloc(1, 2 * nbytes + 1);
  fl_sha256_hex(digest, nbytes, hex);
  return hex;
}

/* Per-file FNV-1a hashes of every stripped line, to count earlier lines with
 * the same text. A collision only shifts an occurrence count. */
typedef struct line_hashes {
  char *path;
  uint64_t *hashes;
  size_t count;
} line_hashes;

static uint64_t fnv1a_stripped(const char *line) {
  uint64_t h = 1469598103934665603ull;
  for (const char *p = line; *p; p++)
    if (!is_blank(*p)) h = (h ^ (unsigned char)*p) * 1099511628211ull;
  return h;
}

static line_hashes *line_hashes_get(fl_strmap *cache, fl_source_cache *sources, const char *path) {
  line_hashes *file = fl_strmap_get(cache, path);
  if (file) return file;
  file = fl_out_calloc(1, sizeof *file);
  file->path = fl_out_strdup(path);
  file->count = fl_source_line_count(sources, path);
  file->hashes = fl_out_calloc(file->count, sizeof *file->hashes);
  for (size_t i = 0; i < file->count; i++)
    file->hashes[i] = fnv1a_stripped(fl_source_line(sources, path, (unsigned)i + 1));
  fl_strmap_put(cache, file->path, file);
  return file;
}

/* The enclosing symbol as the fingerprint sees it: a C++ lambda's name
 * carries its position ("f::(lambda at x.cpp:50:28)"), which moves with
 * every edit above it; the fingerprint keeps "f::(lambda)" and lets the
 * flagged text and the ordinal tell lambdas apart. Heap-owned; NULL in,
 * NULL out. */
static char *fingerprint_symbol(const char *function) {
  if (!function) return NULL;
  fl_strbuf out = FL_STRBUF_INIT;
  fl_strbuf_append(&out, "");
  const char *p = function;
  for (const char *lambda; (lambda = strstr(p, "(lambda at ")); ) {
    const char *close = strchr(lambda, ')');
    if (!close) break;
    fl_strbuf_appendn(&out, p, (size_t)(lambda - p));
    fl_strbuf_append(&out, "(lambda)");
    p = close + 1;
  }
  fl_strbuf_append(&out, p);
  return fl_strbuf_take(&out);
}

/* GitHub-style "hash:occurrence" for the primary line, or NULL. */
static char *line_hash_for(fl_strmap *cache, fl_source_cache *sources, const fl_location *primary) {
  const char *line = fl_source_line(sources, primary->file, primary->line);
  if (!line) return NULL;
  line_hashes *file = line_hashes_get(cache, sources, primary->file);
  uint64_t mine = file->hashes[primary->line - 1];
  size_t occurrence = 1;
  for (size_t i = 0; i + 1 < primary->line; i++)
    if (file->hashes[i] == mine) occurrence++;
  fl_strbuf stripped = FL_STRBUF_INIT;
  fl_strbuf_append(&stripped, "");
  append_stripped(&stripped, line);
  char *hex = digest_hex(stripped.data, stripped.len, 8);
  fl_strbuf_free(&stripped);
  fl_strbuf result = FL_STRBUF_INIT;
  fl_strbuf_printf(&result, "%s:%zu", hex, occurrence);
  free(hex);
  return fl_strbuf_take(&result);
}

void fl_fingerprint_compute(fl_findings *findings, fl_source_cache *sources) {
  if (findings->count == 0) return;
  fingerprint_entry *entries = fl_out_calloc(findings->count, sizeof *entries);
  fl_strmap *line_cache = fl_strmap_new();

  for (size_t i = 0; i < findings->count; i++) {
    fl_finding *finding = findings->items[i];
    const fl_location *primary = &finding->primary;
    char *text = fl_fingerprint_stripped_text(sources, primary->file, primary->line, primary->end_line);
    fl_strbuf key = FL_STRBUF_INIT;
    fl_strbuf_append(&key, "ffi-lint-fingerprint-v1");
    key_append_part(&key, finding->rule_id);
    key_append_part(&key, primary->file);
    char *symbol = fingerprint_symbol(finding->function);
    key_append_part(&key, symbol);
    free(symbol);
    key_append_part(&key, text);
    free(text);
    entries[i] = (fingerprint_entry){finding, fl_strbuf_take(&key), i};

    free(finding->line_hash);
    finding->line_hash = line_hash_for(line_cache, sources, primary);
  }

  qsort(entries, findings->count, sizeof *entries, entry_compare);
  size_t ordinal = 0;
  for (size_t i = 0; i < findings->count; i++) {
    ordinal = (i > 0 && strcmp(entries[i].key, entries[i - 1].key) == 0) ? ordinal + 1 : 0;
    fl_strbuf input = FL_STRBUF_INIT;
    fl_strbuf_append(&input, entries[i].key);
    char ordinal_text[24];
    snprintf(ordinal_text, sizeof ordinal_text, "%zu", ordinal);
    key_append_part(&input, ordinal_text);
    fl_finding *finding = entries[i].finding;
    free(finding->fingerprint);
    finding->fingerprint = digest_hex(input.data, input.len, FL_FINGERPRINT_HEX_LEN / 2);
    fl_strbuf_free(&input);
  }

  for (size_t i = 0; i < findings->count; i++) free(entries[i].key);
  free(entries);
  size_t cursor = 0;
  const char *path;
  void *value;
  while (fl_strmap_next(line_cache, &cursor, &path, &value)) {
    line_hashes *file = value;
    free(file->hashes);
    free(file->path);
    free(file);
  }
  fl_strmap_free(line_cache);
}
