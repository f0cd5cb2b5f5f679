/* Calendars instantiated in other zones, cached with the calendar they
 * come from. The list only grows, by compare-and-swap on its head, so
 * readers walk it without a lock. */
#include <string.h>

#include "../base/base.h"
#include "build.h"
#include "instances.h"

/* The instance of c for zone in the list from `head`, or NULL; *count
 * receives the list's length up to it. */
static slate_calendar *find(slate_calendar *head, const slate_zone *zone, size_t *count) {
    *count = 0;
    for (slate_calendar *i = head; i != NULL; i = i->next_instance, ++*count)
        if (i->zone == zone) return i;
    return NULL;
}

/* A new instance of c in zone: a leaf's definition in a new core of its
 * own; a composition's core itself, whose windows do not depend on the
 * zone. Both borrow c's name, pointer and rules. */
static slate_status make(const slate_calendar *c, const slate_zone *zone, slate_calendar **out,
                         slate_error *err) {
    slate_calendar *n = slate__malloc(sizeof *n);
    if (n == NULL) return slate__fail(err, SLATE_ENOMEM, "out of memory");
    memcpy(n, c, sizeof *n);
    atomic_init(&n->instances, NULL);
    for (int b = 0; b < BLOCK_COUNT; b++)
        atomic_init(&n->bd_blocks[b], NULL); /* its business days follow its own zone */
    n->next_instance = NULL;
    n->zone = zone;
    n->borrowed = 1;
    n->core = c->core->def->kind == CAL_LEAF ? slate__core_in_zone(c->core, zone)
                                             : slate__core_retain(c->core);
    if (n->core == NULL) {
        slate__free(n);
        return slate__fail(err, SLATE_ENOMEM, "out of memory");
    }
    *out = n;
    return SLATE_OK;
}

slate_status slate__cal_in_zone(const slate_calendar *c, const slate_zone *zone,
                                const slate_calendar **out, slate_error *err) {
    if (zone == c->zone) {
        *out = c;
        return SLATE_OK;
    }
    /* The cache is not part of the calendar's value: it may grow under const. */
    slate_calendar *origin = (slate_calendar *)c;
    size_t count;
    slate_calendar *head = atomic_load_explicit(&origin->instances, memory_order_acquire);
    slate_calendar *found = find(head, zone, &count);
    if (found != NULL) {
        *out = found;
        return SLATE_OK;
    }
    if (count >= CAL_MAX_INSTANCES)
        return slate__fail(err, SLATE_ELIMIT, "calendar %s is used in more than %d time zones",
                           c->name, CAL_MAX_INSTANCES);
    slate_calendar *n = NULL;
    slate_status st = make(c, zone, &n, err);
    if (st != SLATE_OK) return st;
    for (;;) {
        n->next_instance = head;
        if (atomic_compare_exchange_weak_explicit(&origin->instances, &head, n,
                                                  memory_order_acq_rel, memory_order_acquire)) {
            *out = n;
            return SLATE_OK;
        }
        /* Another thread added to the list: it may have made this zone. */
        if ((found = find(head, zone, &count)) != NULL) {
            n->next_instance = NULL;
            slate__cal_destroy(n);
            *out = found;
            return SLATE_OK;
        }
    }
}
