/* What lib/sla's own escalation queries (escalations.c) and the contract
 * reports above (lib/contract) need of a clock. */
#ifndef SLATE_CLOCK_INTERNAL_H
#define SLATE_CLOCK_INTERNAL_H

#include "../escalate/tracker.h"

/* The ticket as the events so far left it: its values by condition slot of
 * the SLA section (valid until the clock's next call). */
const char *const *slate__clock_values(const slate_clock *c);

/* The clock's tracker and its ticket as it stands, between events, for
 * the escalation queries. `last` is the last event's instant; `events` how
 * many were applied. */
void slate__clock_ticket_view(slate_clock *c, esc_tracker **tr, esc_ticket *ticket,
                              slate_time *last, size_t *events);

#endif /* SLATE_CLOCK_INTERNAL_H */
