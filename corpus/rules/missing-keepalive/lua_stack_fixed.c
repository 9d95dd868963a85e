/* The fixed twins of lua_stack.c and look-alikes: the string used before
 * the pop, a pop of another value pushed above it, a removal below it, a
 * settop that keeps its slot, a helper whose stack effect is unknown. */
#include <stddef.h>

typedef struct lua_State lua_State;
const char *lua_tolstring(lua_State *L, int idx, size_t *len);
const char *luaL_checklstring(lua_State *L, int arg, size_t *len);
int lua_getfield(lua_State *L, int idx, const char *k);
void lua_pushstring(lua_State *L, const char *s);
void lua_pushinteger(lua_State *L, long long n);
void lua_settop(lua_State *L, int idx);
void lua_rotate(lua_State *L, int idx, int n);
void lua_setfield(lua_State *L, int idx, const char *k);
int lua_gettop(lua_State *L);
/* As in lua.h (5.3, 5.4): these are macros. */
#define lua_tostring(L, i) lua_tolstring(L, (i), NULL)
#define luaL_checkstring(L, n) (luaL_checklstring(L, (n), NULL))
#define lua_pop(L, n) lua_settop(L, -(n)-1)
#define lua_remove(L, idx) (lua_rotate(L, (idx), -1), lua_pop(L, 1))

int use_name(const char *name);
void refresh(lua_State *L);

int field_name(lua_State *L) {
  lua_getfield(L, 1, "name");
  const char *name = lua_tostring(L, -1);
  int rc = use_name(name); // no-finding
  lua_pop(L, 1);
  return rc;
}

int pushed_then_popped(lua_State *L) {
  lua_getfield(L, 1, "name");
  const char *name = lua_tostring(L, -1);
  lua_pushinteger(L, 1);
  lua_pop(L, 1);
  int rc = use_name(name); // no-finding
  lua_pop(L, 1);
  return rc;
}

int removed_below(lua_State *L) {
  lua_getfield(L, 1, "other");
  lua_getfield(L, 1, "name");
  const char *name = lua_tostring(L, -1);
  lua_remove(L, -2);
  lua_setfield(L, 1, "copy");
  return 0; // no-finding
}

int kept_by_settop(lua_State *L) {
  const char *arg = luaL_checkstring(L, 2);
  lua_settop(L, 2);
  return use_name(arg); // no-finding
}

int unknown_helper(lua_State *L) {
  lua_getfield(L, 1, "name");
  const char *name = lua_tostring(L, -1);
  refresh(L);
  lua_pop(L, 1);
  return use_name(name); // no-finding (refresh's stack effect is unknown)
}

int lua_rawgeti(lua_State *L, int idx, long long n);
int lua_isstring(lua_State *L, int idx);

/* A raw get (no metamethod) reads the very value the table stores: the
 * string lives on in the table, argument 1, after the pop (xapian's Lua
 * query iterator). */
int element_name(lua_State *L, long long i) {
  lua_rawgeti(L, 1, i);
  if (!lua_isstring(L, -1)) return 0;
  const char *name = lua_tostring(L, -1);
  lua_pop(L, 1);
  return use_name(name); // no-finding
}
