/* slate calendar chart: a week of calendars as a standalone SVG (no
 * scripts, fonts or files): days as rows, hours as columns, each day as
 * long as it really is (23 or 25 hours across a DST change). */
#include "chart.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "svg.h"

#define LEFT 150    /* room for the day labels */
#define HOUR_PX 30  /* one hour's width */
#define ROW_H 22    /* one day's height */
#define BAND_TOP 46 /* a band's title and hour axis */
#define WIDTH (LEFT + 25 * HOUR_PX + 20)
#define MAX_SPANS 4096 /* open stretches of one day, all calendars together */

static const char *const weekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

typedef struct span {
    slate_time start, end;
} span;

int chart_parse_week(const char *text, int64_t *monday) {
    int year, week, used = 0;
    if (sscanf(text, "%4d-W%2d%n", &year, &week, &used) != 2 || used != 8 || strlen(text) != 8 ||
        year < 1900 || year > 2399 || week < 1)
        return 0;
    int64_t jan4 = slate_days_from_civil(year, 1, 4);
    int64_t first = jan4 - (slate_weekday(jan4) - 1); /* Monday of week 1 */
    int64_t next_first = slate_days_from_civil(year + 1, 1, 4);
    next_first -= slate_weekday(next_first) - 1;
    *monday = first + 7 * (int64_t)(week - 1);
    return *monday < next_first;
}

/* The local midnight starting day in zone (UTC for NULL). */
static slate_status midnight(const slate_zone *zone, int64_t day, slate_time *out) {
    int32_t year;
    int month, mday;
    slate_civil_from_days(day, &year, &month, &mday);
    return cli_local_midnight(zone, year, month, mday, out) ? SLATE_OK : SLATE_ERANGE;
}

static double x_of(slate_time t, slate_time day_start) {
    return LEFT + (double)(t - day_start) * HOUR_PX / 3600.0;
}

/* One rect for [a, b) of the row starting at y, with a tooltip. */
static void stretch(FILE *out, const char *cls, slate_time a, slate_time b, slate_time day_start,
                    double y, const slate_zone *zone, const char *label) {
    char from[16], to[16];
    svg_clock(zone, a, 0, from);
    svg_clock(zone, b, 0, to);
    fprintf(out,
            "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\"><title>%s-%s",
            cls, x_of(a, day_start), y + 3, x_of(b, day_start) - x_of(a, day_start), ROW_H - 6,
            from, to);
    if (label != NULL) {
        fputc(' ', out);
        svg_text(out, label);
    }
    fputs("</title></rect>\n", out);
}

/* The day's row: its label, its real length and an hour tick each hour. */
static void day_row(FILE *out, int64_t day, slate_time start, slate_time end, double y,
                    const slate_zone *zone) {
    int32_t year;
    int month, mday;
    slate_civil_from_days(day, &year, &month, &mday);
    long hours = (long)((end - start) / 3600);
    fprintf(out, "<text class=\"day-label\" x=\"6\" y=\"%.1f\">%s %02d %s", y + 15,
            weekdays[slate_weekday(day) - 1], mday, months[month - 1]);
    if (end - start != 86400) fprintf(out, " (%ld h)", hours);
    fputs("</text>\n", out);
    fprintf(out, "<rect class=\"day%s\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\"/>\n",
            end - start != 86400 ? " dst" : "", LEFT, y + 3, x_of(end, start) - LEFT, ROW_H - 6);
    for (slate_time h = start + 3600; h < end; h += 3600) {
        fprintf(out, "<line class=\"tick\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                x_of(h, start), y + 3, x_of(h, start), y + ROW_H - 3);
        if (end - start != 86400) { /* label the hours of a DST day: one repeats or goes missing */
            char text[16];
            svg_clock(zone, h, 0, text);
            text[2] = '\0';
            fprintf(out, "<text class=\"hour dst\" x=\"%.1f\" y=\"%.1f\">%s</text>\n",
                    x_of(h, start) + 2, y + ROW_H - 5, text);
        }
    }
}

static void band_title(FILE *out, double y, const char *name, const slate_zone *zone) {
    fprintf(out, "<text class=\"band-title\" x=\"6\" y=\"%.1f\">", y + 18);
    svg_text(out, name);
    fputs(" (", out);
    svg_text(out, zone ? slate_zone_name(zone) : "UTC");
    fputs(")</text>\n", out);
    for (int h = 0; h <= 24; h += 3)
        fprintf(out, "<text class=\"hour\" x=\"%d\" y=\"%.1f\">%02d</text>\n",
                LEFT + h * HOUR_PX - 6, y + 40, h);
}

/* One calendar's band of seven rows. */
static slate_status calendar_band(FILE *out, const slate_calendar *c, const slate_zone *zone,
                                  int64_t monday, double y) {
    band_title(out, y, slate_calendar_name(c), zone);
    fprintf(out, "<g class=\"band\" data-calendar=\"");
    svg_text(out, slate_calendar_name(c));
    fputs("\">\n", out);
    slate_status st = SLATE_OK;
    for (int d = 0; d < 7 && st == SLATE_OK; d++) {
        slate_time ds, de;
        double row = y + BAND_TOP + d * ROW_H;
        if ((st = midnight(zone, monday + d, &ds)) != SLATE_OK ||
            (st = midnight(zone, monday + d + 1, &de)) != SLATE_OK)
            break;
        day_row(out, monday + d, ds, de, row, zone);
        slate_interval_iter it;
        slate_interval iv;
        if ((st = slate_calendar_intervals(c, ds, de, &it)) != SLATE_OK) break;
        while (slate_calendar_intervals_next(&it, &iv))
            stretch(out, iv.source == SLATE_SOURCE_OVERRIDE ? "open override" : "open", iv.start,
                    iv.end, ds, row, zone, iv.source == SLATE_SOURCE_OVERRIDE ? iv.rule : NULL);
        slate_closure_iter ci;
        slate_closure h;
        if ((st = slate_calendar_closures(c, ds, de, &ci)) != SLATE_OK) break;
        while (slate_calendar_closures_next(&ci, &h)) {
            slate_time a = h.start > ds ? h.start : ds, b = h.end < de ? h.end : de;
            const char *name = h.name != NULL ? h.name : h.source;
            stretch(out, "closed", a, b, ds, row, zone, name);
            fprintf(out, "<text class=\"closed-label\" x=\"%.1f\" y=\"%.1f\">", x_of(a, ds) + 4,
                    row + 15);
            svg_text(out, name);
            fputs("</text>\n", out);
        }
    }
    fputs("</g>\n", out);
    return st;
}

static int by_start(const void *pa, const void *pb) {
    const span *a = pa, *b = pb;
    return (a->start > b->start) - (a->start < b->start);
}

/* The open stretches of every calendar in [ds, de), sorted; 0 past MAX_SPANS. */
static slate_status day_spans(const slate_calendar *const *cals, size_t count, slate_time ds,
                              slate_time de, span *spans, size_t *n) {
    *n = 0;
    for (size_t k = 0; k < count; k++) {
        slate_interval_iter it;
        slate_interval iv;
        slate_status st = slate_calendar_intervals(cals[k], ds, de, &it);
        if (st != SLATE_OK) return st;
        while (slate_calendar_intervals_next(&it, &iv)) {
            if (*n == MAX_SPANS) return SLATE_ELIMIT;
            spans[(*n)++] = (span){iv.start, iv.end};
        }
    }
    qsort(spans, *n, sizeof *spans, by_start);
    return SLATE_OK;
}

/* The union of the calendars, its gaps highlighted. */
static slate_status coverage_band(FILE *out, const slate_calendar *const *cals, size_t count,
                                  const slate_zone *zone, int64_t monday, double y) {
    band_title(out, y, "coverage: any calendar open", zone);
    fputs("<g class=\"band coverage\">\n", out);
    span *spans = malloc(MAX_SPANS * sizeof *spans);
    slate_status st = spans == NULL ? SLATE_ENOMEM : SLATE_OK;
    for (int d = 0; d < 7 && st == SLATE_OK; d++) {
        slate_time ds, de;
        size_t n;
        double row = y + BAND_TOP + d * ROW_H;
        if ((st = midnight(zone, monday + d, &ds)) != SLATE_OK ||
            (st = midnight(zone, monday + d + 1, &de)) != SLATE_OK ||
            (st = day_spans(cals, count, ds, de, spans, &n)) != SLATE_OK)
            break;
        day_row(out, monday + d, ds, de, row, zone);
        slate_time cursor = ds;
        for (size_t i = 0; i < n;) {
            slate_time a = spans[i].start, b = spans[i].end;
            for (i++; i < n && spans[i].start <= b; i++)
                if (spans[i].end > b) b = spans[i].end;
            if (a > cursor) stretch(out, "gap", cursor, a, ds, row, zone, "nobody open");
            stretch(out, "covered", a, b, ds, row, zone, NULL);
            cursor = b;
        }
        if (cursor < de) stretch(out, "gap", cursor, de, ds, row, zone, "nobody open");
    }
    free(spans);
    fputs("</g>\n", out);
    return st;
}

static const char style[] =
    "<style>\n"
    "text { font-family: sans-serif; font-size: 11px; fill: #222; }\n"
    ".chart-title { font-size: 15px; font-weight: bold; }\n"
    ".band-title { font-size: 13px; font-weight: bold; }\n"
    ".hour { font-size: 9px; fill: #666; }\n"
    ".day { fill: #f1f1f1; } .day.dst { fill: #e4e4f7; }\n"
    ".tick { stroke: #fff; stroke-width: 1; }\n"
    ".open { fill: #3c9a5f; } .open.override { fill: #2f6fb5; }\n"
    ".closed { fill: url(#hatch); } .closed-label { font-size: 10px; fill: #8a3b00; }\n"
    ".covered { fill: #9fd3ae; } .gap { fill: #d9342b; }\n"
    "</style>\n";

slate_status chart_week_svg(FILE *out, const slate_calendar *const *calendars, size_t count,
                            const slate_zone *zone, int64_t monday, const char *title) {
    int bands = (int)count + (count > 1);
    double band_h = BAND_TOP + 7 * ROW_H + 16;
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%.0f\" "
            "viewBox=\"0 0 %d %.0f\">\n",
            WIDTH, 40 + bands * band_h + 30, WIDTH, 40 + bands * band_h + 30);
    fputs(style, out);
    fputs("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
          "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f6d7b8\"/>"
          "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#c8641e\" stroke-width=\"2\"/>"
          "</pattern></defs>\n",
          out);
    fputs("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n", out);
    fputs("<text class=\"chart-title\" x=\"6\" y=\"24\">", out);
    svg_text(out, title);
    fputs("</text>\n", out);
    slate_status st = SLATE_OK;
    for (size_t k = 0; k < count && st == SLATE_OK; k++) {
        const slate_zone *z = zone != NULL ? zone : slate_calendar_zone(calendars[k]);
        st = calendar_band(out, calendars[k], z, monday, 40 + (double)k * band_h);
    }
    if (st == SLATE_OK && count > 1)
        st = coverage_band(out, calendars, count,
                           zone != NULL ? zone : slate_calendar_zone(calendars[0]), monday,
                           40 + (double)count * band_h);
    fprintf(out,
            "<text class=\"legend\" x=\"6\" y=\"%.0f\">green: open; blue: per-date hours; "
            "hatched: closed by name; red: nobody open; shaded rows: a DST change makes the "
            "day 23 or 25 hours</text>\n",
            40 + bands * band_h + 14);
    fputs("</svg>\n", out);
    return st;
}
