/* The one place slate allocates. */
#include <stdlib.h>
#include <string.h>

#include "base.h"

void *slate__malloc(size_t n) { return malloc(n ? n : 1); }

void *slate__calloc(size_t count, size_t size) {
    return calloc(count ? count : 1, size ? size : 1);
}

void *slate__realloc(void *p, size_t n) { return realloc(p, n ? n : 1); }

void slate__free(void *p) { free(p); }

char *slate__strdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *copy = slate__malloc(n);
    if (copy != NULL) memcpy(copy, s, n);
    return copy;
}

size_t slate__count_le(const int64_t *a, size_t n, int64_t x) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
