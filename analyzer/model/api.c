#include "api.h"

#include <fnmatch.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/strmap.h"
#include "../core/vec.h"

static const char *const api_role_names[FL_API_ROLE_COUNT] = {
    [FL_API_ANY] = "any",
    [FL_API_FREE] = "free",
    [FL_API_LOCK] = "lock",
    [FL_API_UNLOCK] = "unlock",
    [FL_API_GUARD_ENTER] = "guard_enter",
    [FL_API_GUARD_LEAVE] = "guard_leave",
    [FL_API_GUARD_DRAIN] = "guard_drain",
    [FL_API_LENGTH_SINK] = "length_sink",
    [FL_API_ALLOC] = "alloc",
    [FL_API_TAINT_SOURCE] = "taint_source",
    [FL_API_THROWS] = "throws",
    [FL_API_NOTHROW] = "nothrow",
    [FL_API_THROWS_ALLOC] = "throws_alloc",
    [FL_API_BORROW] = "borrow",
    [FL_API_RELEASE] = "release",
    [FL_API_KEEPALIVE] = "keepalive",
    [FL_API_RETAINS] = "retains",
    [FL_API_LENGTH_NARROW] = "length_narrow",
};

const char *fl_api_role_name(fl_api_role role) {
  return role < FL_API_ROLE_COUNT ? api_role_names[role] : "?";
}

fl_api_role fl_api_role_from_name(const char *name) {
  for (int role = 1; role < FL_API_ROLE_COUNT; role++)
    if (strcmp(api_role_names[role], name) == 0) return (fl_api_role)role;
  return FL_API_ANY;
}

/* Exact names map to a chain of entries (a function can have several roles);
 * globs are kept in a list and matched with fnmatch after exact names. */
typedef struct api_chain {
  fl_api_entry entry;
  struct api_chain *next;
} api_chain;

struct fl_api {
  fl_arena *arena;
  fl_strmap *exact;   /* name -> api_chain* */
  fl_ptrvec globs;    /* api_chain* (next unused) */
  fl_ptrvec ordered;  /* every api_chain*, insertion order */
};

fl_api *fl_api_new(void) {
  fl_arena *arena = fl_arena_new();
  fl_api *api = FL_ARENA_NEW(arena, fl_api);
  api->arena = arena;
  api->exact = fl_strmap_new();
  return api;
}

void fl_api_free(fl_api *api) {
  if (!api) return;
  fl_strmap_free(api->exact);
  fl_ptrvec_free(&api->globs);
  fl_ptrvec_free(&api->ordered);
  fl_arena_free(api->arena);
}

void fl_api_add(fl_api *api, const fl_api_entry *entry) {
  api_chain *link = FL_ARENA_NEW(api->arena, api_chain);
  link->entry = *entry;
  link->entry.name = fl_arena_strdup(api->arena, entry->name);
  link->entry.pairs_with = fl_arena_strdup(api->arena, entry->pairs_with);
  link->entry.lang = fl_arena_strdup(api->arena, entry->lang);
  link->entry.origin = fl_arena_strdup(api->arena, entry->origin);
  fl_ptrvec_push(&api->ordered, link);
  if (strchr(link->entry.name, '*')) {
    fl_ptrvec_push(&api->globs, link);
    return;
  }
  api_chain *head = fl_strmap_get(api->exact, link->entry.name);
  if (!head) {
    fl_strmap_put(api->exact, link->entry.name, link);
    return;
  }
  while (head->next) head = head->next; /* keep definition order */
  head->next = link;
}

size_t fl_api_lookup_all(const fl_api *api, const char *name, const fl_api_entry **out, size_t max) {
  size_t found = 0;
  if (!api || !name) return 0;
  for (api_chain *link = fl_strmap_get(api->exact, name); link && found < max; link = link->next)
    out[found++] = &link->entry;
  for (size_t i = 0; i < api->globs.count && found < max; i++) {
    api_chain *link = api->globs.items[i];
    if (fnmatch(link->entry.name, name, 0) == 0) out[found++] = &link->entry;
  }
  return found;
}

const fl_api_entry *fl_api_lookup(const fl_api *api, const char *name, fl_api_role role) {
  const fl_api_entry *entries[32];
  size_t n = fl_api_lookup_all(api, name, entries, 32);
  for (size_t i = 0; i < n; i++)
    if (role == FL_API_ANY || entries[i]->role == role) return entries[i];
  return NULL;
}

size_t fl_api_count(const fl_api *api) { return api->ordered.count; }

const fl_api_entry *fl_api_entry_at(const fl_api *api, size_t i) {
  return i < api->ordered.count ? &((api_chain *)api->ordered.items[i])->entry : NULL;
}
