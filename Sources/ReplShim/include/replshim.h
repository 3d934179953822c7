// ReplShim: GNU readline driven through its callback interface, so that Ctrl-C interrupts
// the line being edited (or a running computation) instead of killing the process.
//
// Swift cannot install signal handlers that only set a flag, nor run readline's callback loop
// around select(2) safely, so this part lives in C. The Swift REPL calls replshim_read_line
// for each prompt and polls replshim_interrupt_pending while it evaluates.
#ifndef REPLSHIM_H
#define REPLSHIM_H

/// What replshim_read_line returned.
typedef enum {
    REPLSHIM_LINE = 0,         ///< A line was read; *line_out holds it (caller frees).
    REPLSHIM_END_OF_FILE = 1,  ///< Ctrl-D on an empty line, or stdin closed.
    REPLSHIM_INTERRUPTED = 2,  ///< Ctrl-C: the partial line was discarded.
} replshim_status;

/// Installs a SIGINT handler that only records the interrupt (no SA_RESTART, so a blocking
/// select(2) returns EINTR). Also stops readline from installing its own handlers.
void replshim_install_interrupt_handler(void);

/// Restores the SIGINT disposition found before replshim_install_interrupt_handler.
void replshim_remove_interrupt_handler(void);

/// Non-zero when Ctrl-C arrived since the last replshim_take_interrupt. Async-signal-safe read.
int replshim_interrupt_pending(void);

/// Returns whether an interrupt was pending, and clears it.
int replshim_take_interrupt(void);

/// Records an interrupt as if Ctrl-C had been pressed (used by tests and by timeouts).
void replshim_raise_interrupt(void);

/// Reads one line with readline's line editing and history keys, showing `prompt`.
/// On REPLSHIM_LINE, *line_out is a malloc'd string without the newline.
replshim_status replshim_read_line(const char *prompt, char **line_out);

#endif
