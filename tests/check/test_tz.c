/* lib/tz: hand-checked conversions in the zones that break implementations,
 * disambiguation, zone names, the cache under threads, and TZif files and
 * footers built byte by byte (valid, truncated, corrupt). The expected
 * values were checked by hand against the tz database's own zdump. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "tz/posix_tz.h"
#include "tz/tzif.h"

static slate_tzdb *db;

static void open_db(void) {
    slate_error err;
    ck_assert_int_eq(slate_tzdb_open(test_tzdir(), &db, &err), SLATE_OK);
}

static void close_db(void) {
    slate_tzdb_free(db);
    db = NULL;
}

static const slate_zone *zone(const char *name) {
    const slate_zone *z = NULL;
    slate_error err;
    ck_assert_msg(slate_tzdb_zone(db, name, &z, &err) == SLATE_OK, "%s: %s", name, err.message);
    return z;
}

/* Asserts offset, DST flag and abbreviation at an instant. */
static void expect_info(const char *name, const char *when, int32_t offset, int dst,
                        const char *abbr) {
    slate_zone_info info;
    ck_assert_int_eq(slate_zone_lookup(zone(name), T(when), &info), SLATE_OK);
    ck_assert_msg(info.utc_offset == offset && info.is_dst == dst && strcmp(info.abbr, abbr) == 0,
                  "%s at %s: got %d %d %s, want %d %d %s", name, when, info.utc_offset, info.is_dst,
                  info.abbr, offset, dst, abbr);
}

/* Asserts the wall time of an instant, as "YYYY-MM-DDTHH:MM:SS". */
static void expect_civil(const char *name, const char *when, const char *wall) {
    slate_civil c;
    char got[32];
    ck_assert_int_eq(slate_zone_to_civil(zone(name), T(when), &c), SLATE_OK);
    snprintf(got, sizeof got, "%04d-%02d-%02dT%02d:%02d:%02d", (int)c.year, c.month, c.day, c.hour,
             c.minute, c.second);
    ck_assert_str_eq(got, wall);
}

/* Resolves a local time and returns the status; the instant in *out. */
static slate_status resolve(const char *name, const char *wall, slate_disambiguation how,
                            slate_time *out) {
    slate_civil c;
    slate_error err;
    ck_assert_int_eq(slate_civil_parse(wall, &c, &err), SLATE_OK);
    return slate_zone_from_civil(zone(name), &c, how, out, &err);
}

static void expect_resolve(const char *name, const char *wall, slate_disambiguation how,
                           const char *instant) {
    slate_time t = 0;
    ck_assert_int_eq(resolve(name, wall, how, &t), SLATE_OK);
    ck_assert_msg(t == T(instant), "%s %s how=%d: got %lld", name, wall, (int)how, (long long)t);
}

/* The names before the family prefix still compile, with the same values. */
START_TEST(deprecated_disambiguation_names) {
    ck_assert_int_eq(SLATE_COMPATIBLE, SLATE_DISAMBIGUATE_COMPATIBLE);
    ck_assert_int_eq(SLATE_EARLIER, SLATE_DISAMBIGUATE_EARLIER);
    ck_assert_int_eq(SLATE_LATER, SLATE_DISAMBIGUATE_LATER);
    ck_assert_int_eq(SLATE_REJECT, SLATE_DISAMBIGUATE_REJECT);
}
END_TEST

START_TEST(dublin_negative_dst) {
    /* Irish Standard Time is the summer's standard; winter GMT is "DST" -1h. */
    expect_info("Europe/Dublin", "2026-01-15T12:00:00Z", 0, 1, "GMT");
    expect_info("Europe/Dublin", "2026-07-15T12:00:00Z", 3600, 0, "IST");
    expect_civil("Europe/Dublin", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00");
}
END_TEST

START_TEST(casablanca_ramadan) {
    expect_info("Africa/Casablanca", "2026-02-15T01:59:59Z", 3600, 0, "+01");
    expect_info("Africa/Casablanca", "2026-02-15T02:00:00Z", 0, 1, "+00");
    expect_info("Africa/Casablanca", "2026-03-22T01:59:59Z", 0, 1, "+00");
    expect_info("Africa/Casablanca", "2026-03-22T02:00:00Z", 3600, 0, "+01");
    /* 02:00-03:00 on 2026-03-22 is skipped; 02:00-03:00 on 2026-02-15 repeats. */
    slate_time t;
    ck_assert_int_eq(
        resolve("Africa/Casablanca", "2026-03-22T02:30:00", SLATE_DISAMBIGUATE_REJECT, &t),
        SLATE_ENONEXISTENT);
    ck_assert_int_eq(
        resolve("Africa/Casablanca", "2026-02-15T02:30:00", SLATE_DISAMBIGUATE_REJECT, &t),
        SLATE_EAMBIGUOUS);
}
END_TEST

START_TEST(nuuk_2023_change) {
    expect_info("America/Nuuk", "2023-03-26T00:59:59Z", -10800, 0, "-03");
    expect_info("America/Nuuk", "2023-03-26T01:00:00Z", -7200, 0, "-02");
    expect_info("America/Nuuk", "2023-11-15T12:00:00Z", -7200, 0, "-02"); /* no fall-back */
    expect_info("America/Nuuk", "2024-03-31T01:00:00Z", -3600, 1, "-01");
    expect_info("America/Nuuk", "2024-10-27T01:00:00Z", -7200, 0, "-02");
    expect_civil("America/Nuuk", "2023-03-26T01:00:00Z", "2023-03-25T23:00:00");
}
END_TEST

START_TEST(apia_skipped_day) {
    expect_civil("Pacific/Apia", "2011-12-30T09:59:59Z", "2011-12-29T23:59:59");
    expect_civil("Pacific/Apia", "2011-12-30T10:00:00Z", "2011-12-31T00:00:00");
    expect_info("Pacific/Apia", "2011-12-30T10:00:00Z", 50400, 1, "+14");
    slate_time t;
    ck_assert_int_eq(resolve("Pacific/Apia", "2011-12-30T12:00:00", SLATE_DISAMBIGUATE_REJECT, &t),
                     SLATE_ENONEXISTENT);
    /* The gap is 24 hours: compatible moves to 2011-12-31T12:00 +14. */
    expect_resolve("Pacific/Apia", "2011-12-30T12:00:00", SLATE_DISAMBIGUATE_COMPATIBLE,
                   "2011-12-30T22:00:00Z");
    expect_resolve("Pacific/Apia", "2011-12-30T12:00:00", SLATE_DISAMBIGUATE_EARLIER,
                   "2011-12-29T22:00:00Z");
}
END_TEST

START_TEST(lord_howe_half_hour) {
    expect_info("Australia/Lord_Howe", "2026-04-04T14:59:59Z", 39600, 1, "+11");
    expect_info("Australia/Lord_Howe", "2026-04-04T15:00:00Z", 37800, 0, "+1030");
    expect_civil("Australia/Lord_Howe", "2026-10-03T15:30:00Z", "2026-10-04T02:30:00");
    /* 02:00-02:30 on 2026-10-04 is skipped by 30 minutes. */
    expect_resolve("Australia/Lord_Howe", "2026-10-04T02:15:00", SLATE_DISAMBIGUATE_COMPATIBLE,
                   "2026-10-03T15:45:00Z");
    expect_resolve("Australia/Lord_Howe", "2026-10-04T02:15:00", SLATE_DISAMBIGUATE_EARLIER,
                   "2026-10-03T15:15:00Z");
    /* 01:30-02:00 on 2026-04-05 happens twice. */
    expect_resolve("Australia/Lord_Howe", "2026-04-05T01:45:00", SLATE_DISAMBIGUATE_EARLIER,
                   "2026-04-04T14:45:00Z");
    expect_resolve("Australia/Lord_Howe", "2026-04-05T01:45:00", SLATE_DISAMBIGUATE_LATER,
                   "2026-04-04T15:15:00Z");
}
END_TEST

START_TEST(troll_two_hour_dst) {
    expect_info("Antarctica/Troll", "2026-03-29T00:59:59Z", 0, 0, "+00");
    expect_info("Antarctica/Troll", "2026-03-29T01:00:00Z", 7200, 1, "+02");
    expect_info("Antarctica/Troll", "2026-10-25T01:00:00Z", 0, 0, "+00");
    expect_resolve("Antarctica/Troll", "2026-03-29T02:00:00", SLATE_DISAMBIGUATE_COMPATIBLE,
                   "2026-03-29T02:00:00Z");
    expect_resolve("Antarctica/Troll", "2026-10-25T02:00:00", SLATE_DISAMBIGUATE_LATER,
                   "2026-10-25T02:00:00Z");
    expect_resolve("Antarctica/Troll", "2026-10-25T02:00:00", SLATE_DISAMBIGUATE_EARLIER,
                   "2026-10-25T00:00:00Z");
}
END_TEST

START_TEST(kathmandu_quarter_hour) {
    expect_info("Asia/Kathmandu", "1985-12-31T18:29:59Z", 19800, 0, "+0530");
    expect_info("Asia/Kathmandu", "1985-12-31T18:30:00Z", 20700, 0, "+0545");
    expect_civil("Asia/Kathmandu", "1985-12-31T18:30:00Z", "1986-01-01T00:15:00");
    expect_resolve("Asia/Kathmandu", "2026-11-22T10:00:00", SLATE_DISAMBIGUATE_REJECT,
                   "2026-11-22T04:15:00Z");
}
END_TEST

START_TEST(sao_paulo_after_2019) {
    expect_info("America/Sao_Paulo", "2019-02-17T01:59:59Z", -7200, 1, "-02");
    expect_info("America/Sao_Paulo", "2019-02-17T02:00:00Z", -10800, 0, "-03");
    expect_info("America/Sao_Paulo", "2020-01-15T12:00:00Z", -10800, 0, "-03");
    expect_info("America/Sao_Paulo", "2026-12-15T12:00:00Z", -10800, 0, "-03");
    slate_time t;
    ck_assert_int_eq(
        slate_zone_next_transition(zone("America/Sao_Paulo"), T("2019-03-01T00:00:00Z"), &t),
        SLATE_ENEVER);
}
END_TEST

START_TEST(far_future_from_footer) {
    /* 2300: second Sunday of March is the 11th. 2400: first Sunday of November is the 5th. */
    expect_info("America/New_York", "2300-07-01T12:00:00Z", -14400, 1, "EDT");
    expect_info("America/New_York", "2300-12-01T12:00:00Z", -18000, 0, "EST");
    expect_info("America/New_York", "2300-03-11T06:59:59Z", -18000, 0, "EST");
    expect_info("America/New_York", "2300-03-11T07:00:00Z", -14400, 1, "EDT");
    expect_info("America/New_York", "2400-11-05T05:59:59Z", -14400, 1, "EDT");
    expect_info("America/New_York", "2400-11-05T06:00:00Z", -18000, 0, "EST");
    expect_info("Australia/Lord_Howe", "2399-12-25T00:00:00Z", 39600, 1, "+11");
    expect_civil("Asia/Kolkata", "2400-12-31T23:59:59Z", "2401-01-01T05:29:59");
}
END_TEST

START_TEST(before_first_transition) {
    /* New York's local mean time, -4:56:02, until 1883-11-18 12:03:58 LMT. */
    expect_info("America/New_York", "1850-01-01T00:00:00Z", -17762, 0, "LMT");
    expect_civil("America/New_York", "1800-01-01T00:00:00Z", "1799-12-31T19:03:58");
    expect_info("America/New_York", "1883-11-18T17:00:00Z", -18000, 0, "EST");
}
END_TEST

START_TEST(new_york_disambiguation) {
    slate_time t;
    /* Gap: 2026-03-08 02:00-03:00 does not exist. */
    expect_resolve("America/New_York", "2026-03-08T02:30:00", SLATE_DISAMBIGUATE_COMPATIBLE,
                   "2026-03-08T07:30:00Z");
    expect_resolve("America/New_York", "2026-03-08T02:30:00", SLATE_DISAMBIGUATE_LATER,
                   "2026-03-08T07:30:00Z");
    expect_resolve("America/New_York", "2026-03-08T02:30:00", SLATE_DISAMBIGUATE_EARLIER,
                   "2026-03-08T06:30:00Z");
    ck_assert_int_eq(
        resolve("America/New_York", "2026-03-08T02:30:00", SLATE_DISAMBIGUATE_REJECT, &t),
        SLATE_ENONEXISTENT);
    /* Overlap: 2026-11-01 01:00-02:00 happens twice. */
    expect_resolve("America/New_York", "2026-11-01T01:30:00", SLATE_DISAMBIGUATE_COMPATIBLE,
                   "2026-11-01T05:30:00Z");
    expect_resolve("America/New_York", "2026-11-01T01:30:00", SLATE_DISAMBIGUATE_EARLIER,
                   "2026-11-01T05:30:00Z");
    expect_resolve("America/New_York", "2026-11-01T01:30:00", SLATE_DISAMBIGUATE_LATER,
                   "2026-11-01T06:30:00Z");
    ck_assert_int_eq(
        resolve("America/New_York", "2026-11-01T01:30:00", SLATE_DISAMBIGUATE_REJECT, &t),
        SLATE_EAMBIGUOUS);
    /* Edges: 03:00 exists once, 02:00 on fall-back day once. */
    expect_resolve("America/New_York", "2026-03-08T03:00:00", SLATE_DISAMBIGUATE_REJECT,
                   "2026-03-08T07:00:00Z");
    expect_resolve("America/New_York", "2026-11-01T02:00:00", SLATE_DISAMBIGUATE_REJECT,
                   "2026-11-01T07:00:00Z");
    expect_resolve("America/New_York", "2026-11-01T00:59:59", SLATE_DISAMBIGUATE_REJECT,
                   "2026-11-01T04:59:59Z");
}
END_TEST

START_TEST(range_errors) {
    slate_zone_info info;
    slate_civil c;
    slate_time t;
    slate_error err;
    const slate_zone *ny = zone("America/New_York");
    ck_assert_int_eq(slate_zone_lookup(ny, SLATE_TIME_MIN - 1, &info), SLATE_ERANGE);
    ck_assert_int_eq(slate_zone_lookup(ny, SLATE_TIME_MAX + 1, &info), SLATE_ERANGE);
    ck_assert_int_eq(slate_zone_to_civil(ny, INT64_MAX, &c), SLATE_ERANGE);
    ck_assert_int_eq(slate_zone_next_transition(ny, INT64_MIN, &t), SLATE_ERANGE);
    slate_civil late = {2400, 12, 31, 23, 0, 0}; /* 2401-01-01T04:00Z */
    ck_assert_int_eq(slate_zone_from_civil(ny, &late, SLATE_DISAMBIGUATE_COMPATIBLE, &t, &err),
                     SLATE_ERANGE);
    slate_civil bad = {2026, 2, 30, 0, 0, 0};
    ck_assert_int_eq(slate_zone_from_civil(ny, &bad, SLATE_DISAMBIGUATE_COMPATIBLE, &t, &err),
                     SLATE_EINVAL);
    ck_assert_int_eq(slate_zone_from_civil(ny, &late, (slate_disambiguation)9, &t, &err),
                     SLATE_EINVAL);
    ck_assert_int_eq(slate_zone_lookup(NULL, 0, &info), SLATE_EMISUSE);
}
END_TEST

START_TEST(transitions_in_a_year) {
    const slate_zone *ny = zone("America/New_York");
    slate_time t;
    ck_assert_int_eq(slate_zone_next_transition(ny, T("2026-01-01T00:00:00Z"), &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-03-08T07:00:00Z"));
    ck_assert_int_eq(slate_zone_next_transition(ny, t, &t), SLATE_OK);
    ck_assert_int_eq(t, T("2026-11-01T06:00:00Z"));
    ck_assert_int_eq(slate_zone_next_transition(ny, T("2400-11-05T06:00:00Z"), &t), SLATE_ENEVER);
}
END_TEST

START_TEST(names_and_links) {
    const slate_zone *z;
    slate_error err;
    static const char *hostile[] = {"../../etc/passwd",
                                    "/etc/passwd",
                                    "America/../../etc/passwd",
                                    "America//New_York",
                                    "America/",
                                    "",
                                    "Europe/Paris\n",
                                    "Asia/Kolkata;rm",
                                    "./UTC",
                                    "a b"};
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        ck_assert_int_eq(slate_tzdb_zone(db, hostile[i], &z, &err), SLATE_EINVAL);
        ck_assert(strstr(err.message, "invalid time zone name") != NULL);
    }
    ck_assert_int_eq(slate_tzdb_zone(db, "Mars/Olympus_Mons", &z, &err), SLATE_ENOENT);
    ck_assert(strstr(err.message, "unknown time zone \"Mars/Olympus_Mons\"") != NULL);
    ck_assert_int_eq(slate_tzdb_zone(db, "America", &z, &err), SLATE_ENOENT); /* a directory */
    /* A backward name resolves to its zone's data. */
    const slate_zone *eastern = zone("US/Eastern");
    slate_zone_info a, b;
    slate_zone_lookup(eastern, T("2026-07-01T00:00:00Z"), &a);
    slate_zone_lookup(zone("America/New_York"), T("2026-07-01T00:00:00Z"), &b);
    ck_assert_int_eq(a.utc_offset, b.utc_offset);
    ck_assert_str_eq(a.abbr, "EDT");
    ck_assert_str_eq(slate_zone_name(eastern), "US/Eastern");
    ck_assert_ptr_eq(zone("US/Eastern"), eastern); /* cached */
    expect_info("Asia/Calcutta", "2026-07-01T00:00:00Z", 19800, 0, "IST");
}
END_TEST

START_TEST(open_errors) {
    slate_tzdb *other = (slate_tzdb *)1;
    slate_error err;
    ck_assert_int_eq(slate_tzdb_open("/nonexistent/zoneinfo", &other, &err), SLATE_ENOENT);
    ck_assert_ptr_null(other);
    ck_assert_str_eq(err.file, "/nonexistent/zoneinfo");
    ck_assert_int_eq(slate_tzdb_open(NULL, NULL, &err), SLATE_EMISUSE);
    slate_tzdb_free(NULL);
    setenv("TZDIR", test_tzdir(), 1);
    ck_assert_int_eq(slate_tzdb_open(NULL, &other, &err), SLATE_OK);
    ck_assert_str_eq(slate_tzdb_dir(other), test_tzdir());
    slate_tzdb_free(other);
}
END_TEST

/* Eight threads ask a fresh database for the same zones at once. */
typedef struct race {
    slate_tzdb *db;
    const slate_zone *got[6];
    int failures;
} race;

static const char *race_names[6] = {"Asia/Manila",     "Asia/Kolkata",        "Europe/Warsaw",
                                    "America/Chicago", "Australia/Lord_Howe", "Pacific/Apia"};

static void *race_run(void *arg) {
    race *r = arg;
    for (int round = 0; round < 50; round++)
        for (int i = 0; i < 6; i++) {
            const slate_zone *z;
            slate_zone_info info;
            if (slate_tzdb_zone(r->db, race_names[(i + round) % 6], &z, NULL) != SLATE_OK ||
                slate_zone_lookup(z, 1772955000 + round * 3600, &info) != SLATE_OK)
                r->failures++;
            if (round == 0) r->got[(i + round) % 6] = z;
        }
    return NULL;
}

START_TEST(concurrent_first_use) {
    slate_tzdb *fresh;
    ck_assert_int_eq(slate_tzdb_open(test_tzdir(), &fresh, NULL), SLATE_OK);
    pthread_t threads[8];
    race races[8];
    for (int i = 0; i < 8; i++) {
        races[i] = (race){fresh, {NULL}, 0};
        ck_assert_int_eq(pthread_create(&threads[i], NULL, race_run, &races[i]), 0);
    }
    for (int i = 0; i < 8; i++)
        pthread_join(threads[i], NULL);
    for (int i = 0; i < 8; i++) {
        ck_assert_int_eq(races[i].failures, 0);
        for (int j = 0; j < 6; j++)
            ck_assert_ptr_eq(races[i].got[j], races[0].got[j]);
    }
    slate_tzdb_free(fresh);
}
END_TEST

/* ---- TZif files built byte by byte ---- */

typedef struct tzif_spec {
    int version; /* 1 to 4 */
    int time_count;
    const int64_t *times;
    const uint8_t *type_of;
    int type_count;
    const int32_t *offsets;
    const uint8_t *dst;
    const uint8_t *abbr_index;
    const char *chars; /* abbreviations, NUL-separated */
    int char_count;
    int leap_count;     /* leap-second records to include (skipped) */
    const char *footer; /* NULL: none (version 1) */
} tzif_spec;

static size_t put32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8),
    p[3] = (uint8_t)v;
    return 4;
}

static size_t put64(uint8_t *p, int64_t v) {
    put32(p, (uint32_t)((uint64_t)v >> 32));
    return 4 + put32(p + 4, (uint32_t)v);
}

static size_t put_header(uint8_t *p, int version, int times, int types, int chars, int leaps) {
    memset(p, 0, 44);
    memcpy(p, "TZif", 4);
    p[4] = version == 1 ? 0 : (uint8_t)('0' + version);
    put32(p + 28, (uint32_t)leaps);
    put32(p + 32, (uint32_t)times);
    put32(p + 36, (uint32_t)types);
    put32(p + 40, (uint32_t)chars);
    return 44;
}

static size_t put_block(uint8_t *p, const tzif_spec *s, int wide) {
    size_t n = 0;
    for (int i = 0; i < s->time_count; i++)
        n += wide ? put64(p + n, s->times[i]) : put32(p + n, (uint32_t)(int32_t)s->times[i]);
    for (int i = 0; i < s->time_count; i++)
        p[n++] = s->type_of[i];
    for (int i = 0; i < s->type_count; i++) {
        n += put32(p + n, (uint32_t)s->offsets[i]);
        p[n++] = s->dst[i];
        p[n++] = s->abbr_index[i];
    }
    memcpy(p + n, s->chars, (size_t)s->char_count);
    n += (size_t)s->char_count;
    for (int i = 0; i < s->leap_count; i++) { /* occurrence, correction */
        int64_t when = 78796800 + 15778800LL * i;
        n += wide ? put64(p + n, when) : put32(p + n, (uint32_t)when);
        n += put32(p + n, (uint32_t)(i + 1));
    }
    return n;
}

/* Writes the file's bytes to buf and returns the length. */
static size_t build_tzif(uint8_t *buf, const tzif_spec *s) {
    size_t n = 0;
    if (s->version == 1) {
        n += put_header(buf, 1, s->time_count, s->type_count, s->char_count, s->leap_count);
        return n + put_block(buf + n, s, 0);
    }
    /* A minimal version 1 block (one type, as zic -b slim writes), then the real data. */
    n += put_header(buf, s->version, 0, 1, 1, 0);
    memset(buf + n, 0, 7);
    n += 7;
    n +=
        put_header(buf + n, s->version, s->time_count, s->type_count, s->char_count, s->leap_count);
    n += put_block(buf + n, s, 1);
    n += (size_t)sprintf((char *)buf + n, "\n%s\n", s->footer);
    return n;
}

static char tmpdir[64];

static void make_tmpdir(void) {
    strcpy(tmpdir, "/tmp/slate-tzif-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void remove_tmpdir(void) {
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

static void write_file(const char *name, const uint8_t *bytes, size_t len) {
    char path[160];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
    fclose(f);
}

/* Opens a fresh database on tmpdir and asks for a zone. */
static slate_status load(const char *name, const slate_zone **z, slate_tzdb **out,
                         slate_error *err) {
    ck_assert_int_eq(slate_tzdb_open(tmpdir, out, NULL), SLATE_OK);
    return slate_tzdb_zone(*out, name, z, err);
}

/* A US-Eastern-like zone: LMT, EST, EDT, two transitions in 2007. */
static const int64_t us_times[] = {-2000000000, 1173596400, 1194156000};
static const uint8_t us_type_of[] = {1, 2, 1};
static const int32_t us_offsets[] = {-17762, -18000, -14400};
static const uint8_t us_dst[] = {0, 0, 1};
static const uint8_t us_abbr[] = {0, 4, 8};
static const char us_chars[] = "LMT\0EST\0EDT";

static tzif_spec us_spec(int version, const char *footer) {
    return (tzif_spec){version, 3,       us_times, us_type_of, 3, us_offsets,
                       us_dst,  us_abbr, us_chars, 12,         0, footer};
}

START_TEST(tzif_versions) {
    uint8_t buf[4096];
    make_tmpdir();
    for (int version = 1; version <= 4; version++) {
        tzif_spec s = us_spec(version, version == 1 ? NULL : "EST5EDT,M3.2.0,M11.1.0");
        s.leap_count = 2; /* skipped, whatever they say */
        char name[16];
        snprintf(name, sizeof name, "V%d", version);
        write_file(name, buf, build_tzif(buf, &s));
        slate_tzdb *tdb;
        const slate_zone *z;
        slate_error err;
        ck_assert_msg(load(name, &z, &tdb, &err) == SLATE_OK, "%s", err.message);
        slate_zone_info info;
        slate_zone_lookup(z, T("1850-01-01T00:00:00Z"), &info);
        ck_assert_str_eq(info.abbr, "LMT");
        slate_zone_lookup(z, T("2007-07-01T00:00:00Z"), &info);
        ck_assert_str_eq(info.abbr, "EDT");
        slate_zone_lookup(z, T("2026-07-01T00:00:00Z"), &info);
        /* Version 1 has no footer: the last type (EST) continues. */
        ck_assert_str_eq(info.abbr, version == 1 ? "EST" : "EDT");
        slate_tzdb_free(tdb);
    }
    remove_tmpdir();
}
END_TEST

START_TEST(tzif_dst_all_year) {
    /* Version 3: DST from Jan 1 00:00 to Dec 31 25:00 is DST all year. */
    uint8_t buf[4096];
    make_tmpdir();
    tzif_spec s = us_spec(3, "EST5EDT,0/0,J365/25");
    write_file("AllYear", buf, build_tzif(buf, &s));
    slate_tzdb *tdb;
    const slate_zone *z;
    slate_error err;
    ck_assert_msg(load("AllYear", &z, &tdb, &err) == SLATE_OK, "%s", err.message);
    const char *instants[] = {"2026-01-01T04:59:59Z", "2026-01-01T05:00:00Z",
                              "2026-06-30T00:00:00Z", "2300-12-31T23:00:00Z",
                              "2301-01-01T05:00:00Z"};
    for (size_t i = 0; i < sizeof instants / sizeof instants[0]; i++) {
        slate_zone_info info;
        slate_zone_lookup(z, T(instants[i]), &info);
        ck_assert_msg(info.utc_offset == -14400 && info.is_dst, "%s: %s", instants[i], info.abbr);
    }
    slate_time t;
    ck_assert_int_eq(slate_zone_next_transition(z, T("2008-01-01T00:00:00Z"), &t), SLATE_ENEVER);
    slate_tzdb_free(tdb);
    remove_tmpdir();
}
END_TEST

START_TEST(tzif_footer_only) {
    /* No transitions at all: the footer governs every instant, with rule
     * times past 24 hours and negative (version 3). */
    static const int32_t offsets[] = {-10800};
    static const uint8_t dst[] = {0}, abbr[] = {0};
    uint8_t buf[4096];
    make_tmpdir();
    tzif_spec s = {3,   0,    NULL,  NULL, 1, offsets,
                   dst, abbr, "-03", 4,    0, "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1"};
    write_file("Rule", buf, build_tzif(buf, &s));
    slate_tzdb *tdb;
    const slate_zone *z;
    slate_error err;
    ck_assert_msg(load("Rule", &z, &tdb, &err) == SLATE_OK, "%s", err.message);
    /* Last Sunday of March 2026 is the 29th; -2:00 local is Sat 28th 22:00 -03 = 29th 01:00Z. */
    slate_zone_info info;
    slate_zone_lookup(z, T("2026-03-29T00:59:59Z"), &info);
    ck_assert_str_eq(info.abbr, "-03");
    slate_zone_lookup(z, T("2026-03-29T01:00:00Z"), &info);
    ck_assert_str_eq(info.abbr, "-02");
    ck_assert_int_eq(info.utc_offset, -7200);
    /* Last Sunday of October is the 25th; -1:00 local (-02) = 24th 23:00 -02 = 25th 01:00Z. */
    slate_zone_lookup(z, T("2026-10-25T01:00:00Z"), &info);
    ck_assert_str_eq(info.abbr, "-03");
    slate_zone_lookup(z, T("1800-06-01T00:00:00Z"), &info);
    ck_assert_str_eq(info.abbr, "-02");
    slate_tzdb_free(tdb);
    remove_tmpdir();
}
END_TEST

START_TEST(tzif_truncated_everywhere) {
    uint8_t buf[4096];
    tzif_spec s = us_spec(2, "EST5EDT,M3.2.0,M11.1.0");
    size_t len = build_tzif(buf, &s);
    for (size_t cut = 0; cut < len; cut++) {
        tzif_data data;
        slate_error err;
        ck_assert_msg(slate__tzif_parse(buf, cut, "cut", &data, &err) == SLATE_EPARSE, "cut at %zu",
                      cut);
        ck_assert(strncmp(err.message, "cut: invalid TZif file: ", 24) == 0 ||
                  strncmp(err.message, "cut: invalid TZ string", 22) == 0);
        ck_assert_str_eq(err.file, "cut");
    }
    tzif_data data;
    ck_assert_int_eq(slate__tzif_parse(buf, len, "whole", &data, NULL), SLATE_OK);
    slate__tzif_data_free(&data);
}
END_TEST

/* Parses a corrupted copy of the US file and checks the reason given. */
static void expect_corrupt(size_t offset, uint8_t value, const char *reason) {
    uint8_t buf[4096];
    tzif_spec s = us_spec(2, "EST5EDT,M3.2.0,M11.1.0");
    size_t len = build_tzif(buf, &s);
    buf[offset] = value;
    tzif_data data;
    slate_error err;
    ck_assert_int_eq(slate__tzif_parse(buf, len, "f", &data, &err), SLATE_EPARSE);
    ck_assert_msg(strstr(err.message, reason) != NULL, "want '%s' in '%s'", reason, err.message);
}

START_TEST(tzif_corrupt_fields) {
    /* Offsets in the version 2 data: header at 51, times at 95, types at 119,
     * ttinfo at 122, chars at 140, footer at 152. */
    expect_corrupt(0, 'X', "missing \"TZif\" magic");
    expect_corrupt(4, '9', "unknown version");
    expect_corrupt(55, '3', "second header's version differs");
    expect_corrupt(51 + 39, 0, "type count must be 1 to 256");
    expect_corrupt(51 + 43, 0, "abbreviation block is empty");
    expect_corrupt(51 + 23, 1, "UT indicator count mismatch");
    expect_corrupt(95 + 8, 0xff, "not strictly ascending");
    expect_corrupt(119, 7, "transition type index out of range");
    expect_corrupt(122, 0x7f, "UT offset out of range");
    expect_corrupt(126, 2, "DST flag is not 0 or 1");
    expect_corrupt(127, 200, "abbreviation index out of range");
    expect_corrupt(151, 'X', "abbreviation not terminated");
    expect_corrupt(152, 'X', "missing footer");
    expect_corrupt(155, '!', "invalid TZ string");
}
END_TEST

START_TEST(tzif_bad_files_through_the_database) {
    uint8_t buf[4096];
    make_tmpdir();
    tzif_spec s = us_spec(2, "EST5EDT,M3.2.0,M11.1.0");
    size_t len = build_tzif(buf, &s);
    write_file("Short", buf, len / 2);
    static const char text[] = "# not a zone: a text file longer than a TZif header\n";
    write_file("Text", (const uint8_t *)text, sizeof text - 1);
    uint8_t *big = calloc(1, TZIF_MAX_BYTES + 1);
    memcpy(big, buf, len);
    write_file("Huge", big, TZIF_MAX_BYTES + 1);
    free(big);
    const char *names[] = {"Short", "Text", "Huge"};
    const char *reasons[] = {"truncated", "missing \"TZif\" magic", "larger than 1 MiB"};
    for (int i = 0; i < 3; i++) {
        slate_tzdb *tdb;
        const slate_zone *z;
        slate_error err;
        ck_assert_int_eq(load(names[i], &z, &tdb, &err), SLATE_EPARSE);
        ck_assert_msg(strstr(err.message, reasons[i]) != NULL, "%s", err.message);
        ck_assert(strstr(err.file, names[i]) != NULL);
        /* A failed load is not cached: asking again fails the same way. */
        ck_assert_int_eq(slate_tzdb_zone(tdb, names[i], &z, &err), SLATE_EPARSE);
        slate_tzdb_free(tdb);
    }
    remove_tmpdir();
}
END_TEST

static void expect_rule_error(const char *text, const char *reason);

/* Hostile input 2: transitions at the ends of 64 bits are refused, and one
 * at 2^59 with a footer builds without overflow. */
START_TEST(hostile_02_transition_at_int64_ends) {
    static const uint8_t type_of[] = {1};
    static const int32_t offsets[] = {-18000, -14400};
    static const uint8_t dst[] = {0, 1}, abbr[] = {0, 4};
    const int64_t ends[] = {INT64_MAX, INT64_MIN, TZIF_TIME_MAX + 1, TZIF_TIME_MIN - 1};
    uint8_t buf[4096];
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        tzif_spec s = {2,   1,    &ends[i],   type_of, 2, offsets,
                       dst, abbr, "EST\0EDT", 8,       0, "EST5EDT,M3.2.0,M11.1.0"};
        size_t len = build_tzif(buf, &s);
        tzif_data data;
        slate_error err;
        ck_assert_int_eq(slate__tzif_parse(buf, len, "f", &data, &err), SLATE_EPARSE);
        ck_assert_msg(strstr(err.message, "transition time beyond 2^59") != NULL, "%s",
                      err.message);
    }
    const int64_t far[] = {TZIF_TIME_MAX};
    make_tmpdir();
    tzif_spec s = {2,   1,    far,        type_of, 2, offsets,
                   dst, abbr, "EST\0EDT", 8,       0, "EST5EDT,M3.2.0,M11.1.0"};
    write_file("Far", buf, build_tzif(buf, &s));
    slate_tzdb *tdb;
    const slate_zone *z;
    slate_error err;
    ck_assert_msg(load("Far", &z, &tdb, &err) == SLATE_OK, "%s", err.message);
    /* Before its one transition the zone is in type 0 (EST) all along. */
    slate_zone_info info;
    slate_zone_lookup(z, T("2026-07-01T00:00:00Z"), &info);
    ck_assert_str_eq(info.abbr, "EST");
    slate_tzdb_free(tdb);
    remove_tmpdir();
}
END_TEST

/* Hostile input 3: a footer offset past 24 hours is refused (POSIX allows
 * hours 0 to 24), so every offset of a zone can be written as text. */
START_TEST(hostile_03_footer_offset_past_a_day) {
    expect_rule_error("<+167>-167", "invalid hours");
    expect_rule_error("EST5EDT25,M3.2.0,M11.1.0", "invalid hours");
    tz_rule r;
    char why[128];
    const char *text = "<+24>-24<+2459>-24:59,M3.2.0,M11.1.0";
    ck_assert_msg(slate__tz_rule_parse(text, strlen(text), &r, why, sizeof why), "%s", why);
    ck_assert_int_eq(r.std.utc_offset, 24 * 3600);
    char out[SLATE_TIME_TEXT_MAX];
    ck_assert_int_eq(
        slate_time_format(T("2026-03-06T10:00:00Z"), r.dst.utc_offset, out, sizeof out), SLATE_OK);
    ck_assert_str_eq(out, "2026-03-07T10:59:00+24:59");
}
END_TEST

/* Hostile input 23: abbreviations with control characters or bytes past
 * ASCII (terminal escapes, invalid UTF-8) are refused. */
/* 21: a FIFO (or any file that is not regular) in the zone directory is
 * refused at once instead of blocking open() under the database's lock. */
START_TEST(hostile_21_fifo_in_zone_directory) {
    char path[160];
    make_tmpdir();
    snprintf(path, sizeof path, "%s/Stuck", tmpdir);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    const slate_zone *z;
    slate_tzdb *fifo_db;
    slate_error err;
    ck_assert_int_eq(load("Stuck", &z, &fifo_db, &err), SLATE_EIO);
    ck_assert_str_eq(err.message, "cannot read time zone Stuck: not a regular file (errno 22)");
    ck_assert_str_eq(err.file, path);
    /* Asking again does not block either. */
    ck_assert_int_eq(slate_tzdb_zone(fifo_db, "Stuck", &z, &err), SLATE_EIO);
    slate_tzdb_free(fifo_db);
    remove_tmpdir();
}
END_TEST

START_TEST(hostile_23_abbreviation_bytes) {
    const char *bad[] = {"E\x1b[2J", "E\xffT", "E\tT"};
    static const int32_t offsets[] = {-18000};
    static const uint8_t dst[] = {0}, abbr[] = {0};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        uint8_t buf[4096];
        int n = (int)strlen(bad[i]) + 1;
        tzif_spec s = {2, 0, NULL, NULL, 1, offsets, dst, abbr, bad[i], n, 0, "EST5"};
        size_t len = build_tzif(buf, &s);
        tzif_data data;
        slate_error err;
        ck_assert_int_eq(slate__tzif_parse(buf, len, "f", &data, &err), SLATE_EPARSE);
        ck_assert_msg(strstr(err.message, "abbreviation is not printable ASCII") != NULL, "%s",
                      err.message);
    }
}
END_TEST

static void expect_rule_error(const char *text, const char *reason) {
    tz_rule rule;
    char why[128];
    ck_assert_msg(!slate__tz_rule_parse(text, strlen(text), &rule, why, sizeof why), "%s parsed",
                  text);
    ck_assert_msg(strstr(why, reason) != NULL, "%s: want '%s', got '%s'", text, reason, why);
}

START_TEST(posix_tz_strings) {
    tz_rule r;
    char why[128];
    const char *s = "<+0330>-3:30";
    ck_assert(slate__tz_rule_parse(s, strlen(s), &r, why, sizeof why));
    ck_assert_int_eq(r.std.utc_offset, 12600);
    ck_assert_str_eq(r.std.abbr, "+0330");
    ck_assert(!r.has_dst);
    s = "IST-1GMT0,M10.5.0,M3.5.0/1"; /* Dublin: negative DST */
    ck_assert(slate__tz_rule_parse(s, strlen(s), &r, why, sizeof why));
    ck_assert_int_eq(r.std.utc_offset, 3600);
    ck_assert_int_eq(r.dst.utc_offset, 0);
    ck_assert_int_eq(r.end.time, 3600);
    s = "EST5EDT"; /* no rule: the US default */
    ck_assert(slate__tz_rule_parse(s, strlen(s), &r, why, sizeof why));
    ck_assert_int_eq(r.start.month, 3);
    ck_assert_int_eq(r.end.month, 11);
    s = "AAA3BBB,J60/-167,59/167:59:59";
    ck_assert(slate__tz_rule_parse(s, strlen(s), &r, why, sizeof why));
    ck_assert_int_eq(r.start.time, -167 * 3600);
    ck_assert_int_eq(r.end.time, 167 * 3600 + 3599);
    expect_rule_error("ES5", "shorter than three letters");
    expect_rule_error("EST", "invalid hours");
    expect_rule_error("<EST5", "unterminated");
    expect_rule_error("<>5", "empty");
    expect_rule_error("EST5EDT,M13.1.0,M11.1.0", "month must be 1 to 12");
    expect_rule_error("EST5EDT,M3.6.0,M11.1.0", "week must be 1 to 5");
    expect_rule_error("EST5EDT,M3.2.7,M11.1.0", "weekday must be 0 to 6");
    expect_rule_error("EST5EDT,M3.2.0", "expected ','");
    expect_rule_error("EST5EDT,J0,J365", "Julian day");
    expect_rule_error("EST5EDT,M3.2.0/168,M11.1.0", "invalid hours");
    expect_rule_error("EST5EDT,M3.2.0,M11.1.0x", "unexpected characters");
    expect_rule_error("ABCDEFGHIJKLMNOPQ5", "longer than 15");
}
END_TEST

int main(void) {
    Suite *s = suite_create("tz");
    TCase *zones = tcase_create("zones");
    tcase_add_checked_fixture(zones, open_db, close_db);
    tcase_add_test(zones, deprecated_disambiguation_names);
    tcase_add_test(zones, dublin_negative_dst);
    tcase_add_test(zones, casablanca_ramadan);
    tcase_add_test(zones, nuuk_2023_change);
    tcase_add_test(zones, apia_skipped_day);
    tcase_add_test(zones, lord_howe_half_hour);
    tcase_add_test(zones, troll_two_hour_dst);
    tcase_add_test(zones, kathmandu_quarter_hour);
    tcase_add_test(zones, sao_paulo_after_2019);
    tcase_add_test(zones, far_future_from_footer);
    tcase_add_test(zones, before_first_transition);
    tcase_add_test(zones, new_york_disambiguation);
    tcase_add_test(zones, range_errors);
    tcase_add_test(zones, transitions_in_a_year);
    tcase_add_test(zones, names_and_links);
    tcase_add_test(zones, open_errors);
    tcase_add_test(zones, concurrent_first_use);
    suite_add_tcase(s, zones);
    TCase *files = tcase_create("tzif");
    tcase_add_test(files, tzif_versions);
    tcase_add_test(files, tzif_dst_all_year);
    tcase_add_test(files, tzif_footer_only);
    tcase_add_test(files, tzif_truncated_everywhere);
    tcase_add_test(files, tzif_corrupt_fields);
    tcase_add_test(files, tzif_bad_files_through_the_database);
    tcase_add_test(files, hostile_02_transition_at_int64_ends);
    tcase_add_test(files, hostile_03_footer_offset_past_a_day);
    tcase_add_test(files, hostile_21_fifo_in_zone_directory);
    tcase_add_test(files, hostile_23_abbreviation_bytes);
    tcase_add_test(files, posix_tz_strings);
    suite_add_tcase(s, files);
    return run_suite(s);
}
