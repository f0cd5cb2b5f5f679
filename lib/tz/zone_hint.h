/* What an unknown zone name most likely meant: an abbreviation's zones
 * ("IST"), or the zone file nearest in spelling or case
 * ("america/chicago", "US/Centrl"). Read only on the error path. */
#ifndef SLATE_TZ_ZONE_HINT_H
#define SLATE_TZ_ZONE_HINT_H

#include <stddef.h>

/* Writes into out (cap bytes) the advice for `name`, absent from the zone
 * directory dir: "; did you mean America/Chicago?", "; IST is an
 * abbreviation, not a zone: ...", or "" when nothing is near. */
void slate__zone_hint(const char *dir, const char *name, char *out, size_t cap);

#endif /* SLATE_TZ_ZONE_HINT_H */
