/* Binary encoding of lowered units (format and guarantees in serialize.h).
 *
 * Writing walks each unit's object graph depth first with an explicit stack
 * (statement and expression trees can be thousands deep) and emits every
 * object after the objects it references; a pointer map gives each object
 * its number, so a shared object is written once. Reading is one pass: types
 * are allocated up front from the unit table (they may form cycles), every
 * other object when it is decoded, since all it references is decoded
 * already. Reads are bounds-checked and stop at the first problem, which is
 * reported once at the end. */
#include "serialize.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/strmap.h"

static const char model_magic[8] = "FLMODEL"; /* with its NUL */
#define FLAG_UNENCODABLE 0x1u

/* Objects of the post-order stream (types are numbered apart). */
typedef enum obj_kind {
  OBJ_VAR,
  OBJ_EXPR,
  OBJ_EVENT,
  OBJ_STMT,
  OBJ_FUNCTION,
  OBJ_RECORD,
  OBJ_FIELD,
  OBJ_FACT,
  OBJ_DIAG,
  OBJ_KIND_COUNT
} obj_kind;

/* model.h's enums that have no _COUNT: their last value, for range checks.
 * Adding a value after these means updating them (and the format version). */
#define TYPE_KIND_LAST FL_TYPE_STRING
#define VAR_KIND_LAST FL_VAR_RECEIVER
#define FACT_KIND_LAST FL_FACT_BASE
#define DIAG_LEVEL_LAST FL_DIAG_ERROR
#define UNIT_STATUS_LAST FL_UNIT_FAILED

/* Which optional fields follow an expression, event or statement: most are
 * NULL or zero, and one mask costs less than a zero byte for each. The
 * commonest expression fields come first so the mask usually fits a byte. */
enum {
  EX_TEXT = 1u << 0,
  EX_TYPE = 1u << 1,
  EX_NAME = 1u << 2,
  EX_VAR = 1u << 3,
  EX_BASE = 1u << 4,
  EX_FLAGS = 1u << 5,
  EX_INT_KNOWN = 1u << 6, /* the bit is the value */
  EX_INDEX = 1u << 7,
  EX_OP = 1u << 8,
  EX_INT = 1u << 9,
  EX_OTHER = 1u << 10,
  EX_EVENT = 1u << 11,
  EX_ALL = (1u << 12) - 1,
};
enum {
  EV_FLAGS = 1u << 0,
  EV_CALLEE = 1u << 1,
  EV_CALLEE_ID = 1u << 2,
  EV_ARGS = 1u << 3,
  EV_OBJECT = 1u << 4,
  EV_VALUE = 1u << 5,
  EV_OP = 1u << 6,
  EV_TO_TYPE = 1u << 7,
  EV_API = 1u << 8,
  EV_ALL = (1u << 9) - 1,
};
enum {
  ST_FLAGS = 1u << 0,
  ST_KIDS = 1u << 1,
  ST_EVENT = 1u << 2,
  ST_EXPR = 1u << 3,
  ST_LABEL = 1u << 4,
  ST_ALL = (1u << 5) - 1,
};
enum { /* fl_type's booleans, one byte */
  TY_SIGNED = 1u << 0,
  TY_ATOMIC = 1u << 1,
  TY_VOLATILE = 1u << 2,
  TY_CONST = 1u << 3,
  TY_SYNC = 1u << 4,
  TY_ALL = (1u << 5) - 1,
};

/* Smallest encodings (every varint is at least a byte, a location four):
 * with them a corrupt count is refused before it is allocated. */
#define MIN_TYPE_BYTES 8   /* kind name bits quals len size pointee record */
#define MIN_OBJECT_BYTES 7 /* tag + e.g. kind mask loc, or name loc nfields */
#define MIN_UNIT_BYTES 10  /* path lang status package ntypes nobjects + 4 list counts */

static void out_of_memory(size_t size) {
  fprintf(stderr, "ffi-lint: out of memory allocating %zu bytes\n", size);
  abort();
}

static void *xrealloc(void *p, size_t size) {
  void *q = realloc(p, size ? size : 1);
  if (!q) out_of_memory(size);
  return q;
}

static void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n, size);
  if (!p) out_of_memory(n * size);
  return p;
}

static uint64_t zigzag(int64_t v) { return v < 0 ? ~((uint64_t)v << 1) : (uint64_t)v << 1; }
static int64_t unzigzag(uint64_t u) {
  return (u & 1) ? -(int64_t)(u >> 1) - 1 : (int64_t)(u >> 1);
}

/* --- Writing --------------------------------------------------------------- */

typedef struct byte_buf {
  uint8_t *data;
  size_t len, cap;
} byte_buf;

static void buf_reserve(byte_buf *buf, size_t more) {
  if (buf->cap - buf->len >= more) return;
  size_t cap = buf->cap ? buf->cap * 2 : 4096;
  while (cap - buf->len < more) cap *= 2;
  buf->data = xrealloc(buf->data, cap);
  buf->cap = cap;
}

static void put_byte(byte_buf *buf, uint8_t byte) {
  buf_reserve(buf, 1);
  buf->data[buf->len++] = byte;
}

static void put_bytes(byte_buf *buf, const void *bytes, size_t n) {
  buf_reserve(buf, n);
  memcpy(buf->data + buf->len, bytes, n);
  buf->len += n;
}

static void put_varint(byte_buf *buf, uint64_t v) {
  buf_reserve(buf, 10);
  while (v >= 0x80) {
    buf->data[buf->len++] = (uint8_t)(v | 0x80);
    v >>= 7;
  }
  buf->data[buf->len++] = (uint8_t)v;
}

/* Pointer -> number, keyed by (pointer, tag): objects by their obj_kind,
 * types, units and API entries by the tags below. */
enum { TAG_TYPE = OBJ_KIND_COUNT, TAG_UNIT, TAG_API };
#define ID_IN_PROGRESS UINT32_MAX /* on the walk's stack: not written yet */

typedef struct ptr_slot {
  const void *key;
  uint32_t tag;
  uint32_t value;
} ptr_slot;

typedef struct ptr_map {
  ptr_slot *slots;
  size_t cap; /* power of two */
  size_t count;
} ptr_map;

static size_t ptr_hash(const void *key, uint32_t tag) {
  uint64_t h = ((uint64_t)(uintptr_t)key ^ ((uint64_t)tag << 59)) * 0x9E3779B97F4A7C15ull;
  return (size_t)(h ^ (h >> 31));
}

static void ptr_map_init(ptr_map *map) {
  map->cap = 1024;
  map->slots = xcalloc(map->cap, sizeof *map->slots);
  map->count = 0;
}

/* The slot holding (key, tag), or the empty slot where it would go. */
static ptr_slot *ptr_map_find(const ptr_map *map, const void *key, uint32_t tag) {
  size_t mask = map->cap - 1;
  for (size_t i = ptr_hash(key, tag) & mask;; i = (i + 1) & mask) {
    ptr_slot *slot = &map->slots[i];
    if (!slot->key || (slot->key == key && slot->tag == tag)) return slot;
  }
}

/* Adds (key, tag) -> value; the key must not be present. */
static void ptr_map_add(ptr_map *map, const void *key, uint32_t tag, uint32_t value) {
  if ((map->count + 1) * 2 > map->cap) {
    ptr_map grown = {xcalloc(map->cap * 2, sizeof(ptr_slot)), map->cap * 2, map->count};
    for (size_t i = 0; i < map->cap; i++)
      if (map->slots[i].key)
        *ptr_map_find(&grown, map->slots[i].key, map->slots[i].tag) = map->slots[i];
    free(map->slots);
    *map = grown;
  }
  ptr_slot *slot = ptr_map_find(map, key, tag);
  *slot = (ptr_slot){key, tag, value};
  map->count++;
}

typedef struct walk_frame {
  const void *obj;
  obj_kind kind;
  size_t next; /* index of the next reference to follow (child_at) */
} walk_frame;

/* Ids are 32-bit: a model of four billion objects would not fit in memory. */
typedef struct writer {
  ptr_map ids;
  fl_strmap *string_ids;   /* content -> id + 1 (keys are the model's strings) */
  fl_ptrvec strings;       /* const char *, in id order */
  fl_ptrvec types;         /* const fl_type *, in id order */
  uint32_t nobjects;       /* objects written so far */
  walk_frame *stack;
  size_t depth, stack_cap;
  byte_buf objects;        /* the current unit's objects */
  byte_buf body;           /* every unit's types, objects and lists */
  byte_buf unit_table;
  const char *loc_file;    /* last location written (locations are deltas) */
  uint32_t loc_line;
  bool cyclic;
} writer;

static void put_str(writer *w, byte_buf *buf, const char *s) {
  if (!s) {
    put_byte(buf, 0);
    return;
  }
  uintptr_t id = (uintptr_t)fl_strmap_get(w->string_ids, s);
  if (!id) {
    fl_ptrvec_push(&w->strings, (void *)s);
    id = w->strings.count;
    fl_strmap_put(w->string_ids, s, (void *)id);
  }
  put_varint(buf, id);
}

/* The type's id + 1, numbering it and its pointee chain on first sight (in
 * the unit being walked, which then owns them). */
static uint32_t type_ref(writer *w, const fl_type *type) {
  if (!type) return 0;
  ptr_slot *slot = ptr_map_find(&w->ids, type, TAG_TYPE);
  if (slot->key) return slot->value + 1;
  uint32_t id = (uint32_t)w->types.count;
  for (const fl_type *t = type; t && !ptr_map_find(&w->ids, t, TAG_TYPE)->key; t = t->pointee) {
    ptr_map_add(&w->ids, t, TAG_TYPE, (uint32_t)w->types.count);
    fl_ptrvec_push(&w->types, (void *)t);
  }
  return id + 1;
}

static void put_type(writer *w, byte_buf *buf, const fl_type *type) {
  put_varint(buf, type_ref(w, type));
}

/* A reference from object number `self` (or from a unit's lists, self =
 * objects written so far) to an object written before it: the distance. */
static void put_ref(writer *w, byte_buf *buf, uint32_t self, obj_kind kind, const void *obj) {
  if (!obj) {
    put_byte(buf, 0);
    return;
  }
  const ptr_slot *slot = ptr_map_find(&w->ids, obj, kind);
  if (!slot->key || slot->value == ID_IN_PROGRESS) { /* a cycle: see fl_units_serialize */
    w->cyclic = true;
    put_byte(buf, 0);
    return;
  }
  put_varint(buf, self - slot->value);
}

static void put_refs(writer *w, byte_buf *buf, uint32_t self, obj_kind kind,
                     const void *const *objs, size_t n) {
  put_varint(buf, n);
  for (size_t i = 0; i < n; i++) put_ref(w, buf, self, kind, objs[i]);
}

static bool same_str(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

/* Line as a delta from the previous location, with a bit saying whether the
 * file (usually the unit's) changed; end_line as a delta from line. */
static void put_loc(writer *w, byte_buf *buf, fl_loc loc) {
  bool new_file = !same_str(loc.file, w->loc_file);
  put_varint(buf, zigzag((int64_t)loc.line - w->loc_line) << 1 | new_file);
  if (new_file) {
    put_str(w, buf, loc.file);
    w->loc_file = loc.file;
  }
  put_varint(buf, loc.col);
  put_varint(buf, zigzag((int64_t)loc.end_line - loc.line));
  put_varint(buf, loc.end_col);
  w->loc_line = loc.line;
}

/* The i-th object `obj` references, in a fixed order, possibly NULL; false
 * past the last. Types are not objects (type_ref numbers them). */
static bool child_at(obj_kind kind, const void *obj, size_t i, obj_kind *kind_out,
                     const void **child_out) {
  switch (kind) {
    case OBJ_FUNCTION: {
      const fl_function *fn = obj;
      if (i < fn->nparams) return *kind_out = OBJ_VAR, *child_out = fn->params[i], true;
      i -= fn->nparams;
      if (i < fn->nlocals) return *kind_out = OBJ_VAR, *child_out = fn->locals[i], true;
      i -= fn->nlocals;
      if (i == 0) return *kind_out = OBJ_STMT, *child_out = fn->body, true;
      return false;
    }
    case OBJ_STMT: {
      const fl_stmt *stmt = obj;
      if (i < stmt->nkids) return *kind_out = OBJ_STMT, *child_out = stmt->kids[i], true;
      i -= stmt->nkids;
      if (i == 0) return *kind_out = OBJ_EVENT, *child_out = stmt->event, true;
      if (i == 1) return *kind_out = OBJ_EXPR, *child_out = stmt->expr, true;
      return false;
    }
    case OBJ_EVENT: {
      const fl_event *ev = obj;
      if (i < ev->nargs) return *kind_out = OBJ_EXPR, *child_out = ev->args[i], true;
      i -= ev->nargs;
      if (i == 0) return *kind_out = OBJ_EXPR, *child_out = ev->object, true;
      if (i == 1) return *kind_out = OBJ_EXPR, *child_out = ev->value, true;
      return false;
    }
    case OBJ_EXPR: {
      const fl_expr *e = obj;
      switch (i) {
        case 0: return *kind_out = OBJ_VAR, *child_out = e->var, true;
        case 1: return *kind_out = OBJ_EXPR, *child_out = e->base, true;
        case 2: return *kind_out = OBJ_EXPR, *child_out = e->index, true;
        case 3: return *kind_out = OBJ_EXPR, *child_out = e->other, true;
        case 4: return *kind_out = OBJ_EVENT, *child_out = e->event, true;
        default: return false;
      }
    }
    case OBJ_RECORD: {
      const fl_record *record = obj;
      if (i < record->nfields) return *kind_out = OBJ_FIELD, *child_out = record->fields[i], true;
      return false;
    }
    default: return false;
  }
}

/* Writes object number `self`; everything it references is written. The
 * reader (read_object) takes the fields in the same order. */
static void encode_object(writer *w, obj_kind kind, const void *obj, uint32_t self,
                          const fl_api *api) {
  byte_buf *buf = &w->objects;
  put_byte(buf, (uint8_t)kind);
  switch (kind) {
    case OBJ_VAR: {
      const fl_var *var = obj;
      put_str(w, buf, var->name);
      put_varint(buf, (uint64_t)var->kind);
      put_varint(buf, zigzag(var->param_index));
      put_type(w, buf, var->type);
      put_loc(w, buf, var->loc);
      break;
    }
    case OBJ_EXPR: {
      const fl_expr *e = obj;
      unsigned mask = (e->text ? EX_TEXT : 0) | (e->type ? EX_TYPE : 0) | (e->name ? EX_NAME : 0) |
                      (e->var ? EX_VAR : 0) | (e->base ? EX_BASE : 0) | (e->flags ? EX_FLAGS : 0) |
                      (e->int_known ? EX_INT_KNOWN : 0) | (e->index ? EX_INDEX : 0) |
                      (e->op ? EX_OP : 0) | (e->int_value ? EX_INT : 0) |
                      (e->other ? EX_OTHER : 0) | (e->event ? EX_EVENT : 0);
      put_varint(buf, (uint64_t)e->kind);
      put_varint(buf, mask);
      put_loc(w, buf, e->loc);
      if (mask & EX_TEXT) put_str(w, buf, e->text);
      if (mask & EX_TYPE) put_type(w, buf, e->type);
      if (mask & EX_NAME) put_str(w, buf, e->name);
      if (mask & EX_VAR) put_ref(w, buf, self, OBJ_VAR, e->var);
      if (mask & EX_BASE) put_ref(w, buf, self, OBJ_EXPR, e->base);
      if (mask & EX_FLAGS) put_varint(buf, e->flags);
      if (mask & EX_INDEX) put_ref(w, buf, self, OBJ_EXPR, e->index);
      if (mask & EX_OP) put_varint(buf, (uint64_t)e->op);
      if (mask & EX_INT) put_varint(buf, zigzag(e->int_value));
      if (mask & EX_OTHER) put_ref(w, buf, self, OBJ_EXPR, e->other);
      if (mask & EX_EVENT) put_ref(w, buf, self, OBJ_EVENT, e->event);
      break;
    }
    case OBJ_EVENT: {
      const fl_event *ev = obj;
      const ptr_slot *api_slot = ev->api && api ? ptr_map_find(&w->ids, ev->api, TAG_API) : NULL;
      bool has_api = api_slot && api_slot->key;
      unsigned mask = (ev->flags ? EV_FLAGS : 0) | (ev->callee ? EV_CALLEE : 0) |
                      (ev->callee_id ? EV_CALLEE_ID : 0) | (ev->nargs ? EV_ARGS : 0) |
                      (ev->object ? EV_OBJECT : 0) | (ev->value ? EV_VALUE : 0) |
                      (ev->op ? EV_OP : 0) | (ev->to_type ? EV_TO_TYPE : 0) |
                      (has_api ? EV_API : 0);
      put_varint(buf, (uint64_t)ev->kind);
      put_varint(buf, mask);
      put_loc(w, buf, ev->loc);
      if (mask & EV_FLAGS) put_varint(buf, ev->flags);
      if (mask & EV_CALLEE) put_str(w, buf, ev->callee);
      if (mask & EV_CALLEE_ID) put_str(w, buf, ev->callee_id);
      if (mask & EV_ARGS) put_refs(w, buf, self, OBJ_EXPR, (const void *const *)ev->args, ev->nargs);
      if (mask & EV_OBJECT) put_ref(w, buf, self, OBJ_EXPR, ev->object);
      if (mask & EV_VALUE) put_ref(w, buf, self, OBJ_EXPR, ev->value);
      if (mask & EV_OP) put_varint(buf, (uint64_t)ev->op);
      if (mask & EV_TO_TYPE) put_type(w, buf, ev->to_type);
      if (mask & EV_API) put_varint(buf, api_slot->value);
      break;
    }
    case OBJ_STMT: {
      const fl_stmt *stmt = obj;
      unsigned mask = (stmt->flags ? ST_FLAGS : 0) | (stmt->nkids ? ST_KIDS : 0) |
                      (stmt->event ? ST_EVENT : 0) | (stmt->expr ? ST_EXPR : 0) |
                      (stmt->label ? ST_LABEL : 0);
      put_varint(buf, (uint64_t)stmt->kind);
      put_varint(buf, mask);
      put_loc(w, buf, stmt->loc);
      if (mask & ST_FLAGS) put_varint(buf, stmt->flags);
      if (mask & ST_KIDS)
        put_refs(w, buf, self, OBJ_STMT, (const void *const *)stmt->kids, stmt->nkids);
      if (mask & ST_EVENT) put_ref(w, buf, self, OBJ_EVENT, stmt->event);
      if (mask & ST_EXPR) put_ref(w, buf, self, OBJ_EXPR, stmt->expr);
      if (mask & ST_LABEL) put_str(w, buf, stmt->label);
      break;
    }
    case OBJ_FUNCTION: {
      const fl_function *fn = obj;
      put_str(w, buf, fn->name);
      put_str(w, buf, fn->id);
      put_varint(buf, (uint64_t)fn->lang);
      put_varint(buf, fn->flags);
      put_loc(w, buf, fn->loc);
      put_loc(w, buf, fn->name_loc);
      put_str(w, buf, fn->receiver_type);
      put_byte(buf, fn->receiver_is_pointer);
      put_type(w, buf, fn->return_type);
      put_refs(w, buf, self, OBJ_VAR, (const void *const *)fn->params, fn->nparams);
      put_refs(w, buf, self, OBJ_VAR, (const void *const *)fn->locals, fn->nlocals);
      put_ref(w, buf, self, OBJ_STMT, fn->body);
      /* the unit by its index in the array + 1; 0 = NULL or not one of them */
      const ptr_slot *unit_slot = fn->unit ? ptr_map_find(&w->ids, fn->unit, TAG_UNIT) : NULL;
      put_varint(buf, unit_slot && unit_slot->key ? (uint64_t)unit_slot->value + 1 : 0);
      break;
    }
    case OBJ_RECORD: {
      const fl_record *record = obj;
      put_str(w, buf, record->name);
      put_loc(w, buf, record->loc);
      put_refs(w, buf, self, OBJ_FIELD, (const void *const *)record->fields, record->nfields);
      break;
    }
    case OBJ_FIELD: {
      const fl_field *field = obj;
      put_str(w, buf, field->name);
      put_type(w, buf, field->type);
      put_loc(w, buf, field->loc);
      break;
    }
    case OBJ_FACT: {
      const fl_fact *fact = obj;
      put_varint(buf, (uint64_t)fact->kind);
      put_str(w, buf, fact->subject);
      put_str(w, buf, fact->object);
      put_loc(w, buf, fact->loc);
      break;
    }
    case OBJ_DIAG: {
      const fl_diag *diag = obj;
      put_varint(buf, (uint64_t)diag->level);
      put_loc(w, buf, diag->loc);
      put_str(w, buf, diag->message);
      break;
    }
    case OBJ_KIND_COUNT: break;
  }
}

static void walk_push(writer *w, obj_kind kind, const void *obj) {
  if (w->depth == w->stack_cap) {
    w->stack_cap = w->stack_cap ? w->stack_cap * 2 : 256;
    w->stack = xrealloc(w->stack, w->stack_cap * sizeof *w->stack);
  }
  ptr_map_add(&w->ids, obj, kind, ID_IN_PROGRESS);
  w->stack[w->depth++] = (walk_frame){obj, kind, 0};
}

/* Writes `root` and everything it reaches that is not written yet, each
 * object after its references (iterative post-order). A reference back to
 * an object still on the stack is a cycle: noted, written as NULL. */
static void walk(writer *w, obj_kind kind, const void *root, const fl_api *api) {
  if (!root || ptr_map_find(&w->ids, root, kind)->key) return;
  walk_push(w, kind, root);
  while (w->depth) {
    walk_frame *frame = &w->stack[w->depth - 1];
    obj_kind child_kind;
    const void *child;
    if (child_at(frame->kind, frame->obj, frame->next, &child_kind, &child)) {
      frame->next++;
      if (!child) continue;
      const ptr_slot *slot = ptr_map_find(&w->ids, child, child_kind);
      if (!slot->key)
        walk_push(w, child_kind, child);
      else if (slot->value == ID_IN_PROGRESS)
        w->cyclic = true;
      continue;
    }
    uint32_t self = w->nobjects++;
    ptr_map_find(&w->ids, frame->obj, frame->kind)->value = self;
    encode_object(w, frame->kind, frame->obj, self, api);
    w->depth--;
  }
}

static void encode_type(writer *w, byte_buf *buf, const fl_type *type) {
  put_varint(buf, (uint64_t)type->kind);
  put_str(w, buf, type->name);
  put_varint(buf, type->bits);
  put_byte(buf, (uint8_t)((type->is_signed ? TY_SIGNED : 0) | (type->is_atomic ? TY_ATOMIC : 0) |
                          (type->is_volatile ? TY_VOLATILE : 0) | (type->is_const ? TY_CONST : 0) |
                          (type->is_sync ? TY_SYNC : 0)));
  put_varint(buf, type->array_len);
  put_varint(buf, type->size_bytes);
  put_type(w, buf, type->pointee);
  put_str(w, buf, type->record_name);
}

/* Walks each unit from its lists, then appends its types, objects and lists
 * to w->body and its row to w->unit_table. */
static void encode_unit(writer *w, const fl_unit *unit, const fl_api *api) {
  size_t types_before = w->types.count;
  uint32_t objects_before = w->nobjects;
  w->loc_file = NULL;
  w->loc_line = 0;
  for (size_t i = 0; i < unit->nfunctions; i++) walk(w, OBJ_FUNCTION, unit->functions[i], api);
  for (size_t i = 0; i < unit->nrecords; i++) walk(w, OBJ_RECORD, unit->records[i], api);
  for (size_t i = 0; i < unit->nfacts; i++) walk(w, OBJ_FACT, unit->facts[i], api);
  for (size_t i = 0; i < unit->ndiags; i++) walk(w, OBJ_DIAG, unit->diags[i], api);

  put_str(w, &w->unit_table, unit->path);
  put_varint(&w->unit_table, (uint64_t)unit->lang);
  put_varint(&w->unit_table, (uint64_t)unit->status);
  put_str(w, &w->unit_table, unit->package);
  put_varint(&w->unit_table, w->types.count - types_before);
  put_varint(&w->unit_table, w->nobjects - objects_before);

  for (size_t i = types_before; i < w->types.count; i++)
    encode_type(w, &w->body, w->types.items[i]);
  if (w->objects.len) put_bytes(&w->body, w->objects.data, w->objects.len);
  w->objects.len = 0;
  uint32_t self = w->nobjects;
  put_refs(w, &w->body, self, OBJ_FUNCTION, (const void *const *)unit->functions, unit->nfunctions);
  put_refs(w, &w->body, self, OBJ_RECORD, (const void *const *)unit->records, unit->nrecords);
  put_refs(w, &w->body, self, OBJ_FACT, (const void *const *)unit->facts, unit->nfacts);
  put_refs(w, &w->body, self, OBJ_DIAG, (const void *const *)unit->diags, unit->ndiags);
}

/* Reads only `units` and `api`; *out gets the encoding (format in
 * serialize.h). Everything the writer allocates is freed before returning. */
int fl_units_serialize(fl_strbuf *out, fl_unit *const *units, size_t n, const fl_api *api) {
  writer w = {0};
  ptr_map_init(&w.ids);
  w.string_ids = fl_strmap_new();
  for (size_t i = 0; i < n; i++)
    if (!ptr_map_find(&w.ids, units[i], TAG_UNIT)->key)
      ptr_map_add(&w.ids, units[i], TAG_UNIT, (uint32_t)i);
  for (size_t i = 0, count = api ? fl_api_count(api) : 0; i < count; i++) {
    const fl_api_entry *entry = fl_api_entry_at(api, i);
    if (!ptr_map_find(&w.ids, entry, TAG_API)->key)
      ptr_map_add(&w.ids, entry, TAG_API, (uint32_t)i + 1);
  }
  put_varint(&w.unit_table, n);
  for (size_t i = 0; i < n; i++) encode_unit(&w, units[i], api);

  byte_buf head = {0};
  put_bytes(&head, model_magic, sizeof model_magic);
  uint32_t version = FL_MODEL_FORMAT_VERSION;
  for (int i = 0; i < 4; i++) put_byte(&head, (uint8_t)(version >> (8 * i)));
  put_varint(&head, w.cyclic ? FLAG_UNENCODABLE : 0);
  if (!w.cyclic) {
    put_varint(&head, w.strings.count);
    for (size_t i = 0; i < w.strings.count; i++) {
      const char *s = w.strings.items[i];
      size_t len = strlen(s);
      put_varint(&head, len);
      put_bytes(&head, s, len);
    }
  }
  fl_strbuf_appendn(out, (const char *)head.data, head.len);
  if (!w.cyclic) {
    fl_strbuf_appendn(out, (const char *)w.unit_table.data, w.unit_table.len);
    if (w.body.len) fl_strbuf_appendn(out, (const char *)w.body.data, w.body.len);
  }

  free(head.data);
  free(w.ids.slots);
  fl_strmap_free(w.string_ids);
  fl_ptrvec_free(&w.strings);
  fl_ptrvec_free(&w.types);
  free(w.stack);
  free(w.objects.data);
  free(w.body.data);
  free(w.unit_table.data);
  return 0;
}

/* --- Reading --------------------------------------------------------------- */

/* A string of the table, copied into a unit's arena the first time that
 * unit uses it (so each unit owns its strings, as a frontend's would). */
typedef struct str_entry {
  const char *bytes; /* in the input, not NUL-terminated */
  size_t len;
  const char *copy;
  size_t copy_unit; /* the unit `copy` belongs to; SIZE_MAX = none yet */
} str_entry;

typedef struct unit_row {
  size_t path_id, package_id; /* string ids + 1 */
  size_t ntypes, nobjects;
} unit_row;

typedef struct reader {
  const uint8_t *start, *p, *end;
  const char *error;   /* first problem; every read after it yields 0 */
  size_t error_at;
  str_entry *strings;
  size_t nstrings;
  fl_unit **units;
  unit_row *rows;
  size_t nunits;
  size_t unit;         /* index of the unit being decoded */
  fl_arena *arena;     /* its arena */
  fl_type **types;
  size_t ntypes;
  void **objects;      /* by number, as decoded */
  uint8_t *kinds;      /* obj_kind of each */
  size_t nobjects, decoded;
  const char *loc_file;
  uint32_t loc_line;
  const fl_api *api;
  size_t napi;
} reader;

static void fail(reader *r, const char *problem) {
  if (!r->error) {
    r->error = problem;
    r->error_at = (size_t)(r->p - r->start);
  }
  r->p = r->end;
}

static size_t remaining(const reader *r) { return (size_t)(r->end - r->p); }

static uint64_t read_varint_slow(reader *r) {
  uint64_t v = 0;
  for (unsigned shift = 0; r->p < r->end; shift += 7) {
    uint8_t byte = *r->p++;
    if (shift == 63 && byte > 1) { /* the tenth byte holds one bit */
      fail(r, "varint longer than 64 bits");
      return 0;
    }
    v |= (uint64_t)(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return v;
  }
  fail(r, "truncated");
  return 0;
}

static inline uint64_t read_varint(reader *r) {
  if (r->p < r->end && *r->p < 0x80) return *r->p++;
  return read_varint_slow(r);
}

/* A varint that must be <= max. */
static inline uint64_t read_uint(reader *r, uint64_t max, const char *problem) {
  uint64_t v = read_varint(r);
  if (v > max) {
    fail(r, problem);
    return 0;
  }
  return v;
}

static inline uint8_t read_byte(reader *r) {
  if (r->p < r->end) return *r->p++;
  fail(r, "truncated");
  return 0;
}

/* A count of items of at least `min_bytes` each, checked against what is
 * left, so a corrupt count cannot make us allocate. */
static size_t read_count(reader *r, size_t min_bytes) {
  uint64_t n = read_varint(r);
  if (n > remaining(r) / min_bytes) {
    fail(r, "count larger than the data");
    return 0;
  }
  return (size_t)n;
}

/* A count added to *total, which may not exceed what is left divided by
 * min_bytes (the objects it counts each take at least that many). */
static size_t read_total(reader *r, size_t *total, size_t min_bytes, const char *problem) {
  uint64_t n = read_varint(r);
  size_t limit = remaining(r) / min_bytes;
  if (*total > limit || n > limit - *total) {
    fail(r, problem);
    return 0;
  }
  *total += (size_t)n;
  return (size_t)n;
}

static size_t read_str_id(reader *r) {
  return (size_t)read_uint(r, r->nstrings, "string id out of range");
}

static const char *str_get(reader *r, size_t id) {
  if (!id) return NULL;
  str_entry *s = &r->strings[id - 1];
  if (s->copy_unit != r->unit) {
    s->copy = fl_arena_strndup(r->arena, s->bytes, s->len);
    s->copy_unit = r->unit;
  }
  return s->copy;
}

static inline const char *read_str(reader *r) { return str_get(r, read_str_id(r)); }

static const fl_type *read_type_ref(reader *r) {
  size_t id = (size_t)read_uint(r, r->ntypes, "type id out of range");
  return id ? r->types[id - 1] : NULL;
}

/* See put_ref: a distance back from object `self` to an object of `kind`. */
static void *read_ref(reader *r, size_t self, obj_kind kind) {
  uint64_t distance = read_varint(r);
  if (!distance) return NULL;
  if (distance > self || r->kinds[self - distance] != kind) {
    fail(r, "bad object reference");
    return NULL;
  }
  return r->objects[self - distance];
}

/* Arrays of references (kids, args, params, ...), one reader per element
 * type so each array is built as the T ** the model declares. Empty arrays
 * come back NULL, as fl_ptrvec_freeze makes them. No element is NULL: the
 * frontends never store one and rules index these arrays without checking
 * (found by fuzzing the decoder: a NULL function crashed the dumper). */
#define DEFINE_READ_REFS(fn, type, kind)                                \
  static type **fn(reader *r, size_t self, size_t *count_out) {         \
    size_t n = read_count(r, 1);                                        \
    *count_out = n;                                                     \
    if (!n) return NULL;                                                \
    type **items = FL_ARENA_ARRAY(r->arena, type *, n);                 \
    for (size_t i = 0; i < n; i++) {                                    \
      items[i] = read_ref(r, self, kind);                               \
      if (!items[i]) fail(r, "empty element in a list");                \
    }                                                                   \
    return items;                                                       \
  }
DEFINE_READ_REFS(read_vars, fl_var, OBJ_VAR)
DEFINE_READ_REFS(read_exprs, fl_expr, OBJ_EXPR)
DEFINE_READ_REFS(read_stmts, fl_stmt, OBJ_STMT)
DEFINE_READ_REFS(read_functions, fl_function, OBJ_FUNCTION)
DEFINE_READ_REFS(read_records, fl_record, OBJ_RECORD)
DEFINE_READ_REFS(read_fields, fl_field, OBJ_FIELD)
DEFINE_READ_REFS(read_facts, fl_fact, OBJ_FACT)
DEFINE_READ_REFS(read_diags, fl_diag, OBJ_DIAG)
#undef DEFINE_READ_REFS

static void read_loc(reader *r, fl_loc *loc) {
  uint64_t head = read_varint(r);
  if (head & 1) r->loc_file = read_str(r);
  int64_t line = (int64_t)r->loc_line + unzigzag(head >> 1); /* |delta| < 2^62: no overflow */
  uint64_t col = read_varint(r);
  int64_t end_delta = unzigzag(read_varint(r));
  uint64_t end_col = read_varint(r);
  if (line < 0 || line > UINT32_MAX || end_delta < -line || end_delta > UINT32_MAX - line ||
      col > UINT32_MAX || end_col > UINT32_MAX) {
    fail(r, "location out of range");
    return;
  }
  loc->file = r->loc_file;
  loc->line = (uint32_t)line;
  loc->col = (uint32_t)col;
  loc->end_line = (uint32_t)(line + end_delta);
  loc->end_col = (uint32_t)end_col;
  r->loc_line = loc->line;
}

static void read_type(reader *r, fl_type *type) {
  type->kind = (fl_type_kind)read_uint(r, TYPE_KIND_LAST, "bad type kind");
  type->name = read_str(r);
  type->bits = (uint16_t)read_uint(r, UINT16_MAX, "type width out of range");
  unsigned quals = (unsigned)read_uint(r, TY_ALL, "bad type qualifiers");
  type->is_signed = quals & TY_SIGNED;
  type->is_atomic = quals & TY_ATOMIC;
  type->is_volatile = quals & TY_VOLATILE;
  type->is_const = quals & TY_CONST;
  type->is_sync = quals & TY_SYNC;
  type->array_len = read_varint(r);
  type->size_bytes = read_varint(r);
  type->pointee = read_type_ref(r);
  type->record_name = read_str(r);
}

/* Decodes object number r->decoded (fields in encode_object's order) into
 * the current unit's arena. NULL once r->error is set. */
static void *read_object(reader *r, obj_kind *kind_out) {
  size_t self = r->decoded;
  obj_kind kind = (obj_kind)read_uint(r, OBJ_KIND_COUNT - 1, "bad object tag");
  void *obj = NULL;
  switch (kind) {
    case OBJ_VAR: {
      fl_var *var = FL_ARENA_NEW(r->arena, fl_var);
      var->name = read_str(r);
      var->kind = (fl_var_kind)read_uint(r, VAR_KIND_LAST, "bad variable kind");
      int64_t index = unzigzag(read_varint(r));
      if (index < INT_MIN || index > INT_MAX) {
        fail(r, "parameter index out of range");
        index = 0;
      }
      var->param_index = (int)index;
      var->type = read_type_ref(r);
      read_loc(r, &var->loc);
      obj = var;
      break;
    }
    case OBJ_EXPR: {
      fl_expr *e = FL_ARENA_NEW(r->arena, fl_expr);
      e->kind = (fl_expr_kind)read_uint(r, FL_EXPR_KIND_COUNT - 1, "bad expression kind");
      unsigned mask = (unsigned)read_uint(r, EX_ALL, "bad expression fields");
      read_loc(r, &e->loc);
      if (mask & EX_TEXT) e->text = read_str(r);
      if (mask & EX_TYPE) e->type = read_type_ref(r);
      if (mask & EX_NAME) e->name = read_str(r);
      if (mask & EX_VAR) e->var = read_ref(r, self, OBJ_VAR);
      if (mask & EX_BASE) e->base = read_ref(r, self, OBJ_EXPR);
      if (mask & EX_FLAGS) e->flags = (unsigned)read_uint(r, UINT_MAX, "flags out of range");
      e->int_known = mask & EX_INT_KNOWN;
      if (mask & EX_INDEX) e->index = read_ref(r, self, OBJ_EXPR);
      if (mask & EX_OP) e->op = (fl_op)read_uint(r, FL_OP_COUNT - 1, "bad operator");
      if (mask & EX_INT) e->int_value = unzigzag(read_varint(r));
      if (mask & EX_OTHER) e->other = read_ref(r, self, OBJ_EXPR);
      if (mask & EX_EVENT) e->event = read_ref(r, self, OBJ_EVENT);
      obj = e;
      break;
    }
    case OBJ_EVENT: {
      fl_event *ev = FL_ARENA_NEW(r->arena, fl_event);
      ev->kind = (fl_event_kind)read_uint(r, FL_EVENT_KIND_COUNT - 1, "bad event kind");
      unsigned mask = (unsigned)read_uint(r, EV_ALL, "bad event fields");
      read_loc(r, &ev->loc);
      if (mask & EV_FLAGS) ev->flags = (unsigned)read_uint(r, UINT_MAX, "flags out of range");
      if (mask & EV_CALLEE) ev->callee = read_str(r);
      if (mask & EV_CALLEE_ID) ev->callee_id = read_str(r);
      if (mask & EV_ARGS) ev->args = read_exprs(r, self, &ev->nargs);
      if (mask & EV_OBJECT) ev->object = read_ref(r, self, OBJ_EXPR);
      if (mask & EV_VALUE) ev->value = read_ref(r, self, OBJ_EXPR);
      if (mask & EV_OP) ev->op = (fl_op)read_uint(r, FL_OP_COUNT - 1, "bad operator");
      if (mask & EV_TO_TYPE) ev->to_type = read_type_ref(r);
      if (mask & EV_API) {
        uint64_t index = read_varint(r);
        if (index < 1 || index > r->napi)
          fail(r, "API entry out of range");
        else
          ev->api = fl_api_entry_at(r->api, (size_t)index - 1);
      }
      obj = ev;
      break;
    }
    case OBJ_STMT: {
      fl_stmt *stmt = FL_ARENA_NEW(r->arena, fl_stmt);
      stmt->kind = (fl_stmt_kind)read_uint(r, FL_STMT_KIND_COUNT - 1, "bad statement kind");
      unsigned mask = (unsigned)read_uint(r, ST_ALL, "bad statement fields");
      read_loc(r, &stmt->loc);
      if (mask & ST_FLAGS) stmt->flags = (unsigned)read_uint(r, UINT_MAX, "flags out of range");
      if (mask & ST_KIDS) stmt->kids = read_stmts(r, self, &stmt->nkids);
      if (mask & ST_EVENT) stmt->event = read_ref(r, self, OBJ_EVENT);
      if (mask & ST_EXPR) stmt->expr = read_ref(r, self, OBJ_EXPR);
      if (mask & ST_LABEL) stmt->label = read_str(r);
      obj = stmt;
      break;
    }
    case OBJ_FUNCTION: {
      fl_function *fn = FL_ARENA_NEW(r->arena, fl_function);
      fn->name = read_str(r);
      fn->id = read_str(r);
      fn->lang = (fl_lang)read_uint(r, FL_LANG_COUNT - 1, "bad language");
      fn->flags = (unsigned)read_uint(r, UINT_MAX, "flags out of range");
      read_loc(r, &fn->loc);
      read_loc(r, &fn->name_loc);
      fn->receiver_type = read_str(r);
      uint8_t is_pointer = read_byte(r);
      if (is_pointer > 1) fail(r, "bad boolean");
      fn->receiver_is_pointer = is_pointer;
      fn->return_type = read_type_ref(r);
      fn->params = read_vars(r, self, &fn->nparams);
      fn->locals = read_vars(r, self, &fn->nlocals);
      fn->body = read_ref(r, self, OBJ_STMT);
      size_t unit = (size_t)read_uint(r, r->nunits, "unit index out of range");
      fn->unit = unit ? r->units[unit - 1] : NULL;
      obj = fn;
      break;
    }
    case OBJ_RECORD: {
      fl_record *record = FL_ARENA_NEW(r->arena, fl_record);
      record->name = read_str(r);
      read_loc(r, &record->loc);
      record->fields = read_fields(r, self, &record->nfields);
      obj = record;
      break;
    }
    case OBJ_FIELD: {
      fl_field *field = FL_ARENA_NEW(r->arena, fl_field);
      field->name = read_str(r);
      field->type = read_type_ref(r);
      read_loc(r, &field->loc);
      obj = field;
      break;
    }
    case OBJ_FACT: {
      fl_fact *fact = FL_ARENA_NEW(r->arena, fl_fact);
      fact->kind = (fl_fact_kind)read_uint(r, FACT_KIND_LAST, "bad fact kind");
      fact->subject = read_str(r);
      fact->object = read_str(r);
      read_loc(r, &fact->loc);
      obj = fact;
      break;
    }
    case OBJ_DIAG: {
      fl_diag *diag = FL_ARENA_NEW(r->arena, fl_diag);
      diag->level = (fl_diag_level)read_uint(r, DIAG_LEVEL_LAST, "bad diagnostic level");
      read_loc(r, &diag->loc);
      diag->message = read_str(r);
      obj = diag;
      break;
    }
    case OBJ_KIND_COUNT: break;
  }
  *kind_out = kind;
  return r->error ? NULL : obj;
}

/* Makes unit `u` current; its path and package strings are the copies
 * fl_unit_new and the unit table made, so locations share them as a
 * frontend's do. */
static void begin_unit(reader *r, size_t u) {
  r->unit = u;
  r->arena = r->units[u]->arena;
  r->loc_file = NULL;
  r->loc_line = 0;
  const unit_row *row = &r->rows[u];
  if (row->path_id) {
    r->strings[row->path_id - 1].copy = r->units[u]->path;
    r->strings[row->path_id - 1].copy_unit = u;
  }
  if (row->package_id) {
    r->strings[row->package_id - 1].copy = r->units[u]->package;
    r->strings[row->package_id - 1].copy_unit = u;
  }
}

/* Header, string table and unit table: creates the units and allocates
 * their types. Returns false with r->error set. */
static bool read_tables(reader *r) {
  if (remaining(r) < sizeof model_magic + 4 || memcmp(r->p, model_magic, sizeof model_magic) != 0) {
    fail(r, "not a model cache (bad magic)");
    return false;
  }
  r->p += sizeof model_magic + 4; /* the version, checked by the caller */
  uint64_t flags = read_varint(r);
  if (flags & FLAG_UNENCODABLE) fail(r, "the model had a cycle and was not stored");
  if (flags & ~(uint64_t)FLAG_UNENCODABLE) fail(r, "unknown flags");

  r->nstrings = read_count(r, 1);
  r->strings = xrealloc(NULL, r->nstrings * sizeof *r->strings);
  for (size_t i = 0; i < r->nstrings; i++) {
    uint64_t len = read_varint(r);
    if (len > remaining(r)) {
      fail(r, "string longer than the data");
      len = 0;
    }
    r->strings[i] = (str_entry){(const char *)r->p, (size_t)len, NULL, SIZE_MAX};
    if (memchr(r->p, '\0', len)) fail(r, "NUL inside a string");
    r->p += len;
  }

  size_t nunits = read_count(r, MIN_UNIT_BYTES);
  r->units = xrealloc(NULL, nunits * sizeof *r->units);
  r->rows = xrealloc(NULL, nunits * sizeof *r->rows);
  for (; r->nunits < nunits && !r->error; r->nunits++) {
    size_t u = r->nunits;
    unit_row *row = &r->rows[u];
    row->path_id = read_str_id(r);
    fl_lang lang = (fl_lang)read_uint(r, FL_LANG_COUNT - 1, "bad language");
    fl_unit *unit = r->units[u] = fl_unit_new(NULL, lang);
    r->unit = u;
    r->arena = unit->arena;
    unit->path = str_get(r, row->path_id);
    unit->status = (fl_unit_status)read_uint(r, UNIT_STATUS_LAST, "bad unit status");
    row->package_id = read_str_id(r);
    unit->package = str_get(r, row->package_id);
    row->ntypes = read_total(r, &r->ntypes, MIN_TYPE_BYTES, "type count larger than the data");
    row->nobjects =
        read_total(r, &r->nobjects, MIN_OBJECT_BYTES, "object count larger than the data");
  }
  if (r->error) return false;
  if (r->ntypes * MIN_TYPE_BYTES + r->nobjects * MIN_OBJECT_BYTES > remaining(r)) {
    fail(r, "counts larger than the data");
    return false;
  }
  r->types = xrealloc(NULL, r->ntypes * sizeof *r->types);
  r->objects = xrealloc(NULL, r->nobjects * sizeof *r->objects);
  r->kinds = xrealloc(NULL, r->nobjects);
  for (size_t u = 0, t = 0; u < r->nunits; u++) {
    size_t n = r->rows[u].ntypes;
    fl_type *block = n ? FL_ARENA_ARRAY(r->units[u]->arena, fl_type, n) : NULL;
    for (size_t i = 0; i < n; i++) r->types[t++] = &block[i];
  }
  return true;
}

/* Each unit's types, objects and lists. Returns false with r->error set. */
static bool read_units(reader *r) {
  size_t next_type = 0;
  for (size_t u = 0; u < r->nunits; u++) {
    begin_unit(r, u);
    const unit_row *row = &r->rows[u];
    for (size_t i = 0; i < row->ntypes; i++) read_type(r, r->types[next_type++]);
    for (size_t i = 0; i < row->nobjects && !r->error; i++) {
      obj_kind kind;
      void *obj = read_object(r, &kind);
      r->objects[r->decoded] = obj;
      r->kinds[r->decoded++] = (uint8_t)kind;
    }
    fl_unit *unit = r->units[u];
    unit->functions = read_functions(r, r->decoded, &unit->nfunctions);
    unit->records = read_records(r, r->decoded, &unit->nrecords);
    unit->facts = read_facts(r, r->decoded, &unit->nfacts);
    unit->diags = read_diags(r, r->decoded, &unit->ndiags);
    if (r->error) return false;
  }
  if (r->p != r->end) fail(r, "trailing bytes");
  return !r->error;
}

/* Reads only data[0..size) and `api`. On success the caller owns
 * *units_out and its units (see serialize.h); on failure nothing is left
 * allocated. */
int fl_units_deserialize(fl_unit ***units_out, size_t *n_out, const void *data, size_t size,
                         const fl_api *api, const char *what) {
  *units_out = NULL;
  *n_out = 0;
  reader r = {.start = data, .p = data, .end = (const uint8_t *)data + size, .api = api,
              .napi = api ? fl_api_count(api) : 0};
  if (!what) what = "model cache";
  if (size >= sizeof model_magic + 4 && memcmp(data, model_magic, sizeof model_magic) == 0) {
    const uint8_t *v = r.start + sizeof model_magic;
    uint32_t version =
        (uint32_t)v[0] | (uint32_t)v[1] << 8 | (uint32_t)v[2] << 16 | (uint32_t)v[3] << 24;
    if (version != FL_MODEL_FORMAT_VERSION)
      return fl_error_set(FL_EPARSE, "%s: model format version %u, this build reads version %u",
                          what, version, FL_MODEL_FORMAT_VERSION);
  }
  bool ok = read_tables(&r) && read_units(&r);
  free(r.strings);
  free(r.rows);
  free(r.types);
  free(r.objects);
  free(r.kinds);
  if (!ok) {
    for (size_t u = 0; u < r.nunits; u++) fl_unit_free(r.units[u]);
    free(r.units);
    return fl_error_set(FL_EPARSE, "%s: corrupt model cache: %s at byte %zu of %zu", what, r.error,
                        r.error_at, size);
  }
  if (!r.nunits) {
    free(r.units);
    r.units = NULL;
  }
  *units_out = r.units;
  *n_out = r.nunits;
  return 0;
}
