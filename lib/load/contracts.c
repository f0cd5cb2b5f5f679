/* Loading the "contracts" section: AMC contracts over SLAs, their fee,
 * availability commitment and service credit clauses. */
#include <string.h>

#include "../calendar/build.h"
#include "load.h"

#define MAX_CONTRACTS 1000
#define MAX_MONEY 1000000000000000LL /* hundredths: ten trillion units */

/* A number member as hundredths: required here. */
static slate_status member_hundredths(loader *ld, const cJSON *node, const char *pointer,
                                      const char *key, int64_t max, int64_t *out) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, key);
    char ptr[SLATE_JSON_POINTER_MAX];
    if (v == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE, "\"%s\" is required here", key);
    slate__json_pointer_key(ptr, pointer, key);
    return slate__load_expect_hundredths(ld, v, ptr, max, out);
}

static const cJSON *member(const cJSON *node, const char *key) {
    return cJSON_GetObjectItemCaseSensitive(node, key);
}

/* "per_breach": an amount, or [first, second, ...] for repeated misses in
 * a month (the last amount repeats). */
static slate_status load_per_breach(loader *ld, const cJSON *node, const char *pointer,
                                    credit_clause *cl) {
    const cJSON *v = member(node, "per_breach");
    char ptr[SLATE_JSON_POINTER_MAX], item[SLATE_JSON_POINTER_MAX];
    slate__json_pointer_key(ptr, pointer, "per_breach");
    if (!cJSON_IsArray(v)) {
        cl->amount_count = 1;
        return slate__load_expect_hundredths(ld, v, ptr, MAX_MONEY, &cl->amounts[0]);
    }
    int n = cJSON_GetArraySize(v);
    if (n < 1 || n > MAX_CREDIT_STEPS)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                "per_breach lists 1 to %d amounts (first miss, second, ...)",
                                MAX_CREDIT_STEPS);
    slate_status st = SLATE_OK;
    for (const cJSON *a = v->child; a != NULL && st == SLATE_OK; a = a->next) {
        slate__json_pointer_index(item, ptr, cl->amount_count);
        st =
            slate__load_expect_hundredths(ld, a, item, MAX_MONEY, &cl->amounts[cl->amount_count++]);
    }
    return st;
}

/* The kind of a clause from the keys it has, and its figures. */
static slate_status clause_kind(loader *ld, const cJSON *node, const char *pointer,
                                credit_clause *cl) {
    static const char *const kinds[] = {"per_breach", "per_hour_late", "percent_of_fee_per_breach",
                                        "attainment_below", "availability_below"};
    int found = -1;
    for (int i = 0; i < 5; i++)
        if (member(node, kinds[i]) != NULL) {
            if (found >= 0)
                return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                        "a credit has one of per_breach, per_hour_late, "
                                        "percent_of_fee_per_breach, attainment_below or "
                                        "availability_below; this one has %s and %s",
                                        kinds[found], kinds[i]);
            found = i;
        }
    if (found < 0)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "a credit has one of per_breach, per_hour_late, "
                                "percent_of_fee_per_breach, attainment_below or "
                                "availability_below");
    cl->kind = (credit_kind)found;
    int per_period = cl->kind == CREDIT_ATTAINMENT || cl->kind == CREDIT_AVAILABILITY;
    if (per_period != (member(node, "percent_of_fee") != NULL))
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                per_period ? "%s needs percent_of_fee"
                                           : "percent_of_fee goes with attainment_below or "
                                             "availability_below%s",
                                per_period ? kinds[found] : "");
    if (cl->kind == CREDIT_AVAILABILITY &&
        (member(node, "target") != NULL || member(node, "priorities") != NULL))
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "an availability credit has no target or priorities");
    slate_status st = SLATE_OK;
    switch (cl->kind) {
    case CREDIT_PER_BREACH: return load_per_breach(ld, node, pointer, cl);
    case CREDIT_PER_HOUR:
        return member_hundredths(ld, node, pointer, "per_hour_late", MAX_MONEY, &cl->amount);
    case CREDIT_FEE_PER_BREACH:
        return member_hundredths(ld, node, pointer, "percent_of_fee_per_breach", 10000,
                                 &cl->fee_share);
    default:
        st = member_hundredths(ld, node, pointer, kinds[found], 10000, &cl->below);
        if (st == SLATE_OK)
            st = member_hundredths(ld, node, pointer, "percent_of_fee", 10000, &cl->fee_share);
        return st;
    }
}

static slate_status load_clause(loader *ld, const cJSON *node, const char *pointer,
                                const slate_policy *p, const contract *k, credit_clause *cl) {
    static const char *const keys[] = {"id",
                                       "target",
                                       "priorities",
                                       "per_breach",
                                       "per_hour_late",
                                       "percent_of_fee_per_breach",
                                       "attainment_below",
                                       "availability_below",
                                       "percent_of_fee",
                                       "description",
                                       NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    if (st == SLATE_OK && (cl->pointer = slate__strdup(pointer)) == NULL)
        st = slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    if (st == SLATE_OK) st = slate__load_copy_text(ld, node, pointer, "id", 1, &cl->id);
    if (st == SLATE_OK) st = clause_kind(ld, node, pointer, cl);
    if (st == SLATE_OK) st = slate__load_copy_text(ld, node, pointer, "target", 0, &cl->target);
    if (st != SLATE_OK) return st;
    slate__json_pointer_key(ptr, pointer, "id");
    for (const credit_clause *other = k->credits; other != cl; other++)
        if (strcmp(other->id, cl->id) == 0)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                    "credit \"%.40s\" is defined twice", cl->id);
    if (cl->target != NULL) {
        size_t t = 0;
        while (t < k->sla->target_count && strcmp(k->sla->targets[t].name, cl->target) != 0)
            t++;
        slate__json_pointer_key(ptr, pointer, "target");
        if (t == k->sla->target_count)
            return slate__load_unknown_target(ld, ptr, k->sla, cl->target);
    }
    const cJSON *levels_node = member(node, "priorities");
    if (levels_node == NULL) return SLATE_OK;
    slate__json_pointer_key(ptr, pointer, "priorities");
    if ((st = slate__load_names(ld, levels_node, ptr, 64, &cl->priorities, &cl->priority_count)) !=
        SLATE_OK)
        return st;
    size_t levels = slate_policy_priority_count(p);
    for (size_t i = 0; levels > 0 && i < cl->priority_count; i++) {
        size_t j = 0;
        while (j < levels && strcmp(slate_policy_priority_name(p, j), cl->priorities[i]) != 0)
            j++;
        char item[SLATE_JSON_POINTER_MAX];
        slate__json_pointer_index(item, ptr, i);
        if (j == levels) {
            slate__suggestion near;
            char hint[96];
            slate__load_near_priority(p, cl->priorities[i], &near);
            return slate__json_fail(&ld->src, item, 0, SLATE_EPARSE, "unknown priority \"%.40s\"%s",
                                    cl->priorities[i], slate__load_hint(&near, hint, sizeof hint));
        }
    }
    return SLATE_OK;
}

/* "maintenance": a calendar of notified maintenance windows: availability
 * is measured on the availability calendar without them (a minus the
 * contract owns), so that they are neither committed time nor downtime. */
static slate_status load_maintenance(loader *ld, const cJSON *node, const char *pointer,
                                     slate_policy *p, contract *k) {
    slate_status st = slate__load_expect_string(ld, node, pointer);
    if (st != SLATE_OK) return st;
    const slate_calendar *windows = slate_policy_calendar(p, node->valuestring);
    if (windows == NULL) return slate__load_unknown_calendar(ld, p, pointer, node->valuestring);
    const slate_calendar *parts[2] = {k->availability_calendar, windows};
    slate_calendar *c = k->availability_own =
        slate__cal_create(slate_calendar_name(k->availability_calendar), pointer);
    if (c == NULL || !slate__cal_set_composed(c, CAL_MINUS, parts, 2))
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    slate__cal_set_zone(c, slate_calendar_zone(k->availability_calendar));
    if ((st = slate__cal_finish(c, NULL, ld->src.err)) != SLATE_OK) return st;
    k->availability_calendar = c;
    return SLATE_OK;
}

/* "availability": {"percent": 99.5, "calendar": NAME, "down_when": condition}. */
static slate_status load_availability(loader *ld, const cJSON *node, const char *pointer,
                                      slate_policy *p, contract *k) {
    static const char *const keys[] = {"percent", "calendar", "down_when", "maintenance", NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    if (st == SLATE_OK)
        st = member_hundredths(ld, node, pointer, "percent", 10000, &k->availability);
    if (st != SLATE_OK) return st;
    const cJSON *calendar = member(node, "calendar"), *down = member(node, "down_when");
    if (calendar == NULL || down == NULL)
        return slate__json_fail(
            &ld->src, pointer, 0, SLATE_EPARSE,
            "availability needs a \"calendar\" to measure on and a \"down_when\" condition");
    slate__json_pointer_key(ptr, pointer, "calendar");
    if ((st = slate__load_expect_string(ld, calendar, ptr)) != SLATE_OK) return st;
    k->availability_calendar = slate_policy_calendar(p, calendar->valuestring);
    if (k->availability_calendar == NULL &&
        strcmp(calendar->valuestring, slate_calendar_name(k->sla->calendar)) == 0)
        k->availability_calendar = k->sla->calendar; /* the SLA's own "24x7" */
    if (k->availability_calendar == NULL)
        return slate__load_unknown_calendar(ld, p, ptr, calendar->valuestring);
    const cJSON *maintenance = member(node, "maintenance");
    slate__json_pointer_key(ptr, pointer, "maintenance");
    if (maintenance != NULL && (st = load_maintenance(ld, maintenance, ptr, p, k)) != SLATE_OK)
        return st;
    slate__json_pointer_key(ptr, pointer, "down_when");
    k->has_availability = k->has_down = 1;
    return slate__load_condition(ld, down, ptr, 1, &ld->slas->fields, &k->down_when);
}

/* "sla": the SLA whose targets the contract enforces. */
static slate_status find_sla(loader *ld, const cJSON *node, const char *pointer, contract *k) {
    const cJSON *sla = member(node, "sla");
    const slas *s = ld->slas;
    char ptr[SLATE_JSON_POINTER_MAX];
    if (sla == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "a contract needs the \"sla\" it enforces");
    slate__json_pointer_key(ptr, pointer, "sla");
    slate_status st = slate__load_expect_string(ld, sla, ptr);
    if (st != SLATE_OK) return st;
    size_t first = 0;
    for (size_t d = 0; s != NULL && d < s->count; first += s->defs[d].target_count, d++)
        if (strcmp(s->defs[d].id, sla->valuestring) == 0) {
            k->sla = &s->defs[d];
            k->first_target = first;
            return SLATE_OK;
        }
    return slate__load_unknown_sla(ld, ptr, s, sla->valuestring);
}

/* "timezone" for the months, else the default of the SLA's zone rule, else
 * the coverage calendar's zone. */
static slate_status load_zone(loader *ld, const cJSON *node, const char *pointer, contract *k) {
    const cJSON *tz = member(node, "timezone");
    char ptr[SLATE_JSON_POINTER_MAX];
    k->zone = k->sla->zone.zone != NULL ? k->sla->zone.zone : slate_calendar_zone(k->sla->calendar);
    if (tz == NULL) return SLATE_OK;
    slate__json_pointer_key(ptr, pointer, "timezone");
    return slate__load_zone(ld, tz, ptr, &k->zone);
}

/* "cycles": "every" (the default: each cycle of a target counts) or "last". */
static slate_status load_cycles(loader *ld, const cJSON *node, const char *pointer, contract *k) {
    const cJSON *cycles = member(node, "cycles");
    char ptr[SLATE_JSON_POINTER_MAX];
    if (cycles == NULL) return SLATE_OK;
    static const char *const words[] = {"every", "last", NULL};
    slate__json_pointer_key(ptr, pointer, "cycles");
    return slate__load_word(ld, cycles, ptr, words, &k->last_cycle_only);
}

/* "fee": {"monthly" | "quarterly" | "yearly": amount, "currency": code};
 * kept as a month's fee (a quarter's third, a year's twelfth, rounded half
 * up to the hundredth). */
static slate_status load_fee(loader *ld, const cJSON *node, const char *pointer, contract *k) {
    static const char *const keys[] = {"monthly", "quarterly", "yearly", "currency", NULL};
    static const int months[] = {1, 3, 12};
    const cJSON *fee = member(node, "fee");
    char ptr[SLATE_JSON_POINTER_MAX];
    if (fee == NULL)
        return slate__json_fail(
            &ld->src, pointer, 0, SLATE_EPARSE,
            "a contract needs a \"fee\": {\"monthly\": amount, \"currency\": code}");
    slate__json_pointer_key(ptr, pointer, "fee");
    slate_status st = slate__load_expect_object(ld, fee, ptr);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, fee, ptr, keys);
    int found = -1;
    for (int i = 0; st == SLATE_OK && i < 3; i++)
        if (member(fee, keys[i]) != NULL) {
            if (found >= 0)
                return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                        "a fee is monthly, quarterly or yearly, not %s and %s",
                                        keys[found], keys[i]);
            found = i;
        }
    if (st == SLATE_OK && found < 0)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                "a fee needs \"monthly\", \"quarterly\" or \"yearly\"");
    if (st == SLATE_OK) st = member_hundredths(ld, fee, ptr, keys[found], MAX_MONEY, &k->fee);
    if (st == SLATE_OK) k->fee = slate__share(k->fee, 1, months[found]);
    if (st == SLATE_OK) st = slate__load_copy_text(ld, fee, ptr, "currency", 0, &k->currency);
    return st;
}

/* One day of the term, YYYY-MM-DD, as local midnight in the contract's
 * zone (of the day after, for `after`). */
static slate_status term_day(loader *ld, const cJSON *node, const char *pointer, const char *key,
                             const contract *k, int after, slate_time *out) {
    const cJSON *v = member(node, key);
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_civil c;
    slate__json_pointer_key(ptr, pointer, key);
    if (v == NULL)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "a term needs \"from\" and \"to\" dates (YYYY-MM-DD, inclusive)");
    slate_status st = slate__load_expect_string(ld, v, ptr);
    if (st != SLATE_OK) return st;
    if (strlen(v->valuestring) != 10 || slate_civil_parse(v->valuestring, &c, NULL) != SLATE_OK)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                "expected a date YYYY-MM-DD, found \"%.40s\"", v->valuestring);
    int64_t day = slate_days_from_civil(c.year, c.month, c.day) + after;
    slate_civil_from_days(day, &c.year, &c.month, &c.day);
    if (k->zone == NULL) {
        *out = day * 86400;
        return slate__check_time(*out, ptr, ld->src.err) == SLATE_OK
                   ? SLATE_OK
                   : slate__json_fail(&ld->src, ptr, 0, SLATE_ERANGE, "the date is out of range");
    }
    if (slate_zone_from_civil(k->zone, &c, SLATE_DISAMBIGUATE_COMPATIBLE, out, NULL) != SLATE_OK)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_ERANGE, "the date is out of range");
    return SLATE_OK;
}

/* "term": {"from": "2026-04-01", "to": "2027-03-31"}: the days it runs,
 * both included, in the contract's zone. */
static slate_status load_term(loader *ld, const cJSON *node, const char *pointer, contract *k) {
    static const char *const keys[] = {"from", "to", NULL};
    const cJSON *term = member(node, "term");
    char ptr[SLATE_JSON_POINTER_MAX];
    if (term == NULL) return SLATE_OK;
    slate__json_pointer_key(ptr, pointer, "term");
    slate_status st = slate__load_expect_object(ld, term, ptr);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, term, ptr, keys);
    if (st == SLATE_OK) st = term_day(ld, term, ptr, "from", k, 0, &k->term_start);
    if (st == SLATE_OK) st = term_day(ld, term, ptr, "to", k, 1, &k->term_end);
    if (st == SLATE_OK && k->term_end <= k->term_start)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "the term ends before it starts");
    k->has_term = 1;
    return st;
}

/* "scope": the condition a ticket's fields meet to be covered. */
static slate_status load_scope(loader *ld, const cJSON *node, const char *pointer, contract *k) {
    const cJSON *scope = member(node, "scope");
    char ptr[SLATE_JSON_POINTER_MAX];
    if (scope == NULL) return SLATE_OK;
    slate__json_pointer_key(ptr, pointer, "scope");
    k->has_scope = 1;
    return slate__load_condition(ld, scope, ptr, 1, &ld->slas->fields, &k->scope);
}

static slate_status load_credits(loader *ld, const cJSON *node, const char *pointer,
                                 const slate_policy *p, contract *k) {
    const cJSON *credits = member(node, "credits");
    char ptr[SLATE_JSON_POINTER_MAX], item_ptr[SLATE_JSON_POINTER_MAX];
    if (credits == NULL) return SLATE_OK;
    slate__json_pointer_key(ptr, pointer, "credits");
    slate_status st = slate__load_expect_array(ld, credits, ptr);
    if (st != SLATE_OK) return st;
    size_t n = (size_t)cJSON_GetArraySize(credits);
    if (n > MAX_CREDIT_CLAUSES)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_ELIMIT, "more than %d credit clauses",
                                MAX_CREDIT_CLAUSES);
    for (const cJSON *item = credits->child; item != NULL; item = item->next) {
        slate__json_pointer_index(item_ptr, ptr, k->credit_count);
        credit_clause *cl = slate__contract_add_clause(k);
        if (cl == NULL) return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        if ((st = load_clause(ld, item, item_ptr, p, k, cl)) != SLATE_OK) return st;
    }
    return SLATE_OK;
}

static slate_status load_contract(loader *ld, const cJSON *node, const char *pointer,
                                  slate_policy *p, contracts *all, contract *k) {
    static const char *const keys[] = {"id",     "customer",     "sla",     "timezone",
                                       "fee",    "availability", "credits", "cap_percent",
                                       "cycles", "term",         "scope",   "description",
                                       NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    if (st == SLATE_OK) st = slate__load_copy_text(ld, node, pointer, "id", 1, &k->id);
    if (st != SLATE_OK) return st;
    slate__json_pointer_key(ptr, pointer, "id");
    for (const contract *other = all->items; other != k; other++)
        if (strcmp(other->id, k->id) == 0)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                    "contract \"%.40s\" is defined twice", k->id);
    if ((st = slate__load_copy_text(ld, node, pointer, "customer", 0, &k->customer)) != SLATE_OK)
        return st;
    if ((st = find_sla(ld, node, pointer, k)) != SLATE_OK) return st;
    if ((st = load_zone(ld, node, pointer, k)) != SLATE_OK) return st;
    if ((st = load_fee(ld, node, pointer, k)) != SLATE_OK) return st;
    const cJSON *availability = member(node, "availability");
    slate__json_pointer_key(ptr, pointer, "availability");
    if (availability != NULL && (st = load_availability(ld, availability, ptr, p, k)) != SLATE_OK)
        return st;
    if ((st = load_credits(ld, node, pointer, p, k)) != SLATE_OK) return st;
    for (size_t i = 0; i < k->credit_count; i++)
        if (k->credits[i].kind == CREDIT_AVAILABILITY && !k->has_availability)
            return slate__json_fail(&ld->src, k->credits[i].pointer, 0, SLATE_EPARSE,
                                    "an availability credit needs the contract's \"availability\"");
    if ((st = load_cycles(ld, node, pointer, k)) != SLATE_OK) return st;
    if ((st = load_term(ld, node, pointer, k)) != SLATE_OK) return st;
    if ((st = load_scope(ld, node, pointer, k)) != SLATE_OK) return st;
    const cJSON *cap = member(node, "cap_percent");
    if (cap == NULL) return SLATE_OK;
    slate__json_pointer_key(ptr, pointer, "cap_percent");
    k->has_cap = 1;
    return slate__load_expect_hundredths(ld, cap, ptr, 10000, &k->cap);
}

slate_status slate__load_contracts(loader *ld, const cJSON *node, const char *pointer,
                                   slate_policy *p) {
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_array(ld, node, pointer);
    if (st != SLATE_OK) return st;
    size_t n = (size_t)cJSON_GetArraySize(node);
    if (n > MAX_CONTRACTS)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_ELIMIT, "more than %d contracts",
                                MAX_CONTRACTS);
    if (ld->slas == NULL)
        return slate__json_fail(&ld->src, pointer, 1, SLATE_EPARSE,
                                "contracts enforce SLAs: the policy has no \"slas\"");
    contracts *all = slate__contracts_new(p);
    if (all == NULL) return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    for (const cJSON *item = node->child; item != NULL; item = item->next) {
        slate__json_pointer_index(ptr, pointer, all->count);
        contract *k = slate__contracts_add(all);
        if (k == NULL) return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        if ((st = load_contract(ld, item, ptr, p, all, k)) != SLATE_OK) return st;
    }
    return SLATE_OK;
}
