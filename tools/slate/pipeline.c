/* See pipeline.h. A ring of batches moves through three states: filled by
 * the reader, handled by a worker, written out by the reader in order. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"

#define BATCH_LINES 256
#define BATCH_BYTES ((size_t)1 << 20) /* a batch is handed over at this much text */
#define RING 8

enum { EMPTY, FILLED, HANDLING, DONE };

typedef struct batch {
    int state;
    jbuf lines; /* the lines' text, one after another */
    size_t start[BATCH_LINES + 1];
    long number[BATCH_LINES];
    size_t count;
    jbuf out, err;
    int status;
} batch;

typedef struct pipeline {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    batch ring[RING];
    size_t next_fill, next_write; /* sequence numbers */
    int closing;
    line_handler fn;
} pipeline;

typedef struct worker {
    pipeline *p;
    void *ctx;
} worker;

static void handle(pipeline *p, batch *b, void *ctx) {
    b->status = EXIT_OK;
    for (size_t i = 0; i < b->count; i++) {
        int s = p->fn(ctx, b->lines.p + b->start[i], b->start[i + 1] - b->start[i], b->number[i],
                      &b->out, &b->err);
        if (s == EXIT_INPUT || (s == EXIT_FINDINGS && b->status == EXIT_OK)) b->status = s;
    }
}

static void *work(void *arg) {
    worker *w = arg;
    pipeline *p = w->p;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        batch *b = NULL;
        for (size_t k = p->next_write; k < p->next_fill && b == NULL; k++)
            if (p->ring[k % RING].state == FILLED) b = &p->ring[k % RING];
        if (b == NULL) {
            if (p->closing) break;
            pthread_cond_wait(&p->changed, &p->lock);
            continue;
        }
        b->state = HANDLING;
        pthread_mutex_unlock(&p->lock);
        handle(p, b, w->ctx);
        pthread_mutex_lock(&p->lock);
        b->state = DONE;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Writes the oldest batch once handled (waiting for it when `wait`);
 * returns 0 when there is nothing to write. Called with the lock held. */
static int write_oldest(pipeline *p, int wait, int *status) {
    if (p->next_write == p->next_fill) return 0;
    batch *b = &p->ring[p->next_write % RING];
    while (b->state != DONE) {
        if (!wait) return 0;
        pthread_cond_wait(&p->changed, &p->lock);
    }
    jb_flush(&b->out, stdout); /* a failure is reported by cli_finish_output */
    jb_flush(&b->err, stderr);
    if (b->status == EXIT_INPUT || (b->status == EXIT_FINDINGS && *status == EXIT_OK))
        *status = b->status;
    b->state = EMPTY;
    b->count = 0;
    b->lines.len = 0;
    if (b->lines.cap > 2 * BATCH_BYTES) jb_free(&b->lines); /* after a long line */
    p->next_write++;
    return 1;
}

/* Hands the batch being filled to the workers; makes room for the next. */
static void submit(pipeline *p, int *status) {
    pthread_mutex_lock(&p->lock);
    p->ring[p->next_fill % RING].state = FILLED;
    p->next_fill++;
    pthread_cond_broadcast(&p->changed);
    while (write_oldest(p, p->next_fill - p->next_write == RING, status)) {
    }
    pthread_mutex_unlock(&p->lock);
}

static int read_lines(pipeline *p, cli_lines *in) {
    ssize_t len;
    int status = EXIT_OK;
    while ((len = cli_lines_next(in)) != LINE_END) {
        if (len == LINE_TOO_LONG) { /* reported; a bad line */
            status = EXIT_INPUT;
            continue;
        }
        batch *b = &p->ring[p->next_fill % RING]; /* EMPTY: submit keeps one slot free */
        b->start[b->count] = b->lines.len;
        b->number[b->count++] = in->line;
        jb_raw(&b->lines, in->text, (size_t)len);
        b->start[b->count] = b->lines.len;
        if (b->lines.failed) status = EXIT_INPUT;
        if (b->count == BATCH_LINES || b->lines.len >= BATCH_BYTES) submit(p, &status);
    }
    if (p->ring[p->next_fill % RING].count > 0) submit(p, &status);
    return status;
}

int pipeline_run(const char *path, line_handler fn, void **contexts, int workers) {
    cli_lines in;
    if (!cli_lines_open(&in, path)) return EXIT_INPUT;
    pipeline *p = calloc(1, sizeof *p);
    worker w[PIPELINE_WORKERS];
    pthread_t threads[PIPELINE_WORKERS];
    int started = 0, status = p == NULL ? EXIT_INPUT : EXIT_OK;
    if (p != NULL) {
        pthread_mutex_init(&p->lock, NULL);
        pthread_cond_init(&p->changed, NULL);
        p->fn = fn;
        for (; started < workers && started < PIPELINE_WORKERS; started++) {
            w[started] = (worker){p, contexts[started]};
            if (pthread_create(&threads[started], NULL, work, &w[started]) != 0) break;
        }
        if (started == 0) status = EXIT_INPUT;
    }
    if (started > 0) {
        int read_status = read_lines(p, &in);
        pthread_mutex_lock(&p->lock);
        while (write_oldest(p, 1, &status)) {
        }
        p->closing = 1;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
        if (read_status == EXIT_INPUT) status = EXIT_INPUT;
    }
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    if (p != NULL) {
        for (int k = 0; k < RING; k++)
            jb_free(&p->ring[k].lines), jb_free(&p->ring[k].out), jb_free(&p->ring[k].err);
        pthread_cond_destroy(&p->changed);
        pthread_mutex_destroy(&p->lock);
        free(p);
    }
    if (cli_lines_close(&in) != EXIT_OK) status = EXIT_INPUT;
    return status;
}
