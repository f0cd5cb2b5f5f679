/* What the SVG views share: escaping text and showing local times. */
#ifndef SLATE_CLI_SVG_H
#define SLATE_CLI_SVG_H

#include <stdio.h>

#include "slate.h"

/* Writes s with XML's special characters escaped. */
void svg_text(FILE *out, const char *s);

/* t's local wall time in zone (UTC for NULL): "HH:MM", or with with_date
 * "DD Mon HH:MM"; text holds 16 bytes. */
void svg_clock(const slate_zone *zone, slate_time t, int with_date, char text[16]);

#endif /* SLATE_CLI_SVG_H */
