/* The public questions on a clock's escalation chains: lib/sla asks
 * them of lib/escalate's tracker, which knows nothing of the clock. */
#include "../base/base.h"
#include "clock_internal.h"

SLATE_API slate_status slate_clock_escalations(slate_clock *c, slate_time now,
                                               slate_escalation_status *out, slate_error *err) {
    if (c == NULL || out == NULL) return slate__fail(err, SLATE_EMISUSE, "clock or out is NULL");
    slate_status st = slate__check_time(now, "now", err);
    if (st != SLATE_OK) return st;
    esc_tracker *tr;
    esc_ticket ticket;
    slate_time last;
    size_t events;
    slate__clock_ticket_view(c, &tr, &ticket, &last, &events);
    if (events > 0 && now < last)
        return slate__fail(err, SLATE_EINVAL, "now is before the last event");
    return slate__esc_tracker_status(tr, &ticket, events > 0 ? last : now, now, out, err);
}

SLATE_API slate_status slate_clock_escalations_between(slate_clock *c, slate_time t1, slate_time t2,
                                                       const slate_escalation **out, size_t *count,
                                                       slate_error *err) {
    if (c == NULL || out == NULL || count == NULL)
        return slate__fail(err, SLATE_EMISUSE, "clock or out is NULL");
    slate_status st = slate__check_time(t1, "the interval's start", err);
    if (st == SLATE_OK) st = slate__check_time(t2, "the interval's end", err);
    if (st != SLATE_OK) return st;
    if (t2 < t1) return slate__fail(err, SLATE_EINVAL, "the interval ends before it starts");
    esc_tracker *tr;
    esc_ticket ticket;
    slate_time last;
    size_t events;
    slate__clock_ticket_view(c, &tr, &ticket, &last, &events);
    return slate__esc_tracker_between(tr, &ticket, events > 0 ? last : t2, t1, t2, out, count, err);
}
