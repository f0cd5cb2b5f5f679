/* The compiled calendar.
 *
 * A calendar is a name and its rules' JSON Pointers (slate_calendar) over a
 * core: the definition and its compiled form, which identical calendars of
 * many policies may share (share.h). The supported range is cut into
 * windows of WINDOW_SECONDS, each compiled the first time a query touches
 * it and published without a lock. Inside a window the open set is cut into
 * segments: in a regular segment it repeats every UTC week (a week pattern);
 * in an explicit one (around holidays, overrides, composition edges) it is a
 * list of spans. Each segment records the open time from its window's start,
 * each window its total, and each block of BLOCK_WINDOWS windows its total
 * once every window in it is compiled: a measure inside a window is two
 * binary searches, and one across windows adds totals. */
#ifndef SLATE_CALENDAR_IMPL_H
#define SLATE_CALENDAR_IMPL_H

#include <stdatomic.h>

#include "holiday.h"
#include "slate/calendar.h"
#include "spans.h"

#define WEEK_SECONDS (7 * 86400)
/* Monday 1970-01-05 00:00: weeks (UTC and local) are counted from here. */
#define WEEK_ANCHOR (4 * 86400)
/* The windows cover [SEG_START, SEG_END). */
#define SEG_START SLATE_TIME_MIN
#define SEG_END (SLATE_TIME_MAX + 1)
/* A window is 2^25 s (about 388 days); see docs/guides/limits.md. */
#define WINDOW_SHIFT 25
#define WINDOW_SECONDS ((int64_t)1 << WINDOW_SHIFT)
#define WINDOW_COUNT ((int)((SEG_END - SEG_START + WINDOW_SECONDS - 1) >> WINDOW_SHIFT))
#define BLOCK_WINDOWS 32
#define BLOCK_COUNT ((WINDOW_COUNT + BLOCK_WINDOWS - 1) / BLOCK_WINDOWS)
/* Most parts of one union, intersection or minus. */
#define CAL_MAX_PARTS 64
/* Holiday rules yield dates in these years only (a margin for zones). */
#define HOLIDAY_FIRST_YEAR (SLATE_YEAR_MIN - 1)
#define HOLIDAY_LAST_YEAR (SLATE_YEAR_MAX + 1)

typedef enum cal_kind { CAL_LEAF, CAL_ALWAYS, CAL_UNION, CAL_INTERSECTION, CAL_MINUS } cal_kind;

/* A wall-clock piece of a day: [start, end) seconds after local midnight. */
typedef struct day_piece {
    int32_t start, end;
    uint8_t source; /* slate_interval_source */
    uint32_t rule;  /* index into the calendar's rules */
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
    int64_t open_before;  /* open time from the window's start to this segment's */
    int64_t pattern_base; /* regular: the pattern's own measure at start */
    int32_t pattern;      /* >= 0: regular, index into patterns; -1: explicit */
    uint32_t first;       /* explicit: its spans are pool[first, next segment's first) */
} segment;

typedef struct pattern {
    uint32_t first, count; /* spans in week_pool, within [0, WEEK_SECONDS) */
    int64_t week_open;
} pattern;

typedef struct span_pool {
    int64_t *start, *end, *cum;
    size_t count, cap;
} span_pool;

/* The closed local days of a leaf over [first, last], sorted; `direct`
 * instead works them out from the rules day by day (no memory needed). */
typedef struct leaf_days {
    const int64_t *closed;
    size_t count;
    int64_t first, last;
    int direct;
} leaf_days;

/* One compiled window: [start, end). */
typedef struct cal_window {
    int64_t start, end;
    int64_t open; /* open seconds in the window */
    segment *segments;
    size_t segment_count;
    pattern *patterns;
    size_t pattern_count;
    span_pool pool;      /* explicit segments' spans, in segment order */
    span_pool week_pool; /* week patterns' spans */
    int64_t *closed;     /* a leaf's closed days near the window (days below) */
    leaf_days days;
    size_t bytes; /* what the window holds */
} cal_window;

typedef struct cal_block {
    _Atomic(cal_window *) windows[BLOCK_WINDOWS];
    _Atomic int64_t open; /* open seconds in the block; -1 until all its windows are in */
} cal_block;

/* What the rules say, whatever the zone. */
typedef struct cal_def {
    cal_kind kind;
    /* A leaf. */
    day_plan weekly[7]; /* Monday first: own pieces and the spill into the day */
    day_plan own[7];    /* the same without the spill (the day before is an exception) */
    int overnight[7];   /* the weekday's hours spill into the next day */
    day_piece *pieces;
    size_t piece_count, piece_cap;
    int64_t *closed; /* sorted closed dates (one-date rules) */
    size_t closed_count, closed_cap;
    dated_plan *overrides; /* sorted by day */
    size_t override_count, override_cap;
    holiday_rule *holidays; /* recurring rules, expanded per window */
    size_t holiday_count, holiday_cap;
    /* A composition: references to the parts' cores. */
    struct cal_core **children;
    size_t child_count;
} cal_def;

/* A definition in a zone, and its windows as compiled so far. */
typedef struct cal_core {
    const cal_def *def; /* &own, or borrowed from the core this is an instance of */
    cal_def own;
    const slate_zone *zone; /* a leaf's zone; NULL otherwise (windows do not depend on it) */
    _Atomic(cal_block *) blocks[BLOCK_COUNT];
    /* Sharing (share.h): references, and the registry that holds it. */
    atomic_size_t refs;
    struct cal_registry *registry;
    uint64_t hash;
    struct cal_core *next_shared;
} cal_core;

/* A closure by name (closures.c): a holiday rule, or a stretch. */
typedef struct cal_closure {
    holiday_rule rule;     /* a closed day's rule, when end == start */
    slate_time start, end; /* a stretch, when end > start */
    char *name;            /* or NULL */
    char *source;
} cal_closure;

struct slate_calendar {
    char *name;
    char *pointer;            /* JSON Pointer of the calendar in its policy */
    const slate_zone *zone;   /* a leaf's zone; a composition's dates' zone */
    char *zone_field;         /* a ticket field naming the zone to read it in, or NULL */
    int zone_unknown_default; /* an unknown zone in that field reads as `zone` */
    char **rules;             /* JSON Pointers of weekly, override and holiday rules */
    size_t rule_count, rule_cap;
    cal_core *core; /* one reference */
    /* Its business days, indexed per window as queries reach them (bdays.h):
     * per calendar, since they follow the zone of its dates. */
    _Atomic(struct bd_block *) bd_blocks[BLOCK_COUNT];
    /* Instances in other zones (instances.h). */
    _Atomic(struct slate_calendar *) instances; /* made on demand, never removed */
    struct slate_calendar *next_instance;       /* in the list of the calendar made from */
    int borrowed;          /* an instance: name, pointer, zone field and rules are its origin's */
    cal_closure *closures; /* its rules' closures, by name, for listings */
    size_t closure_count, closure_cap;
};

/* ---- windows (window.c) ---- */

/* The window with index w of core k, compiled on first use. Thread-safe.
 * SLATE_ENOMEM when it cannot be compiled: the walks below then read it
 * from the rules (direct.c). */
slate_status slate__core_window(const cal_core *k, int w, const cal_window **out);

/* The window index of u, for u in [SEG_START, SEG_END). */
static inline int slate__window_index(int64_t u) { return (int)((u - SEG_START) >> WINDOW_SHIFT); }

/* Open (closed = 0) or closed (1) seconds of a window in [start, u), u in [start, end]. */
int64_t slate__window_measure(const cal_window *win, int64_t u, int closed);

/* Smallest u in the window with slate__window_measure(win, u, closed) >= v,
 * for 0 < v <= the window's total. */
int64_t slate__window_first(const cal_window *win, int64_t v, int closed);

/* Open (or closed) seconds of core k in [a, b), SEG_START <= a <= b <= SEG_END. */
int64_t slate__core_between(const cal_core *k, int64_t a, int64_t b, int closed);

/* The same for a < b, given a_local (the measure of a inside its window;
 * -1 when not known); *b_local receives b's, for the next call. */
int64_t slate__core_between_known(const cal_core *k, int64_t a, int64_t a_local, int64_t b,
                                  int closed, int64_t *b_local);

/* The smallest u >= t with slate__core_between(k, t, u) >= v (v >= 1).
 * Returns 0 when none lies before SEG_END, with what there is in *available. */
int slate__core_advance(const cal_core *k, int64_t t, int64_t v, int closed, int64_t *u,
                        int64_t *available);

/* The largest u <= t with slate__core_between(k, u, t) >= v (v >= 1), as
 * slate__core_advance backwards from t to SEG_START. */
int slate__core_retreat(const cal_core *k, int64_t t, int64_t v, int closed, int64_t *u,
                        int64_t *available);

/* Bytes the core's definition and compiled windows hold. */
size_t slate__core_memory(const cal_core *k);

/* Frees the windows. */
void slate__core_free_windows(cal_core *k);

/* ---- compiling one window (compile.c) ---- */

/* Compiles window w of k; the parts of a composition are compiled as needed. */
slate_status slate__window_compile(const cal_core *k, int w, cal_window **out);

void slate__window_free(cal_window *win);

/* ---- a leaf from its definition (leaf.c) ---- */

/* The pieces of local day `day` of a leaf, in order, disjoint. */
size_t slate__leaf_day_pieces(const cal_def *d, const leaf_days *days, int64_t day,
                              const day_piece **out, day_piece *scratch, size_t scratch_cap);

/* ---- without memory (direct.c): the same answers as the windows ---- */

/* Whether k is open at x (*open), and the first instant after x, up to
 * limit, where that changes (limit when it does not). */
int64_t slate__direct_next_change(const cal_core *k, int64_t x, int64_t limit, int *open);

/* Open (closed = 0) or closed (1) seconds of k in [x, y). */
int64_t slate__direct_between(const cal_core *k, int64_t x, int64_t y, int closed);

/* The smallest u in (x, limit] with slate__direct_between(k, x, u, closed)
 * >= v (v >= 1); 0 when there is none. */
int slate__direct_first(const cal_core *k, int64_t x, int64_t limit, int64_t v, int closed,
                        int64_t *u);

#endif /* SLATE_CALENDAR_IMPL_H */
