/* Parallel, ordered handling of JSON Lines: the calling thread reads lines
 * into batches; worker threads (one per core, at most PIPELINE_WORKERS)
 * handle whole batches, each with its own context; the calling thread
 * writes each batch's output and messages in input order. Memory stays
 * bounded by the batches in flight: 8 batches of at most 256 lines or
 * about 1 MiB of text (plus one line of up to CLI_LINE_MAX_BYTES), however
 * long the input. */
#ifndef SLATE_PIPELINE_H
#define SLATE_PIPELINE_H

#include "cli.h"
#include "jbuf.h"

#define PIPELINE_WORKERS 4

/* Handles one non-blank line: appends its output to out and any message
 * for stderr to err; returns an exit status. Runs on a worker thread with
 * that worker's context. */
typedef int (*line_handler)(void *ctx, const char *text, size_t len, long line, jbuf *out,
                            jbuf *err);

/* Reads path ("-": stdin) and handles every non-blank line; contexts holds
 * `workers` contexts (1 to PIPELINE_WORKERS). Returns the worst status
 * (EXIT_INPUT when the file cannot be read or output cannot be written). */
int pipeline_run(const char *path, line_handler fn, void **contexts, int workers);

#endif /* SLATE_PIPELINE_H */
