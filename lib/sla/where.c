/* Where an SLA counts for a ticket: the calendar a ticket field chooses,
 * in the zone a ticket field names. */
#include <stdio.h>
#include <string.h>

#include "../base/base.h"
#include "../calendar/instances.h"
#include "slas.h"

/* The calendar the SLA's choice gives for the ticket, and its pointer. */
static const slate_calendar *chosen(const sla_def *def, const char *const *values,
                                    const char **cause) {
    *cause = def->calendar_pointer;
    const char *value = def->calendar_from_field ? values[def->calendar_slot] : NULL;
    for (size_t i = 0; value != NULL && i < def->choice_count; i++)
        if (strcmp(def->choices[i].value, value) == 0) {
            *cause = def->choices[i].pointer;
            return def->choices[i].calendar;
        }
    return def->calendar;
}

/* The zone the SLA's rule gives for the ticket: NULL for the calendar's own. */
static slate_status zone_for(const slas *s, const sla_def *def, const char *const *values,
                             size_t event, const slate_zone **zone, slate_error *err) {
    const zone_rule *rule = &def->zone;
    const char *name = rule->from_field ? values[rule->slot] : NULL;
    *zone = rule->zone;
    if (name == NULL) return SLATE_OK;
    const slate_zone *found;
    slate_error why;
    slate_status st = slate_tzdb_zone(s->db, name, &found, &why);
    if (st == SLATE_OK) {
        *zone = found;
        return SLATE_OK;
    }
    if (rule->unknown_uses_default && st != SLATE_ENOMEM && rule->zone != NULL) return SLATE_OK;
    return slate__fail(err, st, "event %zu: SLA %s: field \"%s\" names the time zone \"%.60s\": %s",
                       event, def->id, rule->field, name, why.message);
}

slate_status slate__sla_where(const slas *s, const sla_def *def, const char *const *values,
                              size_t event, const slate_calendar **cal, const char **cause,
                              const char **zone_cause, slate_error *err) {
    const slate_calendar *c = chosen(def, values, cause);
    *zone_cause = *cause;
    *cal = c;
    if (!def->zone.used) return SLATE_OK;
    const slate_zone *zone;
    slate_status st = zone_for(s, def, values, event, &zone, err);
    if (st != SLATE_OK || zone == NULL) return st;
    *zone_cause = def->zone.pointer;
    return slate__cal_in_zone(c, zone, cal, err);
}
