/* Where an SLA counts for a ticket: the calendar a ticket field chooses,
 * in the zone a ticket field names. */
#include <stdio.h>
#include <string.h>

#include "../base/base.h"
#include "../calendar/instances.h"
#include "slas.h"

/* The calendar the SLA's choice gives for the ticket, its pointer, and
 * its zone rule: the SLA's, else the calendar's own. */
static const slate_calendar *chosen(const sla_def *def, const char *const *values,
                                    const char **cause, const zone_rule **rule) {
    *cause = def->calendar_pointer;
    *rule = def->zone.used ? &def->zone : &def->calendar_zone;
    const char *value = def->calendar_from_field ? values[def->calendar_slot] : NULL;
    for (size_t i = 0; value != NULL && i < def->choice_count; i++)
        if (strcmp(def->choices[i].value, value) == 0) {
            *cause = def->choices[i].pointer;
            if (!def->zone.used) *rule = &def->choices[i].zone;
            return def->choices[i].calendar;
        }
    return def->calendar;
}

/* The zone a rule gives for the ticket: NULL for the calendar's own. */
static slate_status zone_for(const slas *s, const sla_def *def, const zone_rule *rule,
                             const char *const *values, size_t event, const slate_zone **zone,
                             slate_error *err) {
    const char *name = rule->from_field ? values[rule->slot] : NULL;
    *zone = rule->zone;
    if (name == NULL || name[0] == '\0') return SLATE_OK; /* an empty field names no zone */
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
    const zone_rule *rule;
    const slate_calendar *c = chosen(def, values, cause, &rule);
    *zone_cause = *cause;
    *cal = c;
    if (!rule->used) return SLATE_OK;
    const slate_zone *zone;
    slate_status st = zone_for(s, def, rule, values, event, &zone, err);
    if (st != SLATE_OK || zone == NULL) return st;
    *zone_cause = rule->pointer;
    return slate__cal_in_zone(c, zone, cal, err);
}
