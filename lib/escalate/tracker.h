/* The escalation state a clock carries for its ticket: each chain's cycle
 * and acknowledgement, each step's firings, and the firings so far. The
 * clock drives it; it knows nothing of the clock's insides. */
#ifndef SLATE_TRACKER_H
#define SLATE_TRACKER_H

#include "chains.h"

typedef struct esc_tracker esc_tracker;

/* The ticket as the chains read it between two events. */
typedef struct esc_ticket {
    const esc_view *views; /* per target of the clock */
    size_t target_count;
    const char *const *values; /* the ticket's fields by condition slot */
    const char *priority;
    const char *event; /* the event's kind while judging acknowledgements */
} esc_ticket;

/* NULL when out of memory; e may be NULL (no escalations). slots: the
 * number of condition slots of the SLA section. */
esc_tracker *slate__esc_tracker_new(const escalations *e, size_t slots);
void slate__esc_tracker_free(esc_tracker *tr);
void slate__esc_tracker_reset(esc_tracker *tr);

/* Phase 1 of an event at `until`, first part: fires, on the side, the
 * steps due in [from, until) on the ticket as it stood before the event. */
slate_status slate__esc_tracker_fire(esc_tracker *tr, const esc_ticket *before, slate_time from,
                                     slate_time until, slate_error *err);

/* Phase 1, second part: judges the acknowledgement conditions on the
 * ticket with the event, whose values hold the event's kind and the
 * priority in their slots too. On failure, what phase 1 did is forgotten. */
slate_status slate__esc_tracker_judge(esc_tracker *tr, const esc_ticket *with_event,
                                      slate_error *err);

/* 1 when the policy has escalations to follow. */
int slate__esc_tracker_active(const esc_tracker *tr);

/* Phase 2: keeps what prepare worked out; `after` gives the targets after
 * the event at `at` (a new cycle starts its chains over), and moved[k]
 * says whether target k changed course in it (slate__esc_view_moved; NULL:
 * all may have). Cannot fail. */
void slate__esc_tracker_commit(esc_tracker *tr, const esc_view *after, const unsigned char *moved,
                               slate_time at);

/* Forgets what prepare worked out. */
void slate__esc_tracker_discard(esc_tracker *tr);

/* The status at `now` (>= from, the last event) without changing anything. */
slate_status slate__esc_tracker_status(esc_tracker *tr, const esc_ticket *t, slate_time from,
                                       slate_time now, slate_escalation_status *out,
                                       slate_error *err);

/* The firings in [t1, t2). */
slate_status slate__esc_tracker_between(esc_tracker *tr, const esc_ticket *t, slate_time from,
                                        slate_time t1, slate_time t2, const slate_escalation **out,
                                        size_t *count, slate_error *err);

/* Carries chain and step progress from another tracker, by chain and step
 * id, and its firings. */
void slate__esc_tracker_adopt(esc_tracker *tr, esc_tracker *old);

#endif /* SLATE_TRACKER_H */
