#ifndef HWSUBMIT_CLUA_SHIM_H
#define HWSUBMIT_CLUA_SHIM_H

/*
 * The C face of Debian's Lua 5.4 for LuaKit.
 *
 * Two kinds of code live here:
 *  - static inline versions of the Lua macros (and variadic functions) Swift cannot import;
 *  - the trampolines through which Lua calls Swift. Lua reports errors with longjmp, and a
 *    longjmp across Swift frames is undefined behaviour, so Swift never raises: a bound Swift
 *    function returns a status (see HWS_STATUS_*) and the trampoline raises, yields or
 *    returns after the Swift frame is gone. The same holds for hooks and interrupts.
 */

#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <lua5.4/lua.h>
#include <lua5.4/lualib.h>
#include <lua5.4/lauxlib.h>

/* ---- Per-state host data, reached through lua_getextraspace ---------------------------- */

/*
 * One per lua_State, allocated and owned by LuaKit's LuaState. Every thread of the state
 * points at it: Lua copies the main thread's extra space into each new thread.
 */
typedef struct hws_host {
    /* Allocator accounting (bytes). limit == 0 means no limit. */
    size_t used;
    size_t peak;
    size_t limit;
    /*
     * Nonzero while Lua code runs, zero while Swift code runs. The allocator refuses an
     * allocation past the limit only while Lua runs, where Lua turns the refusal into a
     * "not enough memory" error safely; while Swift runs the allocation is granted and the
     * trampoline raises the memory error once the Swift frame has returned.
     */
    int lua_running;
    /* The instruction hook LuaKit installs on threads it resumes (count 0: none). */
    int hook_count;
    /* Set by an interrupt request, cleared when the interrupt hook fires. */
    volatile sig_atomic_t interrupt_pending;
    /* Number of interrupts delivered to the script so far. */
    volatile sig_atomic_t interrupts_delivered;
    /* The thread the host most recently entered (pcall or resume): where interrupts go. */
    lua_State *volatile running;
    lua_State *main;
    /* The owning Swift LuaState, unretained. */
    void *owner;
    /* Allocations refused because of the limit so far (a sandbox's limit watch reads it). */
    size_t refused;
    /* Steps of work done inside metered C functions and not yet charged (hws_charge). */
    size_t pending_steps;
} hws_host;

static inline hws_host *hws_host_of(lua_State *L) {
    return *(hws_host **)lua_getextraspace(L);
}

static inline void hws_set_host(lua_State *L, hws_host *h) {
    *(hws_host **)lua_getextraspace(L) = h;
}

/* The counting allocator. */
static inline void *hws_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    hws_host *h = (hws_host *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        h->used -= old;
        return NULL;
    }
    if (h->limit != 0 && nsize > old && h->used - old + nsize > h->limit && h->lua_running) {
        h->refused++;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p == NULL) return NULL;
    h->used = h->used - old + nsize;
    if (h->used > h->peak) h->peak = h->used;
    return p;
}

/*
 * Creates a state with lauxlib's panic and warning functions, then moves it onto the
 * counting allocator. Both allocators are realloc/free, so blocks move between them
 * freely; the bytes allocated so far are taken from Lua's own count.
 */
static inline lua_State *hws_newstate(hws_host *h) {
    lua_State *L = luaL_newstate();
    if (L == NULL) return NULL;
    lua_setallocf(L, hws_alloc, h);
    h->used = (size_t)lua_gc(L, LUA_GCCOUNT, 0) * 1024 + (size_t)lua_gc(L, LUA_GCCOUNTB, 0);
    h->peak = h->used;
    h->main = L;
    h->running = L;
    hws_set_host(L, h);
    return L;
}

/* ---- Macros and variadic functions as functions ---------------------------------------- */

static inline const char *hws_lua_release(void) { return LUA_RELEASE; }
static inline const char *hws_lua_copyright(void) { return LUA_COPYRIGHT; }
static inline const char *hws_lua_path_default(void) { return LUA_PATH_DEFAULT; }
static inline const char *hws_lua_cpath_default(void) { return LUA_CPATH_DEFAULT; }
static inline int hws_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int hws_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline void hws_pop(lua_State *L, int n) { lua_settop(L, -(n)-1); }
static inline void hws_insert(lua_State *L, int idx) { lua_rotate(L, idx, 1); }
static inline void hws_remove(lua_State *L, int idx) { lua_rotate(L, idx, -1); lua_settop(L, -2); }
static inline void hws_replace(lua_State *L, int idx) { lua_copy(L, -1, idx); lua_settop(L, -2); }
static inline int hws_gc_count_bytes(lua_State *L) {
    return lua_gc(L, LUA_GCCOUNT, 0) * 1024 + lua_gc(L, LUA_GCCOUNTB, 0);
}
static inline void hws_gc_collect(lua_State *L) { lua_gc(L, LUA_GCCOLLECT, 0); }
static inline void hws_gc_generational(lua_State *L) { lua_gc(L, LUA_GCGEN, 0, 0); }
static inline void hws_gc_stop(lua_State *L) { lua_gc(L, LUA_GCSTOP, 0); }
static inline void hws_gc_restart(lua_State *L) { lua_gc(L, LUA_GCRESTART, 0); }
static inline void hws_warnings_on(lua_State *L) { lua_warning(L, "@on", 0); }
/*
 * A float as Lua's tostring spells it (LUA_NUMBER_FMT, "%.14g", with ".0" added when the
 * result looks like an integer), without creating a Lua string. Returns the length written.
 */
static inline int hws_format_float(lua_Number n, char *buffer, int size) {
    int length = snprintf(buffer, (size_t)size, LUA_NUMBER_FMT, (LUAI_UACNUMBER)n);
    if (length < 0 || length + 2 >= size) return length < 0 ? 0 : length;
    if (buffer[strspn(buffer, "-0123456789")] == '\0') {
        buffer[length++] = '.';
        buffer[length++] = '0';
        buffer[length] = '\0';
    }
    return length;
}

/* ---- Bound Swift functions ------------------------------------------------------------- */

/*
 * What a Swift dispatcher returns. A value >= 0 is the number of results on top of the
 * stack. The negative values ask the trampoline to act once Swift has returned:
 */
#define HWS_STATUS_RAISE_VALUE   (-1) /* raise the value on top of the stack as it is */
#define HWS_STATUS_RAISE_MESSAGE (-2) /* raise the string on top, prefixed with the caller's position */
#define HWS_STATUS_ARG_ERROR     (-3) /* luaL_argerror: top is the message, below it the argument number */
#define HWS_STATUS_MEMORY_ERROR  (-4) /* raise Lua's "not enough memory" error */
#define HWS_STATUS_YIELD_BASE    (-5) /* HWS_STATUS_YIELD_BASE - n: yield the n values on top */
/*
 * Call a Lua function, then continue in Swift: the stack holds, from the bottom up, the
 * continuation's box, the function, its arguments, then two integers (the argument count and
 * the result count). The call may yield (lua_callk); the continuation runs once it returns.
 */
#define HWS_STATUS_CALL          (-0x7fff0000)

/* Implemented in Swift (LuaKit, @_cdecl). */
extern int hws_swift_dispatch(lua_State *L);
extern int hws_swift_continue(lua_State *L, int status, lua_KContext ctx);
extern int hws_swift_hook(lua_State *L);
extern void hws_swift_interrupted(lua_State *L);

static inline int hws_continuation(lua_State *L, int status, lua_KContext ctx);
static inline void hws_count_hook(lua_State *L, lua_Debug *ar);

/* Raises a real LUA_ERRMEM when the state is still past its limit after a full GC. */
static inline void hws_check_memory(lua_State *L, hws_host *h) {
    if (h->limit != 0 && h->used > h->limit) {
        int was = h->lua_running;
        h->lua_running = 1;
        lua_newuserdatauv(L, 0, 0); /* refused: Lua collects, retries, then throws LUA_ERRMEM */
        h->lua_running = was;
        lua_settop(L, -2);          /* the collection freed enough: carry on */
    }
}

static inline int hws_finish(lua_State *L, hws_host *h, int status) {
    for (;;) {
        if (status >= 0) {
            if (h->limit != 0 && h->used > h->limit) hws_check_memory(L, h);
            return status;
        }
        switch (status) {
        case HWS_STATUS_RAISE_VALUE:
            return lua_error(L);
        case HWS_STATUS_RAISE_MESSAGE:
            luaL_where(L, 1);
            lua_rotate(L, -2, 1);
            lua_concat(L, 2);
            return lua_error(L);
        case HWS_STATUS_ARG_ERROR:
            return luaL_argerror(L, (int)lua_tointegerx(L, -2, NULL), lua_tolstring(L, -1, NULL));
        case HWS_STATUS_MEMORY_ERROR:
            hws_check_memory(L, h);
            lua_pushliteral(L, "not enough memory");
            return lua_error(L);
        case HWS_STATUS_CALL: {
            int nresults = (int)lua_tointegerx(L, -1, NULL);
            int nargs = (int)lua_tointegerx(L, -2, NULL);
            lua_settop(L, -3);
            lua_KContext ctx = (lua_KContext)(lua_gettop(L) - nargs - 1);
            lua_callk(L, nargs, nresults, ctx, hws_continuation);
            /* The call returned without yielding: continue here rather than recursing, so a
               loop of calls does not grow the C stack. */
            int was = h->lua_running;
            h->lua_running = 0;
            status = hws_swift_continue(L, LUA_OK, ctx);
            h->lua_running = was;
            continue;
        }
        default: {
            /* Yield: the continuation's box sits just below the yielded values. */
            int n = HWS_STATUS_YIELD_BASE - status;
            lua_KContext ctx = (lua_KContext)(lua_gettop(L) - n);
            return lua_yieldk(L, n, ctx, hws_continuation);
        }
        }
    }
}

/* The lua_CFunction behind every bound Swift function; upvalue 1 holds the Swift closure. */
static inline int hws_trampoline(lua_State *L) {
    hws_host *h = hws_host_of(L);
    int was = h->lua_running;
    h->lua_running = 0;
    int status = hws_swift_dispatch(L);
    h->lua_running = was;
    if (status >= 0 && h->limit == 0) return status; /* the common case, kept short */
    return hws_finish(L, h, status);
}

static inline int hws_continuation(lua_State *L, int status, lua_KContext ctx) {
    hws_host *h = hws_host_of(L);
    int was = h->lua_running;
    h->lua_running = 0;
    int result = hws_swift_continue(L, status, ctx);
    h->lua_running = was;
    return hws_finish(L, h, result);
}

static inline void hws_push_trampoline(lua_State *L, int nupvalues) {
    lua_pushcclosure(L, hws_trampoline, nupvalues);
}

/* ---- Protected calls ------------------------------------------------------------------- */

#define HWS_ERROR_MESSAGE_KEY "LuaKit.error.message"
#define HWS_ERROR_TRACEBACK_KEY "LuaKit.error.traceback"

/* Pushes the printable message for the error object at idx, as lua.c's msghandler makes it. */
static inline void hws_push_error_message(lua_State *L, int idx) {
    int t = lua_type(L, idx);
    if (t == LUA_TSTRING || t == LUA_TNUMBER) {
        lua_pushvalue(L, idx);
        lua_tolstring(L, -1, NULL);
        return;
    }
    if (luaL_callmeta(L, idx, "__tostring")) {
        if (lua_type(L, -1) == LUA_TSTRING) return;
        lua_settop(L, -2);
    }
    lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, idx));
}

/*
 * The message handler for every protected call LuaKit makes: it records the error's
 * message and a traceback in the registry and returns the error object unchanged, so a
 * table raised as an error keeps its identity.
 */
static inline int hws_message_handler(lua_State *L) {
    hws_push_error_message(L, 1);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, HWS_ERROR_MESSAGE_KEY);
    luaL_traceback(L, L, NULL, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, HWS_ERROR_TRACEBACK_KEY);
    lua_settop(L, 1);
    return 1;
}

/* lua_pcall with the message handler inserted below the function (and removed after). */
static inline int hws_pcall(lua_State *L, int nargs, int nresults) {
    hws_host *h = hws_host_of(L);
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, hws_message_handler);
    lua_rotate(L, base, 1);
    int was = h->lua_running;
    lua_State *previous = h->running;
    h->running = L;
    h->lua_running = 1;
    if (h->hook_count > 0 && lua_gethookmask(L) == 0) lua_sethook(L, hws_count_hook, LUA_MASKCOUNT, h->hook_count);
    int status = lua_pcallk(L, nargs, nresults, base, 0, NULL);
    h->lua_running = was;
    h->running = previous;
    lua_rotate(L, base, -1);
    lua_settop(L, -2);
    return status;
}

static inline int hws_resume(lua_State *co, lua_State *from, int nargs, int *nresults) {
    hws_host *h = hws_host_of(co);
    int was = h->lua_running;
    lua_State *previous = h->running;
    h->running = co;
    h->lua_running = 1;
    if (h->hook_count > 0 && lua_gethookmask(co) == 0) lua_sethook(co, hws_count_hook, LUA_MASKCOUNT, h->hook_count);
    int status = lua_resume(co, from, nargs, nresults);
    h->lua_running = was;
    h->running = previous;
    return status;
}

/* Helpers that may raise, run under hws_pcall by LuaKit. */
static inline int hws_protected_tostring(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}
static inline int hws_protected_gettable(lua_State *L) {
    lua_gettable(L, 1);
    return 1;
}
static inline int hws_protected_settable(lua_State *L) {
    lua_settable(L, 1);
    return 0;
}
static inline void hws_push_protected_tostring(lua_State *L) { lua_pushcfunction(L, hws_protected_tostring); }
static inline void hws_push_protected_gettable(lua_State *L) { lua_pushcfunction(L, hws_protected_gettable); }
static inline void hws_push_protected_settable(lua_State *L) { lua_pushcfunction(L, hws_protected_settable); }

/* ---- Instruction hooks and interrupts -------------------------------------------------- */

#define HWS_HOOK_PROCEED 0
#define HWS_HOOK_RAISE   1 /* raise the value Swift pushed */
#define HWS_HOOK_YIELD   2

static inline void hws_count_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    hws_host *h = hws_host_of(L);
    int was = h->lua_running;
    h->lua_running = 0;
    int action = hws_swift_hook(L);
    h->lua_running = was;
    if (action == HWS_HOOK_RAISE) lua_error(L);
    else if (action == HWS_HOOK_YIELD) lua_yield(L, 0);
}

/* Installs (count > 0) or removes (count == 0) the instruction hook on one thread. */
static inline void hws_set_count_hook(lua_State *L, int count) {
    if (count > 0) lua_sethook(L, hws_count_hook, LUA_MASKCOUNT, count);
    else lua_sethook(L, NULL, 0, 0);
}

/* Raises the pending interrupt's error on L. */
static inline int hws_deliver_interrupt(lua_State *L, hws_host *h) {
    h->interrupt_pending = 0;
    h->interrupts_delivered++;
    int was = h->lua_running;
    h->lua_running = 0;
    hws_swift_interrupted(L); /* pushes the error value */
    h->lua_running = was;
    return lua_error(L);
}

static inline void hws_interrupt_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    hws_host *h = hws_host_of(L);
    hws_set_count_hook(L, h->hook_count); /* put back the instruction hook, if any */
    if (!h->interrupt_pending) return;
    hws_deliver_interrupt(L, h);
}

/*
 * Asks the running script to stop at its next instruction: lua.c's `laction`. Safe to call
 * from a signal handler or another thread: it only stores flags and calls lua_sethook,
 * which Lua documents as safe for that use.
 */
static inline void hws_request_interrupt(hws_host *h) {
    int flag = LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT;
    h->interrupt_pending = 1;
    lua_State *L = h->running;
    if (L != NULL) lua_sethook(L, hws_interrupt_hook, flag, 1);
    if (h->main != NULL && h->main != L) lua_sethook(h->main, hws_interrupt_hook, flag, 1);
}

/* ---- Work done inside C functions ------------------------------------------------------ */

/*
 * The instruction hook fires between VM instructions, never inside a C function, so a C
 * function that loops without calling Lua (the pattern matcher backtracking, table.move over
 * nils) would run past every instruction budget, time limit and Ctrl-C. LuaKit replaces such
 * functions with metered copies (CLuaMetered) that report their work here, one step for
 * about one VM instruction's worth of work. Every `quantum` steps (the hook's count, or
 * HWS_CHARGE_QUANTUM without a hook) count as that many instructions: a pending interrupt is
 * raised, and the instruction hook runs as if it had fired, raising what it raises. Both
 * raise from C, after the Swift frame has returned; a hook that asks to yield is ignored
 * here (a C function without a continuation cannot yield) and yields at the next instruction.
 * Whether the hook counts the steps against a sandbox is the hook's decision, as for
 * instructions: the thread's sandbox, if any.
 */
#define HWS_CHARGE_QUANTUM 4096

static inline size_t hws_charge_quantum(hws_host *h) {
    return h->hook_count > 0 ? (size_t)h->hook_count : HWS_CHARGE_QUANTUM;
}

static inline void hws_charge_quanta(lua_State *L, hws_host *h) {
    size_t quantum = hws_charge_quantum(h);
    while (h->pending_steps >= quantum) {
        h->pending_steps -= quantum;
        if (h->interrupt_pending) hws_deliver_interrupt(L, h);
        if (h->hook_count > 0) {
            int was = h->lua_running;
            h->lua_running = 0;
            int action = hws_swift_hook(L);
            h->lua_running = was;
            if (action == HWS_HOOK_RAISE) lua_error(L);
        }
    }
}

/* Charges `steps` of work done by the running C function (may raise). */
static inline void hws_charge(lua_State *L, size_t steps) {
    hws_host *h = hws_host_of(L);
    h->pending_steps += steps;
    if (h->pending_steps >= hws_charge_quantum(h)) hws_charge_quanta(L, h);
}

/* ---- The C standard streams Lua's own io and print use ------------------------------ */

static inline void hws_write_stdout(const char *text, size_t length) {
    fwrite(text, 1, length, stdout);
    fflush(stdout);
}
static inline void hws_write_stderr(const char *text, size_t length) {
    fflush(stdout);
    fwrite(text, 1, length, stderr);
    fflush(stderr);
}
/* One line of stdin into *line (getline's buffer, freed by the caller); -1 at end. */
static inline long hws_read_stdin_line(char **line, size_t *capacity) {
    return (long)getline(line, capacity, stdin);
}

/* ---- A C function with the same work as the bench's bound Swift function ---------------- */

static inline int hws_bench_c_add(lua_State *L) {
    lua_Integer a = luaL_checkinteger(L, 1);
    lua_Integer b = luaL_checkinteger(L, 2);
    lua_pushinteger(L, a + b);
    return 1;
}
static inline void hws_push_bench_c_add(lua_State *L) { lua_pushcfunction(L, hws_bench_c_add); }

/* Bytes the C allocator has handed out and not had back (glibc's mallinfo2), for the soak. */
static inline size_t hws_heap_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}

#endif
