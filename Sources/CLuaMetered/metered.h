#ifndef HWSUBMIT_METERED_H
#define HWSUBMIT_METERED_H

#include <lua5.4/lua.h>

void hws_open_metered_strings(lua_State *L);
void hws_open_metered_tables(lua_State *L);

#endif
