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
    [FL_API_REGISTERS_CALLBACK] = "registers_callback",
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
  /* A glob's literal ends ("*_free": "" and "_free"): a name that lacks
   * them cannot match, which most names of a lookup show without fnmatch
   * (every call of a run is looked up against every glob). */
  size_t head_len;  /* the literal text before its first wildcard */
  const char *tail; /* after its last '*' when that has no wildcard, else "" */
  size_t tail_len;
} api_chain;

static void glob_literals(api_chain *link) {
  const char *glob = link->entry.name;
  link->head_len = strcspn(glob, "*?[\\");
  const char *star = strrchr(glob, '*');
  link->tail = star && !star[strcspn(star + 1, "*?[\\") + 1] ? star + 1 : "";
  link->tail_len = strlen(link->tail);
}

static bool glob_may_match(const api_chain *link, const char *name, size_t name_len) {
  if (strncmp(name, link->entry.name, link->head_len) != 0) return false;
  return name_len >= link->tail_len && memcmp(name + name_len - link->tail_len, link->tail, link->tail_len) == 0;
}

struct fl_api {
  fl_arena *arena;
  fl_strmap *exact;   /* name -> api_chain* */
  fl_ptrvec globs;    /* api_chain* (next unused) */
  fl_ptrvec ordered;  /* every api_chain*, insertion order */
  fl_ptrvec handles;  /* fl_api_handle*, insertion order */
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
  fl_ptrvec_free(&api->handles);
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
    glob_literals(link);
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
  size_t name_len = api->globs.count ? strlen(name) : 0;
  for (size_t i = 0; i < api->globs.count && found < max; i++) {
    api_chain *link = api->globs.items[i];
    if (glob_may_match(link, name, name_len) && fnmatch(link->entry.name, name, 0) == 0)
      out[found++] = &link->entry;
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

static const char *const api_arg_kind_names[FL_API_ARG_KIND_COUNT] = {
    [FL_API_ARG_INT] = "int",         [FL_API_ARG_UINT] = "uint",
    [FL_API_ARG_SIZE] = "size",       [FL_API_ARG_BYTES] = "bytes",
    [FL_API_ARG_BUFFER] = "buffer",   [FL_API_ARG_CSTRING] = "cstring",
};

const char *fl_api_arg_kind_name(fl_api_arg_kind kind) {
  return kind < FL_API_ARG_KIND_COUNT ? api_arg_kind_names[kind] : "?";
}

bool fl_api_arg_kind_from_name(const char *name, fl_api_arg_kind *out) {
  for (int kind = 0; kind < FL_API_ARG_KIND_COUNT; kind++)
    if (strcmp(api_arg_kind_names[kind], name) == 0) {
      *out = (fl_api_arg_kind)kind;
      return true;
    }
  return false;
}

static void handle_call_copy(fl_arena *arena, fl_api_handle_call *call) {
  call->name = fl_arena_strdup(arena, call->name);
}

void fl_api_add_handle(fl_api *api, const fl_api_handle *handle) {
  fl_api_handle *copy = FL_ARENA_NEW(api->arena, fl_api_handle);
  *copy = *handle;
  copy->name = fl_arena_strdup(api->arena, handle->name);
  copy->type = fl_arena_strdup(api->arena, handle->type);
  copy->header = fl_arena_strdup(api->arena, handle->header);
  copy->guard_enter = fl_arena_strdup(api->arena, handle->guard_enter);
  copy->guard_leave = fl_arena_strdup(api->arena, handle->guard_leave);
  copy->guard_drain = fl_arena_strdup(api->arena, handle->guard_drain);
  copy->origin = fl_arena_strdup(api->arena, handle->origin);
  handle_call_copy(api->arena, &copy->create);
  handle_call_copy(api->arena, &copy->close);
  handle_call_copy(api->arena, &copy->free);
  handle_call_copy(api->arena, &copy->reclaim);
  for (size_t i = 0; i < copy->nops; i++) handle_call_copy(api->arena, &copy->ops[i]);
  fl_ptrvec_push(&api->handles, copy);
}

size_t fl_api_handle_count(const fl_api *api) { return api->handles.count; }

const fl_api_handle *fl_api_handle_at(const fl_api *api, size_t i) {
  return i < api->handles.count ? api->handles.items[i] : NULL;
}

const fl_api_handle *fl_api_handle_find(const fl_api *api, const char *name) {
  for (size_t i = api->handles.count; i-- > 0;) {
    const fl_api_handle *handle = api->handles.items[i];
    if (strcmp(handle->name, name) == 0) return handle;
  }
  return NULL;
}
