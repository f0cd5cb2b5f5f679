/* Wall-clock times as policies write them, and the strict form of a time
 * written loosely, for the advice in error messages. */
#include <ctype.h>
#include <string.h>

#include "wall_clock.h"

int32_t slate__wall_clock_parse(const char *s, int allow_24) {
    size_t n = strlen(s);
    if ((n != 5 && n != 8) || s[2] != ':' || (n == 8 && s[5] != ':')) return -1;
    for (size_t i = 0; i < n; i++)
        if (i % 3 != 2 && (s[i] < '0' || s[i] > '9')) return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    int sec = n == 8 ? (s[6] - '0') * 10 + (s[7] - '0') : 0;
    if (m > 59 || sec > 59 || h > 24 || (h == 24 && (m != 0 || sec != 0 || !allow_24))) return -1;
    return h * 3600 + m * 60 + sec;
}

/* Reads one or two digits at *p into *value; returns how many were read. */
static int digits(const char **p, int most, int *value) {
    int n = 0;
    *value = 0;
    while (n < most && isdigit((unsigned char)**p)) {
        *value = *value * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n;
}

/* 'a' or 'p' for a trailing "am", "a.m.", "PM"..., '\0' for none, '?' for
 * anything else left over. */
static char meridiem(const char *p) {
    while (*p == ' ')
        p++;
    if (*p == '\0') return '\0';
    char which = (char)tolower((unsigned char)*p++);
    if (which != 'a' && which != 'p') return '?';
    if (*p == '.') p++;
    if (tolower((unsigned char)*p) != 'm') return '?';
    p++;
    if (*p == '.') p++;
    return *p == '\0' ? which : '?';
}

int slate__wall_clock_strict(const char *s, int allow_24, char out[12]) {
    const char *p = s;
    int h, m = 0, sec = 0, with_seconds = 0;
    int count = digits(&p, 4, &h);
    if (count == 0) return 0;
    if (count > 2) { /* "0900", "930": hours and minutes without the colon */
        m = h % 100;
        h /= 100;
    } else if (*p == ':') {
        p++;
        if (digits(&p, 2, &m) != 2) return 0;
        if (*p == ':') {
            p++;
            if (digits(&p, 2, &sec) != 2) return 0;
            with_seconds = 1;
        }
    }
    char half = meridiem(p);
    if (half == '?') return 0;
    if (half != '\0') {
        if (h < 1 || h > 12) return 0;
        h = h % 12 + (half == 'p' ? 12 : 0);
    }
    if (m > 59 || sec > 59 || h > 24 || (h == 24 && (m || sec || !allow_24))) return 0;
    const int fields[3] = {h, m, sec};
    size_t n = 0;
    for (int i = 0; i < 2 + with_seconds; i++) {
        if (i > 0) out[n++] = ':';
        out[n++] = (char)('0' + fields[i] / 10);
        out[n++] = (char)('0' + fields[i] % 10);
    }
    out[n] = '\0';
    return 1;
}
