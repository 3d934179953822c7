// ReplShim: readline's callback interface around select(2), with a flag-only SIGINT handler.
#include "replshim.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>
#include <readline/readline.h>
#include <readline/history.h>

static volatile sig_atomic_t interrupt_flag = 0;
static volatile sig_atomic_t resize_flag = 0;
static struct sigaction previous_sigint;
static struct sigaction previous_sigwinch;
static int handler_installed = 0;

// The callback interface hands the finished line to a function; these carry it back.
static char *finished_line = NULL;
static int line_done = 0;

static void on_sigint(int signo) { (void)signo; interrupt_flag = 1; }
static void on_sigwinch(int signo) { (void)signo; resize_flag = 1; }

void replshim_install_interrupt_handler(void) {
    if (handler_installed) return;
    // readline must not install handlers of its own: it would re-raise SIGINT and kill us.
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: select() must return EINTR on Ctrl-C
    action.sa_handler = on_sigint;
    sigaction(SIGINT, &action, &previous_sigint);
    action.sa_handler = on_sigwinch;
    sigaction(SIGWINCH, &action, &previous_sigwinch);
    handler_installed = 1;
}

void replshim_remove_interrupt_handler(void) {
    if (!handler_installed) return;
    sigaction(SIGINT, &previous_sigint, NULL);
    sigaction(SIGWINCH, &previous_sigwinch, NULL);
    handler_installed = 0;
}

int replshim_interrupt_pending(void) { return interrupt_flag != 0; }

int replshim_take_interrupt(void) {
    int was = interrupt_flag != 0;
    interrupt_flag = 0;
    return was;
}

void replshim_raise_interrupt(void) { interrupt_flag = 1; }

static void on_line(char *line) {
    finished_line = line;  // NULL means end of file
    line_done = 1;
    rl_callback_handler_remove();
}

replshim_status replshim_read_line(const char *prompt, char **line_out) {
    *line_out = NULL;
    finished_line = NULL;
    line_done = 0;
    interrupt_flag = 0;
    FILE *input = rl_instream ? rl_instream : stdin;
    int fd = fileno(input);
    rl_callback_handler_install(prompt, on_line);
    // SIGINT stays blocked except inside pselect, which unblocks it atomically while waiting:
    // a Ctrl-C that lands while readline processes a key is seen at once, not after the next key.
    sigset_t blocked, original, waiting;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGINT);
    sigaddset(&blocked, SIGWINCH);
    sigprocmask(SIG_BLOCK, &blocked, &original);
    waiting = original;
    sigdelset(&waiting, SIGINT);
    sigdelset(&waiting, SIGWINCH);
    replshim_status status = REPLSHIM_LINE;
    while (!line_done) {
        if (resize_flag) {
            resize_flag = 0;
            rl_resize_terminal();
        }
        if (interrupt_flag) {
            interrupt_flag = 0;
            // Discard the partial line and leave the terminal in a sane state.
            rl_free_line_state();
            rl_callback_sigcleanup();
            rl_callback_handler_remove();
            rl_crlf();
            fflush(rl_outstream ? rl_outstream : stdout);
            status = REPLSHIM_INTERRUPTED;
            break;
        }
        fd_set readable;
        FD_ZERO(&readable);
        FD_SET(fd, &readable);
        int ready = pselect(fd + 1, &readable, NULL, NULL, NULL, &waiting);
        if (ready < 0) {
            if (errno == EINTR) continue;
            rl_callback_handler_remove();
            status = REPLSHIM_END_OF_FILE;
            break;
        }
        rl_callback_read_char();
    }
    sigprocmask(SIG_SETMASK, &original, NULL);
    if (status != REPLSHIM_LINE) return status;
    if (finished_line == NULL) return REPLSHIM_END_OF_FILE;
    *line_out = finished_line;
    return REPLSHIM_LINE;
}
