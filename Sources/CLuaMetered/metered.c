#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>

#include "CLuaMetered.h"
#include "metered.h"

int hws_open_metered(lua_State *L) {
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    if (lua_getfield(L, -1, LUA_STRLIBNAME) == LUA_TTABLE) hws_open_metered_strings(L);
    lua_pop(L, 1);
    if (lua_getfield(L, -1, LUA_TABLIBNAME) == LUA_TTABLE) hws_open_metered_tables(L);
    lua_pop(L, 2);
    return 0;
}
