/* See include/CProcessArguments.h. */
#include "CProcessArguments.h"

#include <stddef.h>

static char **captured_argv;
static int captured_argc;
static char **override_argv;
static int override_argc;

/* glibc calls the executable's initialisers with (argc, argv, envp). */
static void capture_arguments(int argc, char **argv, char **envp) {
    (void)envp;
    captured_argc = argc;
    captured_argv = argv;
}

__attribute__((used, section(".init_array"))) static void (*const capture_arguments_entry)(int, char **, char **) =
    capture_arguments;

/* What Swift's CommandLine.arguments reads (swift/stdlib/public/CommandLineSupport). */
__attribute__((swiftcall)) char **_swift_stdlib_getUnsafeArgvArgc(int *outArgLen) {
    if (override_argv) {
        *outArgLen = override_argc;
        return override_argv;
    }
    static char *empty[] = { NULL };
    if (!captured_argv) {
        *outArgLen = 0;
        return empty;
    }
    *outArgLen = captured_argc;
    return captured_argv;
}

/* Replaces what CommandLine.arguments reads (the runtime's hook for embedders). */
__attribute__((swiftcall)) void _swift_stdlib_overrideUnsafeArgvArgc(char **argv, int argc) {
    override_argv = argv;
    override_argc = argc;
}
