/* ISO 8601 / RFC 3339 text for instants, local date-times and durations. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base.h"

/* A cursor over the text being parsed, for column-accurate errors. */
typedef struct cursor {
    const char *text;
    const char *p;
} cursor;

static slate_status cursor_fail(const cursor *cur, slate_error *err, slate_status code,
                                const char *what) {
    int column = (int)(cur->p - cur->text) + 1;
    slate__fail(err, code, "%s at column %d of \"%.120s\"", what, column, cur->text);
    slate__error_where(err, NULL, 1, column, NULL);
    return code;
}

/* Reads exactly n digits. */
static int read_fixed(cursor *cur, int n, int *value) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        char ch = cur->p[i];
        if (ch < '0' || ch > '9') {
            cur->p += i;
            return 0;
        }
        v = v * 10 + (ch - '0');
    }
    cur->p += n;
    *value = v;
    return 1;
}

static int accept(cursor *cur, char ch) {
    if (*cur->p != ch) return 0;
    cur->p++;
    return 1;
}

/* YYYY-MM-DD */
static slate_status read_date(cursor *cur, slate_civil *c, slate_error *err) {
    int y, m, d;
    if (!read_fixed(cur, 4, &y))
        return cursor_fail(cur, err, SLATE_EPARSE, "expected a 4-digit year");
    if (!accept(cur, '-'))
        return cursor_fail(cur, err, SLATE_EPARSE, "expected '-' after the year");
    if (!read_fixed(cur, 2, &m))
        return cursor_fail(cur, err, SLATE_EPARSE, "expected a 2-digit month");
    if (!accept(cur, '-'))
        return cursor_fail(cur, err, SLATE_EPARSE, "expected '-' after the month");
    if (!read_fixed(cur, 2, &d))
        return cursor_fail(cur, err, SLATE_EPARSE, "expected a 2-digit day");
    c->year = y;
    c->month = m;
    c->day = d;
    return SLATE_OK;
}

/* HH:MM[:SS[.fff]] ; fractions only when allow_fraction. */
static slate_status read_clock(cursor *cur, slate_civil *c, int allow_fraction, slate_error *err) {
    int h, mi, s = 0;
    if (!read_fixed(cur, 2, &h))
        return cursor_fail(cur, err, SLATE_EPARSE, "expected a 2-digit hour");
    if (!accept(cur, ':'))
        return cursor_fail(cur, err, SLATE_EPARSE, "expected ':' after the hour");
    if (!read_fixed(cur, 2, &mi))
        return cursor_fail(cur, err, SLATE_EPARSE, "expected 2-digit minutes");
    if (accept(cur, ':')) {
        if (!read_fixed(cur, 2, &s))
            return cursor_fail(cur, err, SLATE_EPARSE, "expected 2-digit seconds");
        if (s == 60)
            return cursor_fail(cur, err, SLATE_EPARSE,
                               "leap second 60 is not supported (POSIX time)");
        if (allow_fraction && (*cur->p == '.' || *cur->p == ',')) {
            cur->p++;
            if (*cur->p < '0' || *cur->p > '9')
                return cursor_fail(cur, err, SLATE_EPARSE,
                                   "expected digits after the decimal mark");
            while (*cur->p >= '0' && *cur->p <= '9')
                cur->p++;
        }
    }
    c->hour = h;
    c->minute = mi;
    c->second = s;
    return SLATE_OK;
}

static int is_date_time_separator(char ch) { return ch == 'T' || ch == 't' || ch == ' '; }

/* Checks the fields; with any_year the year is left to the caller (an
 * instant with an offset may show a local year just outside the range). */
static slate_status check_fields(const cursor *cur, const slate_civil *c, int any_year,
                                 slate_error *err) {
    slate_error detail;
    /* slate_civil_check reports a bad field before a year out of range. */
    slate_status st = slate_civil_check(c, &detail);
    if (st == SLATE_OK || (any_year && st == SLATE_ERANGE)) return SLATE_OK;
    slate__fail(err, st, "%s in \"%.120s\"", detail.message, cur->text);
    slate__error_where(err, NULL, 1, 1, NULL);
    return st;
}

/* Z | z | (+|-)HH[[:]MM] ; sets *offset to seconds east. */
static slate_status read_offset(cursor *cur, int32_t *offset, slate_error *err) {
    if (accept(cur, 'Z') || accept(cur, 'z')) {
        *offset = 0;
        return SLATE_OK;
    }
    int sign = *cur->p == '+' ? 1 : *cur->p == '-' ? -1 : 0;
    if (sign == 0)
        return cursor_fail(cur, err, SLATE_EPARSE, "expected 'Z' or a UTC offset such as +05:30");
    cur->p++;
    int h, m = 0;
    if (!read_fixed(cur, 2, &h))
        return cursor_fail(cur, err, SLATE_EPARSE, "expected 2-digit offset hours");
    if (*cur->p == ':') {
        cur->p++;
        if (!read_fixed(cur, 2, &m))
            return cursor_fail(cur, err, SLATE_EPARSE, "expected 2-digit offset minutes");
    } else if (*cur->p >= '0' && *cur->p <= '9') {
        if (!read_fixed(cur, 2, &m))
            return cursor_fail(cur, err, SLATE_EPARSE, "expected 2-digit offset minutes");
    }
    if (h > 23 || m > 59) return cursor_fail(cur, err, SLATE_EPARSE, "UTC offset out of range");
    *offset = sign * (h * 3600 + m * 60);
    return SLATE_OK;
}

static int64_t civil_to_local_seconds(const slate_civil *c) {
    return slate_days_from_civil(c->year, c->month, c->day) * 86400 + c->hour * 3600 +
           c->minute * 60 + c->second;
}

SLATE_API slate_status slate_time_parse(const char *text, slate_time *out, slate_error *err) {
    if (text == NULL || out == NULL) return slate__fail(err, SLATE_EMISUSE, "text or out is NULL");
    cursor cur = {text, text};
    slate_civil c;
    int32_t offset;
    slate_status st = read_date(&cur, &c, err);
    if (st != SLATE_OK) return st;
    if (!is_date_time_separator(*cur.p))
        return cursor_fail(&cur, err, SLATE_EPARSE, "expected 'T' and a time of day");
    cur.p++;
    if ((st = read_clock(&cur, &c, 1, err)) != SLATE_OK) return st;
    if ((st = read_offset(&cur, &offset, err)) != SLATE_OK) return st;
    if (*cur.p != '\0')
        return cursor_fail(&cur, err, SLATE_EPARSE, "unexpected text after the instant");
    if ((st = check_fields(&cur, &c, 1, err)) != SLATE_OK) return st;
    slate_time t = civil_to_local_seconds(&c) - offset;
    if (!slate__time_in_range(t)) {
        slate__fail(err, SLATE_ERANGE, "\"%.120s\" is outside the years %d to %d", text,
                    SLATE_YEAR_MIN, SLATE_YEAR_MAX);
        return SLATE_ERANGE;
    }
    *out = t;
    return SLATE_OK;
}

SLATE_API slate_status slate_civil_parse(const char *text, slate_civil *out, slate_error *err) {
    if (text == NULL || out == NULL) return slate__fail(err, SLATE_EMISUSE, "text or out is NULL");
    cursor cur = {text, text};
    slate_civil c = {0, 0, 0, 0, 0, 0};
    slate_status st = read_date(&cur, &c, err);
    if (st != SLATE_OK) return st;
    if (is_date_time_separator(*cur.p)) {
        cur.p++;
        if ((st = read_clock(&cur, &c, 0, err)) != SLATE_OK) return st;
    }
    if (*cur.p != '\0')
        return cursor_fail(&cur, err, SLATE_EPARSE,
                           "unexpected text after the local date-time (no offset is allowed here)");
    if ((st = check_fields(&cur, &c, 0, err)) != SLATE_OK) return st;
    *out = c;
    return SLATE_OK;
}

SLATE_API slate_status slate_time_format(slate_time t, int32_t utc_offset, char *buf, size_t cap) {
    if (buf == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(t) || utc_offset <= -100 * 3600 || utc_offset >= 100 * 3600)
        return SLATE_ERANGE;
    int64_t local = t + utc_offset;
    int64_t days = slate__floordiv(local, 86400);
    int64_t secs = local - days * 86400;
    int32_t y;
    int m, d;
    slate_civil_from_days(days, &y, &m, &d);
    char zone[16];
    if (utc_offset == 0) {
        strcpy(zone, "Z");
    } else {
        int32_t a = utc_offset < 0 ? -utc_offset : utc_offset;
        char sign = utc_offset < 0 ? '-' : '+';
        if (a % 60 != 0)
            snprintf(zone, sizeof zone, "%c%02d:%02d:%02d", sign, (int)(a / 3600),
                     (int)(a / 60 % 60), (int)(a % 60));
        else
            snprintf(zone, sizeof zone, "%c%02d:%02d", sign, (int)(a / 3600), (int)(a / 60 % 60));
    }
    int n = snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d%s", (int)y, m, d, (int)(secs / 3600),
                     (int)(secs / 60 % 60), (int)(secs % 60), zone);
    if (n < 0 || (size_t)n >= cap) {
        if (cap > 0) buf[0] = '\0';
        return SLATE_EINVAL;
    }
    return SLATE_OK;
}

/* The most a duration may be: 1000 years of seconds. */
#define DURATION_MAX ((int64_t)1000 * 366 * 86400)

SLATE_API slate_status slate_duration_parse(const char *text, slate_duration *out,
                                            slate_error *err) {
    if (text == NULL || out == NULL) return slate__fail(err, SLATE_EMISUSE, "text or out is NULL");
    static const char units[] = "WDHMS";
    static const int64_t unit_seconds[] = {7 * 86400, 86400, 3600, 60, 1};
    cursor cur = {text, text};
    int sign = 1;
    if (*cur.p == '-' || *cur.p == '+') sign = *cur.p++ == '-' ? -1 : 1;
    if (!accept(&cur, 'P'))
        return cursor_fail(&cur, err, SLATE_EPARSE, "expected 'P' to start a duration");
    int in_time = 0, next_unit = 0, components = 0;
    int64_t total = 0;
    while (*cur.p != '\0') {
        if (*cur.p == 'T') {
            if (in_time) return cursor_fail(&cur, err, SLATE_EPARSE, "a second 'T'");
            in_time = 1;
            next_unit = 2;
            cur.p++;
            if (*cur.p == '\0')
                return cursor_fail(&cur, err, SLATE_EPARSE,
                                   "expected hours, minutes or seconds after 'T'");
            continue;
        }
        if (*cur.p < '0' || *cur.p > '9')
            return cursor_fail(&cur, err, SLATE_EPARSE, "expected a number");
        int64_t n = 0;
        while (*cur.p >= '0' && *cur.p <= '9') {
            n = n * 10 + (*cur.p++ - '0');
            if (n > DURATION_MAX)
                return cursor_fail(&cur, err, SLATE_ERANGE, "duration is longer than 1000 years");
        }
        if (*cur.p == '.' || *cur.p == ',')
            return cursor_fail(&cur, err, SLATE_EPARSE,
                               "fractions are not supported; use a smaller unit");
        char unit = *cur.p;
        if (!in_time && (unit == 'Y' || unit == 'M'))
            return cursor_fail(&cur, err, SLATE_EPARSE,
                               "years and months have no fixed length; use weeks or days");
        const char *found = unit != '\0' ? strchr(units, unit) : NULL;
        int index = found != NULL ? (int)(found - units) : -1;
        if (index < 0 || (in_time && index < 2) || (!in_time && index >= 2))
            return cursor_fail(&cur, err, SLATE_EPARSE,
                               in_time ? "expected a unit H, M or S"
                                       : "expected a unit W or D (or 'T')");
        if (index < next_unit) return cursor_fail(&cur, err, SLATE_EPARSE, "units out of order");
        next_unit = index + 1;
        total += n * unit_seconds[index];
        if (total > DURATION_MAX)
            return cursor_fail(&cur, err, SLATE_ERANGE, "duration is longer than 1000 years");
        components++;
        cur.p++;
    }
    if (components == 0)
        return cursor_fail(&cur, err, SLATE_EPARSE,
                           "a duration needs at least one number and unit");
    *out = sign * total;
    return SLATE_OK;
}

SLATE_API slate_status slate_duration_format(slate_duration d, char *buf, size_t cap) {
    if (buf == NULL) return SLATE_EMISUSE;
    uint64_t a = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
    uint64_t days = a / 86400, hours = a / 3600 % 24, minutes = a / 60 % 60, seconds = a % 60;
    char tmp[SLATE_DURATION_TEXT_MAX];
    size_t n = 0;
    n += (size_t)snprintf(tmp + n, sizeof tmp - n, "%sP", d < 0 ? "-" : "");
    if (days) n += (size_t)snprintf(tmp + n, sizeof tmp - n, "%" PRIu64 "D", days);
    if (hours || minutes || seconds || a == 0) {
        n += (size_t)snprintf(tmp + n, sizeof tmp - n, "T");
        if (hours) n += (size_t)snprintf(tmp + n, sizeof tmp - n, "%" PRIu64 "H", hours);
        if (minutes) n += (size_t)snprintf(tmp + n, sizeof tmp - n, "%" PRIu64 "M", minutes);
        if (seconds || a == 0)
            n += (size_t)snprintf(tmp + n, sizeof tmp - n, "%" PRIu64 "S", seconds);
    }
    if (n >= cap) {
        if (cap > 0) buf[0] = '\0';
        return SLATE_EINVAL;
    }
    memcpy(buf, tmp, n + 1);
    return SLATE_OK;
}
