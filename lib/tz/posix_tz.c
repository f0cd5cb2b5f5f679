/* Parsing and evaluating the POSIX TZ string of a TZif footer. */
#include <stdio.h>
#include <string.h>

#include "../base/base.h"
#include "posix_tz.h"

typedef struct scan {
    const char *p;
    const char *end;
    char *why;
    size_t why_cap;
} scan;

static int scan_fail(scan *s, const char *what) {
    snprintf(s->why, s->why_cap, "%s", what);
    return 0;
}

static int peek(const scan *s) { return s->p < s->end ? (unsigned char)*s->p : -1; }

static int is_alpha(int c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
static int is_digit(int c) { return c >= '0' && c <= '9'; }

/* An abbreviation: three or more letters, or <...> of letters, digits, + and -. */
static int scan_name(scan *s, char *out) {
    const char *start;
    size_t n;
    if (peek(s) == '<') {
        start = ++s->p;
        while (s->p < s->end &&
               (is_alpha(*s->p) || is_digit(*s->p) || *s->p == '+' || *s->p == '-'))
            s->p++;
        n = (size_t)(s->p - start);
        if (peek(s) != '>') return scan_fail(s, "unterminated or invalid <quoted> abbreviation");
        s->p++;
        if (n == 0) return scan_fail(s, "empty <quoted> abbreviation");
    } else {
        start = s->p;
        while (s->p < s->end && is_alpha(*s->p))
            s->p++;
        n = (size_t)(s->p - start);
        if (n < 3) return scan_fail(s, "abbreviation shorter than three letters");
    }
    if (n >= SLATE_ABBR_MAX) return scan_fail(s, "abbreviation longer than 15 characters");
    memcpy(out, start, n);
    out[n] = '\0';
    return 1;
}

static int scan_number(scan *s, int max_digits, int *value) {
    int v = 0, digits = 0;
    while (is_digit(peek(s)) && digits < max_digits) {
        v = v * 10 + (*s->p++ - '0');
        digits++;
    }
    if (digits == 0) return 0;
    *value = v;
    return 1;
}

/* [+-]hh[:mm[:ss]] with hours up to max_hours; the sign is returned applied. */
static int scan_hms(scan *s, int max_hours, int32_t *out) {
    int sign = 1, h, m = 0, sec = 0;
    if (peek(s) == '+' || peek(s) == '-') sign = *s->p++ == '-' ? -1 : 1;
    if (!scan_number(s, 3, &h) || h > max_hours) return scan_fail(s, "invalid hours");
    if (peek(s) == ':') {
        s->p++;
        if (!scan_number(s, 2, &m) || m > 59) return scan_fail(s, "invalid minutes");
        if (peek(s) == ':') {
            s->p++;
            if (!scan_number(s, 2, &sec) || sec > 59) return scan_fail(s, "invalid seconds");
        }
    }
    *out = sign * (h * 3600 + m * 60 + sec);
    return 1;
}

static int scan_rule_date(scan *s, tz_rule_date *d) {
    int c = peek(s);
    if (c == 'J') {
        s->p++;
        d->kind = 'J';
        if (!scan_number(s, 3, &d->day) || d->day < 1 || d->day > 365)
            return scan_fail(s, "Julian day must be 1 to 365");
    } else if (c == 'M') {
        s->p++;
        d->kind = 'M';
        if (!scan_number(s, 2, &d->month) || d->month < 1 || d->month > 12)
            return scan_fail(s, "rule month must be 1 to 12");
        if (peek(s) != '.' || (s->p++, !scan_number(s, 1, &d->week)) || d->week < 1 || d->week > 5)
            return scan_fail(s, "rule week must be 1 to 5");
        if (peek(s) != '.' || (s->p++, !scan_number(s, 1, &d->weekday)) || d->weekday > 6)
            return scan_fail(s, "rule weekday must be 0 to 6");
    } else if (is_digit(c)) {
        d->kind = 'N';
        if (!scan_number(s, 3, &d->day) || d->day > 365)
            return scan_fail(s, "zero-based day must be 0 to 365");
    } else {
        return scan_fail(s, "expected a rule date (Jn, n or Mm.w.d)");
    }
    d->time = 2 * 3600;
    if (peek(s) == '/') {
        s->p++;
        if (!scan_hms(s, 167, &d->time)) return 0;
    }
    return 1;
}

int slate__tz_rule_parse(const char *str, size_t len, tz_rule *out, char *why, size_t why_cap) {
    scan s = {str, str + len, why, why_cap};
    int32_t posix_offset;
    memset(out, 0, sizeof *out);
    if (!scan_name(&s, out->std.abbr)) return 0;
    /* Offsets as POSIX allows (hours 0 to 24); rule times may go to 167. */
    if (!scan_hms(&s, 24, &posix_offset)) return 0;
    out->std.utc_offset = -posix_offset; /* POSIX counts west-positive */
    if (peek(&s) == -1) return 1;
    out->has_dst = 1;
    out->dst.is_dst = 1;
    if (!scan_name(&s, out->dst.abbr)) return 0;
    out->dst.utc_offset = out->std.utc_offset + 3600;
    if (peek(&s) != ',' && peek(&s) != -1) {
        if (!scan_hms(&s, 24, &posix_offset)) return 0;
        out->dst.utc_offset = -posix_offset;
    }
    if (peek(&s) == -1) {
        /* No rule: the tz reference code's default, the US rules since 2007. */
        out->start = (tz_rule_date){'M', 0, 3, 2, 0, 7200};
        out->end = (tz_rule_date){'M', 0, 11, 1, 0, 7200};
        return 1;
    }
    if (peek(&s) != ',') return scan_fail(&s, "expected ',' before the DST start rule");
    s.p++;
    if (!scan_rule_date(&s, &out->start)) return 0;
    if (peek(&s) != ',') return scan_fail(&s, "expected ',' before the DST end rule");
    s.p++;
    if (!scan_rule_date(&s, &out->end)) return 0;
    if (peek(&s) != -1) return scan_fail(&s, "unexpected characters after the rules");
    return 1;
}

/* Days since 1970 of local midnight of the rule's date in `year`. */
static int64_t rule_day(const tz_rule_date *d, int32_t year) {
    int64_t jan1 = slate_days_from_civil(year, 1, 1);
    int leap = slate_days_in_month(year, 2) == 29;
    switch (d->kind) {
    case 'J': return jan1 + d->day - 1 + (leap && d->day >= 60);
    case 'N': return jan1 + d->day;
    default: {
        int64_t first = slate_days_from_civil(year, d->month, 1);
        int first_dow = slate_weekday(first) % 7; /* 0 = Sunday */
        int64_t day = first + (d->weekday - first_dow + 7) % 7 + 7 * (d->week - 1);
        int64_t month_end = first + slate_days_in_month(year, d->month);
        while (day >= month_end)
            day -= 7;
        return day;
    }
    }
}

void slate__tz_rule_year(const tz_rule *rule, int32_t year, int64_t *start, int64_t *end) {
    *start = rule_day(&rule->start, year) * 86400 + rule->start.time - rule->std.utc_offset;
    *end = rule_day(&rule->end, year) * 86400 + rule->end.time - rule->dst.utc_offset;
}
