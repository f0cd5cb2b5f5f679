/* What other modules need of a clock: the escalation questions (lib/escalate)
 * and the contract reports (lib/contract). */
#ifndef SLATE_CLOCK_INTERNAL_H
#define SLATE_CLOCK_INTERNAL_H

#include "../escalate/tracker.h"

/* The clock's tracker and its ticket as it stands, between events: its
 * values by condition slot of the SLA section (valid until the clock's
 * next call). `last` is the last event's instant; `events` how many were
 * applied. */
void clock_ticket_view(slate_clock *c, esc_tracker **tr, esc_ticket *ticket, slate_time *last, size_t *events);

#endif /* SLATE_CLOCK_INTERNAL_H */
