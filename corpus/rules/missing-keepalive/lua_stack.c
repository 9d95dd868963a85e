/* Lua: a string from lua_tostring used after its stack slot was popped,
 * removed or dropped by lua_settop; the collector may free it. The API is
 * declared as the fixture needs it, with lua.h's macros. */
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
  lua_pop(L, 1);
  return use_name(name); // expect: missing-keepalive
}

int pushed_then_popped(lua_State *L) {
  lua_getfield(L, 1, "name");
  const char *name = lua_tostring(L, -1);
  lua_pushinteger(L, 1);
  lua_pop(L, 2);
  return use_name(name); // expect: missing-keepalive
}

int removed(lua_State *L) {
  lua_getfield(L, 1, "name");
  const char *name = lua_tostring(L, -1);
  lua_remove(L, -1);
  return use_name(name); // expect: missing-keepalive
}

int cleared(lua_State *L) {
  const char *arg = luaL_checkstring(L, 2);
  lua_settop(L, 1);
  return use_name(arg); // expect: missing-keepalive
}

int lua_rawgeti(lua_State *L, int idx, long long n);

/* The table itself was on the stack top and is popped with the element:
 * nothing holds the string any more. lua_getfield may run __index and
 * return a fresh string (field_name above). */
int element_of_popped_table(lua_State *L, long long i) {
  lua_getfield(L, 1, "names");
  lua_rawgeti(L, -1, i);
  const char *name = lua_tostring(L, -1);
  lua_pop(L, 2);
  return use_name(name); // expect: missing-keepalive
}
