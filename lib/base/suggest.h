/* "Did you mean": the known name nearest to a mistyped one. Standalone
 * (the slate command compiles it too, for its options). */
#ifndef SLATE_BASE_SUGGEST_H
#define SLATE_BASE_SUGGEST_H

#include <stddef.h>

/* Distances are capped here: anything this far or farther is "not close". */
#define SLATE_SUGGEST_FAR 9

/* The edit distance (insertions, deletions, substitutions and swaps of two
 * neighbours: optimal string alignment) between a[0..n) and b[0..m), ASCII
 * letters compared without case when fold. SLATE_SUGGEST_FAR when either
 * is longer than 64 bytes or the distance is that large. */
int slate__edit_distance(const char *a, size_t n, const char *b, size_t m, int fold);

/* The nearest candidate seen so far to a word. */
typedef struct slate__suggestion {
    const char *word;
    size_t len;
    int fold;
    const char *best; /* NULL until a candidate is close enough */
    int distance;
} slate__suggestion;

/* Starts a search for the candidate nearest to word[0..len) (case ignored
 * when fold, as zone names want). */
void slate__suggest_start(slate__suggestion *s, const char *word, size_t len, int fold);

/* Keeps candidate when it is nearer than the best so far and close enough:
 * a difference of case alone, or one edit for names shorter than eight
 * bytes and two for longer ones, as long as the edits change less than
 * half of the longer name ("P9" does not suggest "P1"). An exact match is
 * never suggested. The candidate must outlive the search. */
void slate__suggest_consider(slate__suggestion *s, const char *candidate);

#endif /* SLATE_BASE_SUGGEST_H */
