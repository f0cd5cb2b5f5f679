/* Coverage charts: a week of calendars drawn as a standalone SVG. */
#ifndef SLATE_CLI_CHART_H
#define SLATE_CLI_CHART_H

#include <stdio.h>

#include "slate.h"

/* Parses an ISO 8601 week, "2026-W11", into the day number of its Monday;
 * 0 when the text is not one. */
int chart_parse_week(const char *text, int64_t *monday);

/* Writes the SVG of the week starting on local date monday: one band per
 * calendar (days as rows, hours as columns, each day drawn with its real
 * length), open stretches filled, closures and per-date hours marked with
 * their names, and with two or more calendars a coverage band whose gaps
 * (nobody open) are highlighted. Each band is drawn in zone, or in its
 * calendar's own zone (UTC without one) when zone is NULL; the coverage
 * band in zone or the first calendar's. SLATE_OK or the first error. */
slate_status chart_week_svg(FILE *out, const slate_calendar *const *calendars, size_t count,
                            const slate_zone *zone, int64_t monday, const char *title);

#endif /* SLATE_CLI_CHART_H */
