#ifndef HWSUBMIT_CEDITLINE_H
#define HWSUBMIT_CEDITLINE_H

/*
 * Line editing for the REPL with BSD libedit, loaded with dlopen when the REPL starts.
 *
 * libedit is not linked into hwsubmit: linking it makes every script run pay for loading it
 * and the libraries it needs (libtinfo, libbsd) before its first instruction. So this target
 * declares the few libedit entry points and types the REPL uses, copied from <histedit.h>
 * (libedit.so.2's stable interface), and finds them with dlsym. When libedit is missing the
 * REPL falls back to hws_plain_read.
 *
 * Both readers report Ctrl-C as HWS_READ_INTERRUPTED: while they wait for input, SIGINT only
 * sets a flag (the handler is installed without SA_RESTART so the wait ends at once).
 */

#include <stddef.h>

/* What a read returns. */
#define HWS_READ_LINE        0 /* a line was read */
#define HWS_READ_EOF         1 /* end of input (Ctrl-D on an empty line) */
#define HWS_READ_INTERRUPTED 2 /* Ctrl-C: the line typed so far is discarded */
#define HWS_READ_ERROR       3 /* input failed; errno says why */

/* What a completion callback returns to the editor (libedit's CC_* codes). */
#define HWS_EDIT_NORM      0 /* nothing changed */
#define HWS_EDIT_REFRESH   4 /* the line changed: redraw it */
#define HWS_EDIT_REDISPLAY 8 /* text was printed below the line: redraw prompt and line */
#define HWS_EDIT_ERROR     6 /* nothing to do: beep */

typedef struct hws_editor hws_editor;

/*
 * Called for the key bound to completion (Tab). It reads the line with
 * hws_editor_line_before_cursor, changes it with hws_editor_insert, may print below it, and
 * returns an HWS_EDIT_* code.
 */
typedef int (*hws_completion_fn)(hws_editor *editor, void *context);

/* Loads libedit.so.2 once; 1 when it is usable, 0 when not (hws_edit_load_error says why). */
int hws_edit_load(void);
const char *hws_edit_load_error(void);

/* An editor on stdin/stdout with emacs keys and ~/.editrc applied; NULL when libedit is
 * unusable or stdin is not a terminal. */
hws_editor *hws_editor_open(const char *program, int history_size);
void hws_editor_close(hws_editor *editor);

void hws_editor_set_completion(hws_editor *editor, hws_completion_fn function, void *context);

/*
 * Shows `prompt` and reads one line. On HWS_READ_LINE, *line and *length hold the text
 * (without its newline); it stays valid until the next call.
 */
int hws_editor_read(hws_editor *editor, const char *prompt, const char **line, int *length);

/* The text before the cursor, during a completion callback. */
const char *hws_editor_line_before_cursor(hws_editor *editor, int *length);

/* Inserts text at the cursor, during a completion callback; 0 on success. */
int hws_editor_insert(hws_editor *editor, const char *text);

/* Adds an entry to the in-memory history (what Up and Ctrl-R find). */
void hws_editor_history_add(hws_editor *editor, const char *entry);

/* The plain reader: writes `prompt` to stdout and reads a line of stdin with getline.
 * *buffer and *capacity are getline's (free *buffer when done). */
int hws_plain_read(const char *prompt, char **buffer, size_t *capacity, long *length);

/* Makes SIGINT only set the flag below until something else handles it: the REPL calls this
 * between statements, so a Ctrl-C that comes while no read or statement is under way (Lua's
 * handler is removed after each statement) drops nothing and does not end the process. */
void hws_hold_interrupts(void);

/* Whether SIGINT arrived since the last read began (set by both readers). */
int hws_read_was_interrupted(void);

#endif
