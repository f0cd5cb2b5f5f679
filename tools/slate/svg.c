/* What the SVG views share: escaping text and showing local times. */
#include "svg.h"

static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void svg_text(FILE *out, const char *s) {
    for (; s != NULL && *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
    }
}

void svg_clock(const slate_zone *zone, slate_time t, int with_date, char text[16]) {
    slate_civil c = {0};
    if (zone == NULL || slate_zone_to_civil(zone, t, &c) != SLATE_OK) {
        int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400), s = t - days * 86400;
        slate_civil_from_days(days, &c.year, &c.month, &c.day);
        c.hour = (int)(s / 3600), c.minute = (int)(s / 60 % 60);
    }
    if (with_date)
        snprintf(text, 16, "%02d %s %02d:%02d", c.day % 100, months[(c.month + 11) % 12],
                 c.hour % 100, c.minute % 100);
    else
        snprintf(text, 16, "%02d:%02d", c.hour % 100, c.minute % 100);
}
