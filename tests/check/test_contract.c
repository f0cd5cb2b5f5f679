/* AMC contract reports: the example contract (examples/policies/amc-vendor.json)
 * and its sample tickets (examples/tickets/amc-sample.jsonl), every figure
 * worked out by hand in the comments; clipped months, atomic adds and
 * load errors. The service window is Monday to Saturday 09:00-18:00 IST;
 * the floor runs 24 hours Monday to Saturday. */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

static slate_policy *policy;

static void path_of(char *buf, size_t cap, const char *relative) {
    const char *root = getenv("SLATE_SOURCE_DIR");
    snprintf(buf, cap, "%s/%s", root != NULL ? root : ".", relative);
}

static void setup(void) {
    char path[1024];
    slate_error err;
    path_of(path, sizeof path, "examples/policies/amc-vendor.json");
    ck_assert_msg(slate_policy_from_file(NULL, path, &policy, &err) == SLATE_OK, "%s", err.message);
}

static void teardown(void) { slate_policy_free(policy); }

/* A report over [from, to) of every sample ticket. */
static slate_report *report_of(const char *from, const char *to) {
    slate_report *r;
    slate_error err;
    ck_assert_msg(slate_report_new(policy, NULL, T(from), T(to), &r, &err) == SLATE_OK, "%s",
                  err.message);
    char path[1024], line[4096];
    path_of(path, sizeof path, "examples/tickets/amc-sample.jsonl");
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    while (fgets(line, sizeof line, f) != NULL) {
        slate_history *h;
        ck_assert_msg(slate_history_from_json(line, strlen(line), &h, &err) == SLATE_OK, "%s",
                      err.message);
        size_t n;
        const slate_event *events = slate_history_events(h, &n);
        ck_assert_msg(slate_report_add(r, slate_history_id(h), events, n, &err) == SLATE_OK, "%s",
                      err.message);
        slate_history_free(h);
    }
    fclose(f);
    return r;
}

static const slate_report_row *row(const slate_report_period *p, const char *target,
                                   const char *priority) {
    for (size_t i = 0; i < p->row_count; i++)
        if (strcmp(p->rows[i].target, target) == 0 && strcmp(p->rows[i].priority, priority) == 0)
            return &p->rows[i];
    ck_abort_msg("no row %s %s", target, priority);
    return NULL;
}

static void expect_row(const slate_report_period *p, const char *target, const char *priority,
                       size_t met, size_t breached, size_t open, slate_duration median,
                       slate_duration p90) {
    const slate_report_row *r = row(p, target, priority);
    ck_assert_msg(r->met == met && r->breached == breached && r->open == open &&
                      r->median == median && r->p90 == p90,
                  "%s %s: met %zu breached %zu open %zu median %lld p90 %lld", target, priority,
                  r->met, r->breached, r->open, (long long)r->median, (long long)r->p90);
}

START_TEST(march_report) {
    slate_report *r = report_of("2026-03-01T00:00:00+05:30", "2026-04-01T00:00:00+05:30");
    const slate_report_result *res;
    slate_error err;
    ck_assert_int_eq(slate_report_result_get(r, &res, &err), SLATE_OK);
    ck_assert_str_eq(res->contract, "pune-floor-amc-2026");
    ck_assert_str_eq(res->coverage, "service-window");
    ck_assert_str_eq(res->currency, "INR");
    ck_assert_uint_eq(res->tickets, 8);
    ck_assert_uint_eq(res->period_count, 1);
    const slate_report_period *p = &res->periods[0];
    ck_assert_int_eq(p->fee, 18000000);
    /* Response: AMC-101 and AMC-104 on site after 1 h 30 of service time;
     * AMC-102 due Wednesday 11:00 (Tue 16-18, Wed 9-11), on site 12:00, so
     * breached after 5 h; AMC-105 1 h; AMC-103 3 h; AMC-107 due Tuesday
     * 10:00, nobody came; AMC-106 5 h. AMC-108 was decided in February. */
    expect_row(p, "response", "P1", 2, 0, 0, 5400, 5400);
    expect_row(p, "response", "P2", 1, 1, 0, 3600, 18000);
    expect_row(p, "response", "P3", 1, 1, 0, 10800, 10800);
    expect_row(p, "response", "P4", 1, 0, 0, 18000, 18000);
    /* Resolution: AMC-101 7 h 15; AMC-104 due Monday 16:00 (8 h from
     * Saturday 17:00), resolved 18:30 after 10 h; AMC-102 10 h of the 11 h
     * to Wednesday's close; AMC-105 12 h (1 h, paused a day, 8 h, 3 h);
     * AMC-103 5 h; AMC-107 still open; AMC-106 8 h. */
    expect_row(p, "resolution", "P1", 1, 1, 0, 26100, 36000);
    expect_row(p, "resolution", "P2", 2, 0, 0, 36000, 43200);
    expect_row(p, "resolution", "P3", 1, 0, 1, 18000, 18000);
    expect_row(p, "resolution", "P4", 1, 0, 0, 28800, 28800);
    ck_assert_uint_eq(p->row_count, 8);
    /* 26 floor days of 24 h less the 4-hour maintenance window of the 28th;
     * the floor was down 10:00-17:00 on 9 March. */
    ck_assert_int_eq(p->committed, 26 * 86400 - 4 * 3600);
    ck_assert_int_eq(p->downtime, 7 * 3600);
    ck_assert_double_eq_tol(p->availability, 100.0 * (620 - 7) / 620, 1e-9);
    ck_assert_int_eq(p->availability_met, 0);
    /* Credits: two late arrivals at 1,000, two started hours late on a P1
     * fix at 750, and 98.87% is below 99%: 10% of the fee (the deeper of
     * the two availability clauses). 21,500 due, capped at 10%: 18,000. */
    ck_assert_uint_eq(p->credit_count, 4);
    ck_assert_str_eq(p->credits[0].clause, "late-onsite");
    ck_assert_str_eq(p->credits[0].ticket, "AMC-102");
    ck_assert_int_eq(p->credits[0].at, T("2026-03-11T11:00:00+05:30"));
    ck_assert_str_eq(p->credits[1].clause, "late-fix");
    ck_assert_int_eq(p->credits[1].late, 7200);
    ck_assert_int_eq(p->credits[1].units, 2);
    ck_assert_int_eq(p->credits[1].amount, 150000);
    ck_assert_str_eq(p->credits[1].pointer, "/contracts/0/credits/2");
    ck_assert_str_eq(p->credits[2].ticket, "AMC-107");
    ck_assert_str_eq(p->credits[3].clause, "availability-99");
    ck_assert_ptr_null(p->credits[3].ticket);
    ck_assert_int_eq(p->credits[3].amount, 1800000);
    ck_assert_int_eq(p->credits_due, 2150000);
    ck_assert_int_eq(p->cap, 1800000);
    ck_assert_int_eq(p->credits_owed, 1800000);
    ck_assert_int_eq(res->credits_owed, 1800000);
    slate_report_free(r);
}
END_TEST

START_TEST(clipped_months) {
    /* From mid-February: February is half there (14 of 28 days), with
     * AMC-108 met on time and no downtime; 12 floor days less the
     * maintenance window of the 28th are committed. */
    slate_report *r = report_of("2026-02-15T00:00:00+05:30", "2026-04-01T00:00:00+05:30");
    const slate_report_result *res;
    slate_error err;
    ck_assert_int_eq(slate_report_result_get(r, &res, &err), SLATE_OK);
    ck_assert_uint_eq(res->period_count, 2);
    const slate_report_period *feb = &res->periods[0];
    ck_assert_int_eq(feb->start, T("2026-02-15T00:00:00+05:30"));
    ck_assert_int_eq(feb->end, T("2026-03-01T00:00:00+05:30"));
    ck_assert_int_eq(feb->fee, 9000000);
    expect_row(feb, "response", "P3", 1, 0, 0, 3600, 3600);
    expect_row(feb, "resolution", "P3", 1, 0, 0, 18000, 18000);
    ck_assert_int_eq(feb->committed, 12 * 86400 - 4 * 3600);
    ck_assert_int_eq(feb->downtime, 0);
    ck_assert_int_eq(feb->availability_met, 1);
    ck_assert_uint_eq(feb->credit_count, 0);
    ck_assert_int_eq(feb->cap, 900000);
    ck_assert_int_eq(res->periods[1].credits_owed, 1800000);
    ck_assert_int_eq(res->credits_owed, 1800000);
    slate_report_free(r);
}
END_TEST

START_TEST(rejected_ticket_changes_nothing) {
    slate_report *r;
    slate_error err;
    ck_assert_int_eq(slate_report_new(policy, "pune-floor-amc-2026", T("2026-03-01T00:00:00Z"),
                                      T("2026-04-01T00:00:00Z"), &r, &err),
                     SLATE_OK);
    slate_field down[] = {{"category", "network"}, {"scope", "floor"}, {"floor_down", "true"}};
    slate_event bad[] = {{T("2026-03-09T04:30:00Z"), "created", down, 3},
                         {T("2026-03-09T04:00:00Z"), NULL, NULL, 0}};
    ck_assert_int_eq(slate_report_add(r, "X-1", bad, 2, &err), SLATE_EINVAL);
    const slate_report_result *res;
    ck_assert_int_eq(slate_report_result_get(r, &res, &err), SLATE_OK);
    ck_assert_uint_eq(res->tickets, 0);
    ck_assert_int_eq(res->periods[0].downtime, 0);
    ck_assert_uint_eq(res->periods[0].row_count, 0);
    ck_assert_uint_eq(res->periods[0].credit_count, 0);
    slate_report_free(r);
}
END_TEST

#define BASE                                                                                       \
    "{\"calendars\": {\"w\": {\"timezone\": \"UTC\", \"weekly\": {\"mon\": [\"09:00-17:00\"]}}},"  \
    "\"slas\": [{\"id\": \"s\", \"calendar\": \"w\", \"targets\": [{\"name\": \"response\","       \
    " \"durations\": {\"*\": \"PT4H\"}}]}], \"contracts\": "

START_TEST(report_arguments) {
    slate_report *r = NULL;
    slate_error err;
    ck_assert_int_eq(slate_report_new(policy, "nope", 0, 86400, &r, &err), SLATE_ENOENT);
    ck_assert_int_eq(slate_report_new(policy, NULL, 86400, 86400, &r, &err), SLATE_EINVAL);
    /* The contract's term (2026) clips a long period... */
    ck_assert_int_eq(slate_report_new(policy, NULL, 0, T("2200-01-01T00:00:00Z"), &r, &err),
                     SLATE_OK);
    const slate_report_result *res;
    ck_assert_int_eq(slate_report_result_get(r, &res, &err), SLATE_OK);
    ck_assert_uint_eq(res->period_count, 12);
    ck_assert_int_eq(res->start, T("2026-01-01T00:00:00+05:30"));
    slate_report_free(r);
    r = NULL;
    /* ...which without a term is too long. */
    static const char unbounded[] =
        BASE "[{\"id\": \"k\", \"sla\": \"s\", \"fee\": {\"monthly\": 1}}]}";
    slate_policy *open;
    ck_assert_int_eq(slate_policy_from_json(NULL, unbounded, sizeof unbounded - 1, &open, NULL),
                     SLATE_OK);
    ck_assert_int_eq(slate_report_new(open, NULL, 0, T("2200-01-01T00:00:00Z"), &r, &err),
                     SLATE_ELIMIT);
    ck_assert_ptr_null(r);
    slate_policy_free(open);
    ck_assert_uint_eq(slate_policy_contract_count(policy), 1);
    ck_assert_str_eq(slate_policy_contract_id(policy, 0), "pune-floor-amc-2026");
    ck_assert_ptr_null(slate_policy_contract_id(policy, 1));
}
END_TEST

/* Next-reply updates (a cycle per customer message) and a resolution that
 * is reopened, around the clock in UTC; only late P1 updates earn a credit. */
#define CYCLES_POLICY(cycles)                                                                      \
    "{\"calendars\": {\"all\": \"24x7\"}, \"priorities\": {\"levels\": [\"P1\", \"P3\"], "         \
    "\"default\": \"P3\"}, \"slas\": [{\"id\": \"amc\", \"calendar\": \"all\", \"targets\": ["     \
    "{\"name\": \"update\", \"durations\": {\"*\": \"PT1H\"}, \"start_when\": {\"field\": "        \
    "\"event\", \"equals\": \"customer_message\"}, \"stop_when\": {\"field\": \"event\", "         \
    "\"equals\": "                                                                                 \
    "\"agent_reply\"}, \"restart\": \"new_cycle\"}, {\"name\": \"fix\", \"durations\": {\"*\": "   \
    "\"PT4H\"}, \"stop_when\": {\"field\": \"status\", \"equals\": \"resolved\"}, \"restart\": "   \
    "\"new_cycle\"}]}], \"contracts\": [{\"id\": \"k\", \"sla\": \"amc\", \"timezone\": "          \
    "\"UTC\"," cycles                                                                              \
    "\"fee\": {\"monthly\": 1000, \"currency\": \"EUR\"}, \"credits\": [{\"id\": "                 \
    "\"late-update\", \"target\": \"update\", \"priorities\": [\"P1\"], \"per_breach\": 50}]}]}"

static const slate_report_result *cycles_report(slate_policy **p, const char *json,
                                                slate_report **r) {
    const char *specs[] = {"2026-03-02T10:00:00Z customer_message status=open priority=P1",
                           "2026-03-02T10:30:00Z agent_reply",
                           "2026-03-02T12:00:00Z customer_message",
                           "2026-03-02T13:30:00Z agent_reply",
                           "2026-03-02T14:00:00Z customer_message",
                           "2026-03-02T14:20:00Z agent_reply",
                           "2026-03-02T15:00:00Z - status=resolved",
                           "2026-03-03T09:00:00Z - status=open",
                           "2026-03-03T10:00:00Z - status=resolved"};
    slate_error err;
    const slate_report_result *res;
    ck_assert_msg(slate_policy_from_json(NULL, json, strlen(json), p, &err) == SLATE_OK, "%s",
                  err.message);
    ck_assert_int_eq(
        slate_report_new(*p, NULL, T("2026-03-01T00:00:00Z"), T("2026-04-01T00:00:00Z"), r, NULL),
        SLATE_OK);
    static slate_event events[9];
    static slate_field fields[9][10];
    static char buf[9][256];
    for (size_t i = 0; i < 9; i++)
        events[i] = spec_event(specs[i], buf[i], sizeof buf[i], fields[i]);
    ck_assert_msg(slate_report_add(*r, "T1", events, 9, &err) == SLATE_OK, "%s", err.message);
    ck_assert_int_eq(slate_report_result_get(*r, &res, &err), SLATE_OK);
    return res;
}

START_TEST(every_cycle_counts) {
    slate_policy *p;
    slate_report *r;
    const slate_report_result *res = cycles_report(&p, CYCLES_POLICY(""), &r);
    const slate_report_period *m = &res->periods[0];
    /* Updates: 30 min, 90 min (due 13:00, late 30 min), 20 min. Fix: 5 h
     * (due 14:00, late 1 h), then reopened and fixed in 1 h. */
    ck_assert_uint_eq(m->row_count, 2);
    ck_assert_str_eq(m->rows[0].target, "update");
    ck_assert_uint_eq(m->rows[0].met, 2);
    ck_assert_uint_eq(m->rows[0].breached, 1);
    ck_assert_int_eq(m->rows[0].median, 1800);
    ck_assert_int_eq(m->rows[0].p90, 5400);
    ck_assert_uint_eq(m->rows[1].met, 1);
    ck_assert_uint_eq(m->rows[1].breached, 1);
    ck_assert_int_eq(m->rows[1].median, 3600);
    ck_assert_int_eq(m->rows[1].p90, 5 * 3600);
    /* Every breach is listed; only the update's earns a credit. */
    ck_assert_uint_eq(m->breach_count, 2);
    ck_assert_str_eq(m->breaches[0].target, "update");
    ck_assert_int_eq(m->breaches[0].cycle, 2);
    ck_assert_int_eq(m->breaches[0].at, T("2026-03-02T13:00:00Z"));
    ck_assert_int_eq(m->breaches[0].late_by, 1800);
    ck_assert_str_eq(m->breaches[0].clause, "late-update");
    ck_assert_str_eq(m->breaches[0].ticket, "T1");
    ck_assert_str_eq(m->breaches[1].target, "fix");
    ck_assert_int_eq(m->breaches[1].cycle, 1);
    ck_assert_int_eq(m->breaches[1].at, T("2026-03-02T14:00:00Z"));
    ck_assert_int_eq(m->breaches[1].late_by, 3600);
    ck_assert_ptr_null(m->breaches[1].clause);
    ck_assert_uint_eq(m->credit_count, 1);
    ck_assert_int_eq(m->credits_owed, 5000);
    slate_report_free(r);
    slate_policy_free(p);
    /* "cycles": "last" keeps the old rule: each target's last cycle. */
    res = cycles_report(&p, CYCLES_POLICY("\"cycles\": \"last\","), &r);
    m = &res->periods[0];
    ck_assert_uint_eq(m->rows[0].met, 1);
    ck_assert_uint_eq(m->rows[0].breached, 0);
    ck_assert_uint_eq(m->rows[1].met, 1);
    ck_assert_uint_eq(m->breach_count, 0);
    ck_assert_int_eq(m->credits_owed, 0);
    slate_report_free(r);
    slate_policy_free(p);
}
END_TEST

/* Clauses: a P1 ladder (100, 250, 500 for the month's 1st, 2nd, 3rd and
 * later breaches), 1.5 % of the fee per P2 breach, and P2 attainment tiers
 * (below 95 %: 2 %; below 80 %: 5 %, the deeper one alone). Fee 10,000,
 * cap 10 %. */
#define CLAUSES_POLICY                                                                             \
    "{\"calendars\": {\"all\": \"24x7\"}, \"priorities\": {\"levels\": [\"P1\", \"P2\"], "         \
    "\"default\": \"P2\"}, \"slas\": [{\"id\": \"amc\", \"calendar\": \"all\", \"targets\": ["     \
    "{\"name\": \"fix\", \"durations\": {\"*\": \"PT4H\"}, \"stop_when\": {\"field\": "            \
    "\"status\", "                                                                                 \
    "\"equals\": \"resolved\"}}]}], \"contracts\": [{\"id\": \"k\", \"sla\": \"amc\", "            \
    "\"timezone\": "                                                                               \
    "\"UTC\", \"fee\": {\"monthly\": 10000}, \"cap_percent\": 10, \"credits\": ["                  \
    "{\"id\": \"ladder\", \"target\": \"fix\", \"priorities\": [\"P1\"], \"per_breach\": [100, "   \
    "250, "                                                                                        \
    "500]}, {\"id\": \"pct\", \"priorities\": [\"P2\"], \"percent_of_fee_per_breach\": 1.5},"      \
    "{\"id\": \"attain-95\", \"target\": \"fix\", \"priorities\": [\"P2\"], "                      \
    "\"attainment_below\": 95, "                                                                   \
    "\"percent_of_fee\": 2}, {\"id\": \"attain-80\", \"target\": \"fix\", \"priorities\": "        \
    "[\"P2\"], "                                                                                   \
    "\"attainment_below\": 80, \"percent_of_fee\": 5}]}]}"

/* A ticket of March 2026 (day, at 10:00 UTC) fixed after `hours`. */
static void add_fix(slate_report *r, int day, const char *priority, int hours) {
    char id[16], at[32];
    snprintf(id, sizeof id, "%s-%02d", priority, day);
    snprintf(at, sizeof at, "2026-03-%02dT10:00:00Z", day);
    slate_field open[] = {{"status", "open"}, {"priority", priority}},
                done = {"status", "resolved"};
    slate_event e[2] = {{T(at), "created", open, 2}, {T(at) + hours * 3600, NULL, &done, 1}};
    slate_error err;
    ck_assert_msg(slate_report_add(r, id, e, 2, &err) == SLATE_OK, "%s", err.message);
}

static const slate_report_period *clauses_month(slate_policy *p, slate_report **r, int p2_late) {
    const slate_report_result *res;
    ck_assert_int_eq(
        slate_report_new(p, NULL, T("2026-03-01T00:00:00Z"), T("2026-04-01T00:00:00Z"), r, NULL),
        SLATE_OK);
    for (int day = 2; day <= 5; day++)
        add_fix(*r, day, "P1", 5); /* breached at +4 h, late 1 h */
    for (int day = 10; day < 20; day++)
        add_fix(*r, day, "P2", day - 10 < p2_late ? 6 : 2);
    ck_assert_int_eq(slate_report_result_get(*r, &res, NULL), SLATE_OK);
    return &res->periods[0];
}

START_TEST(credit_clauses) {
    slate_policy *p;
    slate_report *r;
    ck_assert_int_eq(slate_policy_from_json(NULL, CLAUSES_POLICY, strlen(CLAUSES_POLICY), &p, NULL),
                     SLATE_OK);
    /* P1: 100 + 250 + 500 + 500. P2, 2 of 10 late: 2 x 150, and 80 %
     * attainment misses 95 % (200) but not 80 %. Due 1,850, cap 1,000. */
    const slate_report_period *m = clauses_month(p, &r, 2);
    ck_assert_uint_eq(m->credit_count, 7);
    int64_t want[] = {10000, 25000, 50000, 50000, 15000, 15000, 20000};
    const char *clause[] = {"ladder", "ladder", "ladder", "ladder", "pct", "pct", "attain-95"};
    for (size_t i = 0; i < 7; i++) {
        ck_assert_str_eq(m->credits[i].clause, clause[i]);
        ck_assert_int_eq(m->credits[i].amount, want[i]);
    }
    ck_assert_ptr_null(m->credits[6].ticket);
    ck_assert_int_eq(m->credits_due, 185000);
    ck_assert_int_eq(m->cap, 100000);
    ck_assert_int_eq(m->credits_owed, 100000);
    ck_assert_uint_eq(m->breach_count, 6);
    ck_assert_str_eq(m->breaches[0].clause, "ladder");
    ck_assert_str_eq(m->breaches[4].clause, "pct");
    slate_report_free(r);
    /* 3 of 10 late: 70 % misses both tiers; only the deeper (5 %) counts. */
    m = clauses_month(p, &r, 3);
    ck_assert_str_eq(m->credits[m->credit_count - 1].clause, "attain-80");
    ck_assert_int_eq(m->credits[m->credit_count - 1].amount, 50000);
    ck_assert_int_eq(m->credits_due, 135000 + 3 * 15000 + 50000);
    slate_report_free(r);
    slate_policy_free(p);
}
END_TEST

/* A contract that runs from 16 March, covers one site, bills 3,100 a
 * quarter and excludes a maintenance window from availability. */
#define TERM_POLICY                                                                                \
    "{\"calendars\": {\"all\": \"24x7\", \"windows\": {\"timezone\": \"UTC\", \"hours\": "         \
    "{\"2026-03-20\": [\"00:00-06:00\"]}}}, \"slas\": [{\"id\": \"amc\", \"calendar\": \"all\", "  \
    "\"targets\": [{\"name\": \"fix\", \"durations\": {\"*\": \"PT4H\"}, \"stop_when\": "          \
    "{\"field\": "                                                                                 \
    "\"status\", \"equals\": \"resolved\"}}]}], \"contracts\": [{\"id\": \"acme\", \"sla\": "      \
    "\"amc\", "                                                                                    \
    "\"timezone\": \"UTC\", \"term\": {\"from\": \"2026-03-16\", \"to\": \"2027-03-15\"}, "        \
    "\"scope\": {\"field\": \"site\", \"equals\": \"floor-3\"}, \"fee\": {\"quarterly\": 3100}, "  \
    "\"availability\": {\"percent\": 99, \"calendar\": \"all\", \"maintenance\": \"windows\", "    \
    "\"down_when\": {\"field\": \"status\", \"equals\": \"down\"}}}]}"

static void add_ticket(slate_report *r, const char *id, const char *site, const char *opened,
                       const char *opened_status, const char *resolved) {
    slate_field first[] = {{"status", opened_status}, {"site", site}},
                done = {"status", "resolved"};
    slate_event e[2] = {{T(opened), "created", first, 2}, {T(resolved), NULL, &done, 1}};
    slate_error err;
    ck_assert_msg(slate_report_add(r, id, e, 2, &err) == SLATE_OK, "%s", err.message);
}

START_TEST(term_scope_and_maintenance) {
    slate_policy *p;
    slate_report *r;
    const slate_report_result *res;
    slate_error err;
    ck_assert_msg(slate_policy_from_json(NULL, TERM_POLICY, strlen(TERM_POLICY), &p, &err) ==
                      SLATE_OK,
                  "%s", err.message);
    ck_assert_int_eq(
        slate_report_new(p, NULL, T("2026-03-01T00:00:00Z"), T("2026-04-01T00:00:00Z"), &r, NULL),
        SLATE_OK);
    /* A1: breached at 14:00, late 2 h. A2: another site. A3: decided before
     * the term. D1: down 02:00-08:00 on the 20th, 02:00-06:00 of it in the
     * maintenance window; breached at 06:00, late 2 h. */
    add_ticket(r, "A1", "floor-3", "2026-03-20T10:00:00Z", "open", "2026-03-20T16:00:00Z");
    add_ticket(r, "A2", "floor-9", "2026-03-20T10:00:00Z", "open", "2026-03-21T16:00:00Z");
    add_ticket(r, "A3", "floor-3", "2026-03-05T10:00:00Z", "open", "2026-03-05T11:00:00Z");
    add_ticket(r, "D1", "floor-3", "2026-03-20T02:00:00Z", "down", "2026-03-20T08:00:00Z");
    ck_assert_int_eq(slate_report_result_get(r, &res, &err), SLATE_OK);
    ck_assert_int_eq(res->start, T("2026-03-16T00:00:00Z"));
    ck_assert_uint_eq(res->tickets, 3);
    ck_assert_uint_eq(res->uncovered_count, 1);
    ck_assert_str_eq(res->uncovered[0], "A2");
    ck_assert_uint_eq(res->period_count, 1);
    const slate_report_period *m = &res->periods[0];
    /* A month is a third of 3,100 (1,033.33); 16 of March's 31 days: 533.33. */
    ck_assert_int_eq(m->fee, 53333);
    ck_assert_uint_eq(m->row_count, 1);
    ck_assert_uint_eq(m->rows[0].breached, 2);
    ck_assert_uint_eq(m->breach_count, 2);
    ck_assert_str_eq(m->breaches[0].ticket, "D1");
    ck_assert_int_eq(m->breaches[0].late_by, 7200);
    /* 16 days less the 6-hour window committed; 2 hours down outside it. */
    ck_assert_int_eq(m->committed, 16 * 86400 - 6 * 3600);
    ck_assert_int_eq(m->downtime, 2 * 3600);
    ck_assert_int_eq(m->availability_met, 1);
    slate_report_free(r);
    /* A report wholly before the term bills nothing. */
    ck_assert_int_eq(
        slate_report_new(p, NULL, T("2026-02-01T00:00:00Z"), T("2026-03-01T00:00:00Z"), &r, NULL),
        SLATE_OK);
    add_ticket(r, "A1", "floor-3", "2026-02-20T10:00:00Z", "open", "2026-02-20T16:00:00Z");
    ck_assert_int_eq(slate_report_result_get(r, &res, &err), SLATE_OK);
    ck_assert_uint_eq(res->period_count, 0);
    ck_assert_int_eq(res->credits_owed, 0);
    slate_report_free(r);
    slate_policy_free(p);
}
END_TEST

int main(void) {
    Suite *s = suite_create("contract");
    TCase *tc = tcase_create("reports");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, march_report);
    tcase_add_test(tc, clipped_months);
    tcase_add_test(tc, rejected_ticket_changes_nothing);
    tcase_add_test(tc, report_arguments);
    tcase_add_test(tc, every_cycle_counts);
    tcase_add_test(tc, credit_clauses);
    tcase_add_test(tc, term_scope_and_maintenance);
    suite_add_tcase(s, tc);
    TCase *load = tcase_create("load");
    suite_add_tcase(s, load);
    return run_suite(s);
}
