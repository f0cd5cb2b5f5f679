/* slate_set_allocator: slate's own allocations, and cJSON's, whose hooks
 * are process-wide (PCRE2 takes slate's per context: lib/condition). */
#include <cjson/cJSON.h>

#include "../base/base.h"

static void *cjson_malloc(size_t n) { return slate__malloc(n); }

static void cjson_free(void *p) { slate__free(p); }

/* Whether cJSON's hooks are ours, so that restoring the C library's does
 * not undo hooks an application set for itself. */
static int cjson_hooked;

SLATE_API slate_status slate_set_allocator(const slate_allocator *a) {
    slate_status st = slate__set_allocator(a);
    if (st != SLATE_OK) return st;
    if (a != NULL) {
        cJSON_Hooks hooks = {cjson_malloc, cjson_free};
        cJSON_InitHooks(&hooks);
        cjson_hooked = 1;
    } else if (cjson_hooked) {
        cJSON_InitHooks(NULL);
        cjson_hooked = 0;
    }
    return SLATE_OK;
}
