/* The one place slate allocates. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"

static void *libc_malloc(void *ctx, size_t n) {
    (void)ctx;
    return malloc(n);
}

static void *libc_realloc(void *ctx, void *p, size_t n) {
    (void)ctx;
    return realloc(p, n);
}

static void libc_free(void *ctx, void *p) {
    (void)ctx;
    free(p);
}

/* The allocator in use: process-wide configuration, set before any object
 * exists (see slate_set_allocator) and only read afterwards. */
static slate_allocator allocator = {libc_malloc, libc_realloc, libc_free, NULL};

slate_status slate__set_allocator(const slate_allocator *a) {
    static const slate_allocator libc = {libc_malloc, libc_realloc, libc_free, NULL};
    if (a == NULL) {
        allocator = libc;
        return SLATE_OK;
    }
    if (a->malloc == NULL || a->realloc == NULL || a->free == NULL) return SLATE_EMISUSE;
    allocator = *a;
    return SLATE_OK;
}

void *slate__malloc(size_t n) { return allocator.malloc(allocator.ctx, n ? n : 1); }

void *slate__calloc(size_t count, size_t size) {
    if (count == 0) count = 1;
    if (size == 0) size = 1;
    if (count > SIZE_MAX / size) return NULL;
    void *p = slate__malloc(count * size);
    if (p != NULL) memset(p, 0, count * size);
    return p;
}

void *slate__realloc(void *p, size_t n) { return allocator.realloc(allocator.ctx, p, n ? n : 1); }

void slate__free(void *p) { allocator.free(allocator.ctx, p); }

char *slate__strdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *copy = slate__malloc(n);
    if (copy != NULL) memcpy(copy, s, n);
    return copy;
}

size_t slate__count_le(const int64_t *a, size_t n, int64_t x) {
    /* Branch-free: the interval halves on a conditional move, which keeps
     * the pipeline full on the unpredictable comparisons of a lookup. */
    const int64_t *base = a;
    while (n > 1) {
        size_t half = n / 2;
        base = base[half - 1] <= x ? base + half : base;
        n -= half;
    }
    return (size_t)(base - a) + (n == 1 && *base <= x);
}
