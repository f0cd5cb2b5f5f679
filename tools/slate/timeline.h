/* Ticket timelines: one ticket's SLA targets on a time axis, as a
 * standalone SVG (slate evaluate --timeline). */
#ifndef SLATE_CLI_TIMELINE_H
#define SLATE_CLI_TIMELINE_H

#include <stdio.h>

#include "slate.h"

/* What a timeline shows: a replayed ticket at an instant. */
typedef struct timeline_input {
    const char *ticket;        /* its id */
    const slate_event *events; /* the events replayed, in time order */
    size_t event_count;
    const slate_sla_result *results; /* slate_clock_results() at now */
    size_t result_count;
    const slate_escalation_status *escalations; /* slate_clock_escalations() at now */
    slate_time now;
    const slate_policy *policy; /* for the calendars the targets count on */
    const slate_zone *zone;     /* the zone times are shown in; NULL: UTC */
} timeline_input;

/* Writes the SVG: an events lane (each event with its kind and the
 * priority or status it sets), one lane per target (running business time
 * green, running while its calendar is closed grey, paused amber; each
 * transition marked and labelled with its cause and event; the due
 * instant dashed, the breach instant red), and an escalations lane (each
 * firing with its step and the person on call). SLATE_OK or the first
 * error of a calendar query. */
slate_status timeline_svg(FILE *out, const timeline_input *in);

#endif /* SLATE_CLI_TIMELINE_H */
