#define _GNU_SOURCE
#include "CEditLine.h"

#include <dlfcn.h>
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- The part of <histedit.h> used here (libedit.so.2) ------------------------------- */

typedef struct editline EditLine;
typedef struct history History;
typedef struct lineinfo {
    const char *buffer;
    const char *cursor;
    const char *lastchar;
} LineInfo;
typedef struct HistEvent {
    int num;
    const char *str;
} HistEvent;

#define EL_PROMPT     0
#define EL_EDITOR     2
#define EL_SIGNAL     3
#define EL_BIND       4
#define EL_ADDFN      9
#define EL_HIST       10
#define EL_CLIENTDATA 14

#define H_SETSIZE   1
#define H_ENTER     10
#define H_SETUNIQUE 20

static struct {
    int tried;
    int usable;
    char error[512];
    EditLine *(*el_init)(const char *, FILE *, FILE *, FILE *);
    void (*el_end)(EditLine *);
    const char *(*el_gets)(EditLine *, int *);
    int (*el_set)(EditLine *, int, ...);
    int (*el_get)(EditLine *, int, ...);
    int (*el_source)(EditLine *, const char *);
    const LineInfo *(*el_line)(EditLine *);
    int (*el_insertstr)(EditLine *, const char *);
    History *(*history_init)(void);
    void (*history_end)(History *);
    int (*history)(History *, HistEvent *, int, ...);
} libedit;

struct hws_editor {
    EditLine *el;
    History *history;
    char *prompt;
    hws_completion_fn complete;
    void *context;
};

/* ---- Loading ------------------------------------------------------------------------- */

static int resolve(void *handle, void **slot, const char *name) {
    *slot = dlsym(handle, name);
    if (*slot == NULL) {
        snprintf(libedit.error, sizeof libedit.error, "%s has no function %s", "libedit", name);
        return 0;
    }
    return 1;
}

int hws_edit_load(void) {
    if (libedit.tried) return libedit.usable;
    libedit.tried = 1;
    /* HWSUBMIT_LIBEDIT names another library file, or "none" to turn line editing off. */
    const char *name = getenv("HWSUBMIT_LIBEDIT");
    if (name == NULL || *name == '\0') name = "libedit.so.2";
    if (strcmp(name, "none") == 0) {
        snprintf(libedit.error, sizeof libedit.error, "HWSUBMIT_LIBEDIT=none");
        return 0;
    }
    void *handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *why = dlerror();
        snprintf(libedit.error, sizeof libedit.error, "%s", why ? why : name);
        return 0;
    }
    int ok = resolve(handle, (void **)&libedit.el_init, "el_init")
        && resolve(handle, (void **)&libedit.el_end, "el_end")
        && resolve(handle, (void **)&libedit.el_gets, "el_gets")
        && resolve(handle, (void **)&libedit.el_set, "el_set")
        && resolve(handle, (void **)&libedit.el_get, "el_get")
        && resolve(handle, (void **)&libedit.el_source, "el_source")
        && resolve(handle, (void **)&libedit.el_line, "el_line")
        && resolve(handle, (void **)&libedit.el_insertstr, "el_insertstr")
        && resolve(handle, (void **)&libedit.history_init, "history_init")
        && resolve(handle, (void **)&libedit.history_end, "history_end")
        && resolve(handle, (void **)&libedit.history, "history");
    if (!ok) {
        dlclose(handle);
        return 0;
    }
    libedit.usable = 1;
    return 1;
}

const char *hws_edit_load_error(void) { return libedit.error; }

/* ---- Ctrl-C while waiting for input ------------------------------------------------------ */

static volatile sig_atomic_t read_interrupted;

static void note_interrupt(int number) {
    (void)number;
    read_interrupted = 1;
}

/* Installs the flag-setting handler without SA_RESTART, so a blocked read ends with EINTR. */
static void catch_interrupts(struct sigaction *previous) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = note_interrupt;
    sigemptyset(&action.sa_mask);
    read_interrupted = 0;
    sigaction(SIGINT, &action, previous);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

void hws_hold_interrupts(void) {
    struct sigaction previous;
    catch_interrupts(&previous);
}

static void restore_interrupts(const struct sigaction *previous) {
    sigaction(SIGINT, previous, NULL);
}

int hws_read_was_interrupted(void) { return read_interrupted; }

/* ---- The editor ---------------------------------------------------------------------- */

static hws_editor *editor_of(EditLine *el) {
    void *data = NULL;
    libedit.el_get(el, EL_CLIENTDATA, &data);
    return (hws_editor *)data;
}

static char *prompt_of(EditLine *el) {
    hws_editor *editor = editor_of(el);
    return editor && editor->prompt ? editor->prompt : "";
}

static unsigned char complete_key(EditLine *el, int ch) {
    (void)ch;
    hws_editor *editor = editor_of(el);
    if (editor == NULL || editor->complete == NULL) return HWS_EDIT_ERROR;
    return (unsigned char)editor->complete(editor, editor->context);
}

/* UTF-8 input needs a UTF-8 LC_CTYPE: libedit decodes keys with mbrtowc. */
static void use_utf8_input(void) {
    const char *current = setlocale(LC_CTYPE, "");
    if (current == NULL || strcmp(current, "C") == 0 || strcmp(current, "POSIX") == 0) {
        if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "C");
    }
}

hws_editor *hws_editor_open(const char *program, int history_size) {
    if (!hws_edit_load()) return NULL;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        snprintf(libedit.error, sizeof libedit.error, "standard input or output is not a terminal");
        return NULL;
    }
    use_utf8_input();
    hws_editor *editor = calloc(1, sizeof *editor);
    if (editor == NULL) return NULL;
    editor->el = libedit.el_init(program, stdin, stdout, stderr);
    editor->history = libedit.history_init();
    if (editor->el == NULL || editor->history == NULL) {
        snprintf(libedit.error, sizeof libedit.error, "libedit could not set up the terminal");
        hws_editor_close(editor);
        return NULL;
    }
    HistEvent event;
    libedit.history(editor->history, &event, H_SETSIZE, history_size);
    libedit.history(editor->history, &event, H_SETUNIQUE, 1);

    EditLine *el = editor->el;
    libedit.el_set(el, EL_CLIENTDATA, (void *)editor);
    libedit.el_set(el, EL_EDITOR, "emacs");
    libedit.el_set(el, EL_SIGNAL, 1);
    libedit.el_set(el, EL_PROMPT, prompt_of);
    libedit.el_set(el, EL_HIST, libedit.history, editor->history);
    libedit.el_set(el, EL_ADDFN, "hwsubmit-complete", "Complete the Lua name before the cursor", complete_key);
    libedit.el_set(el, EL_BIND, "^I", "hwsubmit-complete", NULL);
    /* The keys readline users expect, as libedit's own readline layer binds them. */
    libedit.el_set(el, EL_BIND, "^R", "em-inc-search-prev", NULL);
    libedit.el_set(el, EL_BIND, "^W", "ed-delete-prev-word", NULL);
    libedit.el_set(el, EL_BIND, "\\e[1~", "ed-move-to-beg", NULL);
    libedit.el_set(el, EL_BIND, "\\e[4~", "ed-move-to-end", NULL);
    libedit.el_set(el, EL_BIND, "\\e[7~", "ed-move-to-beg", NULL);
    libedit.el_set(el, EL_BIND, "\\e[8~", "ed-move-to-end", NULL);
    libedit.el_set(el, EL_BIND, "\\e[H", "ed-move-to-beg", NULL);
    libedit.el_set(el, EL_BIND, "\\e[F", "ed-move-to-end", NULL);
    libedit.el_set(el, EL_BIND, "\\e[3~", "ed-delete-next-char", NULL);
    libedit.el_set(el, EL_BIND, "\\e[1;5C", "em-next-word", NULL);
    libedit.el_set(el, EL_BIND, "\\e[1;5D", "ed-prev-word", NULL);
    libedit.el_set(el, EL_BIND, "\\e[5C", "em-next-word", NULL);
    libedit.el_set(el, EL_BIND, "\\e[5D", "ed-prev-word", NULL);
    libedit.el_set(el, EL_BIND, "\\e\\e[C", "em-next-word", NULL);
    libedit.el_set(el, EL_BIND, "\\e\\e[D", "ed-prev-word", NULL);
    /* ~/.editrc (or $EDITRC) last, so a user's own bindings win. */
    libedit.el_source(el, NULL);
    return editor;
}

void hws_editor_close(hws_editor *editor) {
    if (editor == NULL) return;
    if (editor->el) libedit.el_end(editor->el);
    if (editor->history) libedit.history_end(editor->history);
    free(editor->prompt);
    free(editor);
}

void hws_editor_set_completion(hws_editor *editor, hws_completion_fn function, void *context) {
    editor->complete = function;
    editor->context = context;
}

int hws_editor_read(hws_editor *editor, const char *prompt, const char **line, int *length) {
    free(editor->prompt);
    editor->prompt = strdup(prompt);
    struct sigaction previous;
    catch_interrupts(&previous);
    int count = 0;
    errno = 0;
    const char *text = libedit.el_gets(editor->el, &count);
    int error = errno;
    restore_interrupts(&previous);
    if (read_interrupted) return HWS_READ_INTERRUPTED;
    if (text == NULL) {
        if (count == 0) return HWS_READ_EOF;
        errno = error;
        return error == EINTR ? HWS_READ_INTERRUPTED : HWS_READ_ERROR;
    }
    int n = count;
    while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r')) n--;
    *line = text;
    *length = n;
    return HWS_READ_LINE;
}

const char *hws_editor_line_before_cursor(hws_editor *editor, int *length) {
    const LineInfo *info = libedit.el_line(editor->el);
    *length = (int)(info->cursor - info->buffer);
    return info->buffer;
}

int hws_editor_insert(hws_editor *editor, const char *text) {
    return libedit.el_insertstr(editor->el, text);
}

void hws_editor_history_add(hws_editor *editor, const char *entry) {
    HistEvent event;
    libedit.history(editor->history, &event, H_ENTER, entry);
}

/* ---- The plain reader ---------------------------------------------------------------- */

int hws_plain_read(const char *prompt, char **buffer, size_t *capacity, long *length) {
    fputs(prompt, stdout);
    fflush(stdout);
    struct sigaction previous;
    catch_interrupts(&previous);
    errno = 0;
    ssize_t count = getline(buffer, capacity, stdin);
    int error = errno;
    restore_interrupts(&previous);
    if (read_interrupted || (count < 0 && error == EINTR)) {
        clearerr(stdin);
        return HWS_READ_INTERRUPTED;
    }
    if (count < 0) {
        if (feof(stdin)) return HWS_READ_EOF;
        errno = error;
        return HWS_READ_ERROR;
    }
    while (count > 0 && ((*buffer)[count - 1] == '\n' || (*buffer)[count - 1] == '\r')) count--;
    *length = (long)count;
    return HWS_READ_LINE;
}
