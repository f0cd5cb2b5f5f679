/* slate evaluate --timeline: one ticket's targets on a time axis, each
 * stretch and mark labelled with the event and rule that caused it. */
#include "timeline.h"

#include <string.h>

#include "svg.h"

#define LEFT 190      /* lane labels */
#define PLOT 900      /* the time axis' width */
#define LANE_H 84     /* one lane: its bar and four rows of labels */
#define TOP 70        /* title and axis */
#define TICKS 6       /* labelled instants on the axis */
#define MAX_OPEN 2000 /* open stretches drawn one by one per running stretch */

typedef struct axis {
    slate_time from, to;
} axis;

static double x_of(const axis *ax, slate_time t) {
    if (t < ax->from) t = ax->from;
    if (t > ax->to) t = ax->to;
    return LEFT + (double)(t - ax->from) * PLOT / (double)(ax->to - ax->from);
}

static void widen(axis *ax, int has, slate_time t) {
    if (has && t > ax->to) ax->to = t;
}

/* From the first event to now, the due and breach instants and the firings. */
static axis axis_of(const timeline_input *in) {
    axis ax = {in->event_count ? in->events[0].at : in->now, in->now};
    for (size_t i = 0; i < in->result_count; i++) {
        const slate_sla_result *r = &in->results[i];
        for (size_t c = 0; c < r->cycle_count; c++) {
            widen(&ax, r->cycle_list[c].has_due, r->cycle_list[c].due);
            widen(&ax, r->cycle_list[c].breached, r->cycle_list[c].breach_time);
        }
    }
    for (size_t f = 0; f < in->escalations->fired_count; f++)
        widen(&ax, 1, in->escalations->fired[f].at);
    slate_time span = ax.to - ax.from;
    ax.to += span / 20 + 60; /* room after the last mark */
    return ax;
}

static void rect(FILE *out, const char *cls, const axis *ax, slate_time a, slate_time b, double y,
                 const slate_zone *zone, const char *title) {
    char from[16], to[16];
    if (b <= a) return;
    svg_clock(zone, a, 1, from);
    svg_clock(zone, b, 1, to);
    fprintf(
        out,
        "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\"><title>%s to %s ",
        cls, x_of(ax, a), y, x_of(ax, b) - x_of(ax, a), from, to);
    svg_text(out, title);
    fputs("</title></rect>\n", out);
}

/* A mark at t with a label (row 0 or 1 below the bar) and a tooltip. */
static void mark(FILE *out, const char *cls, const axis *ax, slate_time t, double y, int row,
                 const char *label, const char *title) {
    double x = x_of(ax, t);
    fprintf(out, "<g class=\"%s\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", cls, x,
            y - 4, x, y + 18 + 12 * row);
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">", x + 2, y + 28 + 12 * row);
    svg_text(out, label);
    fputs("</text><title>", out);
    svg_text(out, title);
    fputs("</title></g>\n", out);
}

static void lane_title(FILE *out, double y, const char *a, const char *b) {
    fprintf(out, "<text class=\"lane-title\" x=\"6\" y=\"%.1f\">", y + 11);
    svg_text(out, a);
    if (b != NULL) {
        fputc('/', out);
        svg_text(out, b);
    }
    fputs("</text>\n", out);
}

/* The events lane: each event's kind and the priority or status it sets. */
static void events_lane(FILE *out, const timeline_input *in, const axis *ax, double y) {
    lane_title(out, y, "events", NULL);
    for (size_t i = 0; i < in->event_count; i++) {
        const slate_event *e = &in->events[i];
        char label[120], when[16];
        size_t len =
            (size_t)snprintf(label, sizeof label, "#%zu %s", i, e->kind ? e->kind : "event");
        for (size_t f = 0; f < e->field_count && len < sizeof label; f++)
            if (strcmp(e->fields[f].name, "priority") == 0 ||
                strcmp(e->fields[f].name, "status") == 0)
                len += (size_t)snprintf(label + len, sizeof label - len, " %s=%s",
                                        e->fields[f].name, e->fields[f].value);
        svg_clock(in->zone, e->at, 1, when);
        char title[160];
        snprintf(title, sizeof title, "%s at %s", label, when);
        mark(out, "event", ax, e->at, y, (int)(i % 4), label, title);
    }
}

/* The state a target is in after step k, until the next step or now. */
static const char *state_class(slate_sla_state s) {
    return s == SLATE_SLA_RUNNING ? "running" : s == SLATE_SLA_PAUSED ? "paused" : NULL;
}

/* A running stretch: grey where its calendar is closed, green where open. */
static slate_status running(FILE *out, const timeline_input *in, const axis *ax,
                            const slate_sla_step *s, slate_time a, slate_time b, double y) {
    const slate_calendar *cal = s->calendar ? slate_policy_calendar(in->policy, s->calendar) : NULL;
    char title[200];
    snprintf(title, sizeof title, "running on %s (closed hours do not count)",
             s->calendar ? s->calendar : "?");
    rect(out, "closed", ax, a, b, y, in->zone, title);
    if (cal == NULL) return SLATE_OK;
    slate_interval_iter it;
    slate_interval iv;
    slate_status st = slate_calendar_intervals(cal, a, b, &it);
    snprintf(title, sizeof title, "running on %s: business time counts", s->calendar);
    for (int drawn = 0; st == SLATE_OK && slate_calendar_intervals_next(&it, &iv); drawn++) {
        if (drawn == MAX_OPEN) { /* narrower than a pixel by now: one band says it */
            rect(out, "running dense", ax, iv.start, b, y, in->zone,
                 "running: open and closed hours too many to draw one by one");
            break;
        }
        rect(out, "running", ax, iv.start, iv.end, y, in->zone, title);
    }
    return st;
}

static slate_status target_lane(FILE *out, const timeline_input *in, const slate_sla_result *r,
                                const axis *ax, double y) {
    lane_title(out, y, r->sla, r->target);
    slate_status st = SLATE_OK;
    int row = 0;
    for (size_t k = 0; k < r->step_count && st == SLATE_OK; k++) {
        const slate_sla_step *s = &r->steps[k];
        slate_time end = k + 1 < r->step_count ? r->steps[k + 1].at : in->now;
        const char *cls = state_class(s->to);
        if (cls != NULL && strcmp(cls, "running") == 0)
            st = running(out, in, ax, s, s->at, end, y);
        else if (cls != NULL)
            rect(out, cls, ax, s->at, end, y, in->zone, "paused: the clock stops");
        char label[120], title[300];
        const char *kind = s->event < in->event_count && in->events[s->event].kind
                               ? in->events[s->event].kind
                               : "event";
        snprintf(label, sizeof label, "%s (#%zu %s)", s->why, s->event, kind);
        snprintf(title, sizeof title, "%s -> %s by event #%zu %s; rule %s",
                 slate_sla_state_name(s->from), slate_sla_state_name(s->to), s->event, kind,
                 s->condition && *s->condition ? s->condition : "-");
        if (strcmp(s->why, "breach") != 0) mark(out, "step", ax, s->at, y, row++ % 2, label, title);
    }
    for (size_t c = 0; c < r->cycle_count; c++) {
        const slate_sla_cycle *cy = &r->cycle_list[c];
        char when[16], label[64];
        if (cy->has_due) {
            svg_clock(in->zone, cy->due, 1, when);
            snprintf(label, sizeof label, "due %s", when);
            mark(out, "due", ax, cy->due, y, 3, label, label);
        }
        if (cy->breached) {
            svg_clock(in->zone, cy->breach_time, 1, when);
            snprintf(label, sizeof label, "breached %s", when);
            mark(out, "breach", ax, cy->breach_time, y, 2, label, label);
        }
    }
    return st;
}

static void escalations_lane(FILE *out, const timeline_input *in, const axis *ax, double y) {
    lane_title(out, y, "escalations", NULL);
    for (size_t i = 0; i < in->escalations->fired_count; i++) {
        const slate_escalation *f = &in->escalations->fired[i];
        char label[200], when[16];
        int n = snprintf(label, sizeof label, "%s/%s", f->chain, f->step);
        if (f->oncall_member != NULL && n > 0 && (size_t)n < sizeof label)
            snprintf(label + n, sizeof label - (size_t)n, " -> %s", f->oncall_member);
        svg_clock(in->zone, f->at, 1, when);
        char title[260];
        snprintf(title, sizeof title, "%s fired %s (rule %s)", label, when,
                 f->rule ? f->rule : "-");
        mark(out, "firing", ax, f->at, y, (int)(i % 4), label, title);
    }
}

static const char style[] =
    "<style>\n"
    "text { font-family: sans-serif; font-size: 10px; fill: #222; }\n"
    ".title { font-size: 15px; font-weight: bold; } .lane-title { font-size: 12px; font-weight: "
    "bold; }\n"
    ".axis line { stroke: #bbb; } .axis text { fill: #555; }\n"
    ".running { fill: #3c9a5f; } .running.dense { fill: #8cc7a0; } .closed { fill: #c9c9c9; } "
    ".paused { fill: #e3a21a; }\n"
    ".step line, .event line { stroke: #333; } .firing line { stroke: #6a3fb5; }\n"
    ".due line { stroke: #2f6fb5; stroke-dasharray: 4 2; } .due text { fill: #2f6fb5; }\n"
    ".breach line { stroke: #d9342b; stroke-width: 2; } .breach text { fill: #d9342b; font-weight: "
    "bold; }\n"
    ".now line { stroke: #000; stroke-dasharray: 2 2; }\n"
    "</style>\n";

slate_status timeline_svg(FILE *out, const timeline_input *in) {
    axis ax = axis_of(in);
    size_t lanes = in->result_count + 2;
    double height = TOP + (double)lanes * LANE_H + 40;
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%.0f\" viewBox=\"0 0 "
            "%d %.0f\">\n%s<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n",
            LEFT + PLOT + 120, height, LEFT + PLOT + 120, height, style);
    char now[16];
    svg_clock(in->zone, in->now, 1, now);
    fputs("<text class=\"title\" x=\"6\" y=\"22\">", out);
    svg_text(out, in->ticket ? in->ticket : "(no id)");
    fprintf(out, " at %s (%s)</text>\n<g class=\"axis\">\n", now,
            in->zone ? slate_zone_name(in->zone) : "UTC");
    for (int k = 0; k <= TICKS; k++) {
        slate_time t = ax.from + (ax.to - ax.from) * k / TICKS;
        char when[16];
        svg_clock(in->zone, t, 1, when);
        fprintf(out,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.0f\"/><text x=\"%.1f\" "
                "y=\"%d\">%s</text>\n",
                x_of(&ax, t), TOP - 18, x_of(&ax, t), height - 40, x_of(&ax, t) - 30, TOP - 24,
                when);
    }
    fputs("</g>\n", out);
    events_lane(out, in, &ax, TOP);
    slate_status st = SLATE_OK;
    for (size_t i = 0; i < in->result_count && st == SLATE_OK; i++)
        st = target_lane(out, in, &in->results[i], &ax, TOP + (double)(i + 1) * LANE_H);
    escalations_lane(out, in, &ax, TOP + (double)(lanes - 1) * LANE_H);
    mark(out, "now", &ax, in->now, TOP, 0, "", "now");
    fprintf(out,
            "<text x=\"6\" y=\"%.0f\">green: running, business time counts; grey: running while "
            "the calendar is closed; amber: paused; dashed blue: due; red: breached</text>\n",
            height - 14);
    fputs("</svg>\n", out);
    return st;
}
