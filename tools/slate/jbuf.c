/* JSON output without printf: see jbuf.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jbuf.h"

void jb_raw(jbuf *b, const char *s, size_t n) {
    if (b->failed) return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n)
            cap *= 2;
        char *bigger = realloc(b->p, cap);
        if (bigger == NULL) {
            b->failed = 1;
            return;
        }
        b->p = bigger, b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

void jb_str(jbuf *b, const char *s) { jb_raw(b, s, strlen(s)); }

void jb_json(jbuf *b, const char *s) {
    static const char hex[] = "0123456789abcdef";
    if (s == NULL) {
        jb_raw(b, "null", 4);
        return;
    }
    jb_raw(b, "\"", 1);
    for (;;) {
        size_t run = 0;
        while (s[run] != '\0' && s[run] != '"' && s[run] != '\\' && (unsigned char)s[run] >= 0x20)
            run++;
        jb_raw(b, s, run);
        s += run;
        if (*s == '\0') break;
        unsigned char c = (unsigned char)*s++;
        char esc[6] = {'\\', (char)c, 0, 0, 0, 0};
        if (c < 0x20)
            esc[1] = 'u', esc[2] = '0', esc[3] = '0', esc[4] = hex[c >> 4], esc[5] = hex[c & 15];
        jb_raw(b, esc, c < 0x20 ? 6 : 2);
    }
    jb_raw(b, "\"", 1);
}

void jb_int(jbuf *b, long long v) {
    char digits[24];
    size_t n = sizeof digits;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do
        digits[--n] = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0) digits[--n] = '-';
    jb_raw(b, digits + n, sizeof digits - n);
}

void jb_tenths(jbuf *b, double v) {
    char text[32];
    int n = snprintf(text, sizeof text, "%.1f", v); /* printf's rounding, exactly */
    jb_raw(b, text, n > 0 ? (size_t)n : 0);
}

static void two(char *p, int v) {
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
}

void jb_time(jbuf *b, int has, slate_time t) {
    if (!has) {
        jb_raw(b, "null", 4);
        return;
    }
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400), secs = t - days * 86400;
    int32_t year;
    int month, day;
    slate_civil_from_days(days, &year, &month, &day);
    if (year < 1000 ||
        year > 9999) { /* not reached within slate's range; keep the library's format */
        char text[SLATE_TIME_TEXT_MAX + 2];
        text[0] = '"';
        if (slate_time_format(t, 0, text + 1, SLATE_TIME_TEXT_MAX) != SLATE_OK) text[1] = '\0';
        jb_str(b, text);
        jb_raw(b, "\"", 1);
        return;
    }
    char s[23] = "\"0000-00-00T00:00:00Z\"";
    two(s + 1, year / 100), two(s + 3, year % 100), two(s + 6, month), two(s + 9, day);
    two(s + 12, (int)(secs / 3600)), two(s + 15, (int)(secs / 60 % 60)),
        two(s + 18, (int)(secs % 60));
    jb_raw(b, s, 22);
}

int jb_flush(jbuf *b, FILE *out) {
    int ok = !b->failed && (b->len == 0 || fwrite(b->p, 1, b->len, out) == b->len);
    b->len = 0;
    b->failed = 0;
    return ok;
}

void jb_free(jbuf *b) {
    free(b->p);
    b->p = NULL, b->len = b->cap = 0;
}
