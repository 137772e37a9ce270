#ifndef HWSUBMIT_CLUA_METERED_H
#define HWSUBMIT_CLUA_METERED_H

/*
 * Metered copies of the functions of Lua 5.4.4's string and table libraries that can work
 * for a long time without running a VM instruction: the pattern matcher (string.find,
 * string.match, string.gmatch, string.gsub), string.rep, and the loops of table.insert,
 * table.remove, table.move, table.concat and table.sort. They behave as Lua's own, and
 * report their work to hws_charge (CLua's shim.h), so an instruction budget, a time limit
 * and Ctrl-C reach inside them.
 */

#include <lua5.4/lua.h>

/*
 * A lua_CFunction (call it in a protected call): replaces those functions in the state's
 * `string` and `table` libraries (package.loaded.string, package.loaded.table) with the
 * metered copies. The string metatable's __index is the string library, so method calls
 * (`s:find(p)`) use them too.
 */
int hws_open_metered(lua_State *L);

#endif
