/* The compiled calendar. A calendar's open set over the supported range is
 * cut into segments. In a regular segment the set repeats every UTC week:
 * it is a week pattern. In an explicit segment (around holidays, overrides,
 * composition edges) it is a list of spans. Each segment records the open
 * time from the start of the range to its start, so measures and their
 * inverses are two binary searches, whatever the span. */
#ifndef SLATE_CALENDAR_IMPL_H
#define SLATE_CALENDAR_IMPL_H

#include <stdatomic.h>

#include "holiday.h"
#include "slate/calendar.h"
#include "spans.h"

#define WEEK_SECONDS (7 * 86400)
/* Monday 1970-01-05 00:00: weeks (UTC and local) are counted from here. */
#define WEEK_ANCHOR (4 * 86400)
/* The segments cover [SEG_START, SEG_END). */
#define SEG_START SLATE_TIME_MIN
#define SEG_END (SLATE_TIME_MAX + 1)
/* Holiday rules are expanded over these years (a margin for zones). */
#define HOLIDAY_FIRST_YEAR (SLATE_YEAR_MIN - 1)
#define HOLIDAY_LAST_YEAR (SLATE_YEAR_MAX + 1)

typedef enum cal_kind { CAL_LEAF, CAL_ALWAYS, CAL_UNION, CAL_INTERSECTION, CAL_MINUS } cal_kind;

/* A wall-clock piece of a day: [start, end) seconds after local midnight. */
typedef struct day_piece {
    int32_t start, end;
    uint8_t source; /* slate_interval_source */
    uint32_t rule;  /* index into rules */
} day_piece;

typedef struct day_plan {
    uint32_t first, count; /* into pieces */
} day_plan;

typedef struct dated_plan {
    int64_t day;
    day_plan plan;
} dated_plan;

typedef struct segment {
    int64_t start;
    int64_t open_before; /* open time in [SEG_START, start) */
    int32_t pattern;     /* >= 0: regular, index into patterns; -1: explicit */
    uint32_t first;      /* explicit: its spans are pool[first, next segment's first) */
} segment;

typedef struct pattern {
    uint32_t first, count; /* spans in week_pool, within [0, WEEK_SECONDS) */
    int64_t week_open;
} pattern;

typedef struct span_pool {
    int64_t *start, *end, *cum;
    size_t count, cap;
} span_pool;

struct slate_calendar {
    char *name;
    char *pointer; /* JSON Pointer of the calendar in its policy */
    cal_kind kind;
    const slate_zone *zone;
    char *zone_field;         /* a ticket field naming the zone to read it in, or NULL */
    int zone_unknown_default; /* an unknown zone in that field reads as `zone` */
    /* Leaf definition. */
    day_plan weekly[7]; /* Monday first: own pieces and the spill into the day */
    day_plan own[7];    /* the same without the spill (the day before is an exception) */
    int overnight[7];   /* the weekday's hours spill into the next day */
    day_piece *pieces;
    size_t piece_count, piece_cap;
    int64_t *closed; /* sorted closed days */
    size_t closed_count, closed_cap;
    dated_plan *overrides; /* sorted by day */
    size_t override_count, override_cap;
    holiday_rule *holidays;
    size_t holiday_count, holiday_cap;
    char **rules; /* JSON Pointers of weekly, override and holiday rules */
    size_t rule_count, rule_cap;
    /* Composition. */
    const slate_calendar **children;
    size_t child_count;
    /* Compiled. */
    segment *segments;
    size_t segment_count;
    int64_t total_open; /* open time in [SEG_START, SEG_END) */
    pattern *patterns;
    size_t pattern_count;
    span_pool pool;      /* explicit segments' spans, in segment order */
    span_pool week_pool; /* week patterns' spans */
    /* Instances in other zones (instances.h). */
    _Atomic(struct slate_calendar *) instances; /* made on demand, never removed */
    struct slate_calendar *next_instance;       /* in the list of the calendar made from */
    int shares;                                 /* 1: definition borrowed; 2: compiled too */
};

/* The pieces of local day `day` of a leaf, in order, disjoint. */
size_t slate__leaf_day_pieces(const slate_calendar *c, int64_t day, const day_piece **out,
                              day_piece *scratch, size_t scratch_cap);

/* Appends the leaf's open spans in [x, y) to out, merged. 0 on no memory. */
int slate__leaf_spans(const slate_calendar *c, int64_t x, int64_t y, span_list *out);

/* Appends any calendar's open spans in [x, y) (from its compiled form). */
int slate__cal_spans(const slate_calendar *c, int64_t x, int64_t y, span_list *out);

/* Compiles the segments; children must be compiled. */
slate_status slate__cal_compile(slate_calendar *c, slate_error *err);

/* Open (closed = 0) or closed (1) time in [SEG_START, u), u in [SEG_START, SEG_END]. */
int64_t slate__cal_measure(const slate_calendar *c, int64_t u, int closed);

/* Smallest u with slate__cal_measure(c, u, closed) >= v; 0 when none in range. */
int slate__cal_first(const slate_calendar *c, int64_t v, int closed, int64_t *u);

#endif /* SLATE_CALENDAR_IMPL_H */
