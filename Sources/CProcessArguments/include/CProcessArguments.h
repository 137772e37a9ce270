#ifndef HWSUBMIT_CPROCESSARGUMENTS_H
#define HWSUBMIT_CPROCESSARGUMENTS_H

/*
 * The process's argument vector for Swift's CommandLine, taken at start-up from what the C
 * library hands the executable's initialisers, instead of the Swift runtime's own way.
 *
 * Statically linked, the Swift runtime finds argv with a C++ static initialiser that reads
 * /proc/self/maps line by line (fopen, fgets, sscanf: about 137,000 instructions, a tenth of
 * `hwsubmit -e ''`, and the kernel's work of writing the maps out) to find the stack and walk
 * back from `environ`. hwsubmit defines the two functions that object provides, so the linker
 * takes these from here and never pulls that object (nor its initialiser) out of
 * libswiftCore.a. Linked against the shared runtime (debug builds), the runtime keeps its own,
 * and these go unused.
 */

/* Nothing to call: the two functions the Swift runtime looks up are defined in arguments.c. */

#endif
