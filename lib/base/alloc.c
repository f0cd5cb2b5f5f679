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
