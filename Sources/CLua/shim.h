#ifndef HWSUBMIT_CLUA_SHIM_H
#define HWSUBMIT_CLUA_SHIM_H

#include <lua5.4/lua.h>
#include <lua5.4/lualib.h>
#include <lua5.4/lauxlib.h>

/* Macros Swift cannot import, as functions. */
static inline const char *hws_lua_release(void) { return LUA_RELEASE; }
static inline const char *hws_lua_copyright(void) { return LUA_COPYRIGHT; }

#endif
