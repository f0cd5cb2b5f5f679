/* "Did you mean": edit distance and the nearest known name. */
#include <string.h>

#include "suggest.h"

#define SUGGEST_MAX_LEN 64

static char fold_char(char c, int fold) {
    return fold && c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

int slate__edit_distance(const char *a, size_t n, const char *b, size_t m, int fold) {
    if (n > SUGGEST_MAX_LEN || m > SUGGEST_MAX_LEN) return SLATE_SUGGEST_FAR;
    int d[SUGGEST_MAX_LEN + 1][SUGGEST_MAX_LEN + 1];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            char x = fold_char(a[i - 1], fold), y = fold_char(b[j - 1], fold);
            int best = d[i - 1][j - 1] + (x != y);
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && x == fold_char(b[j - 2], fold) &&
                fold_char(a[i - 2], fold) == y && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m] < SLATE_SUGGEST_FAR ? d[n][m] : SLATE_SUGGEST_FAR;
}

void slate__suggest_start(slate__suggestion *s, const char *word, size_t len, int fold) {
    s->word = word;
    s->len = len;
    s->fold = fold;
    s->best = NULL;
    s->distance = SLATE_SUGGEST_FAR;
}

void slate__suggest_consider(slate__suggestion *s, const char *candidate) {
    size_t m = strlen(candidate);
    int most = m >= 8 ? 2 : 1;
    size_t gap = m > s->len ? m - s->len : s->len - m;
    if (gap > (size_t)most || (m == s->len && memcmp(candidate, s->word, m) == 0)) return;
    /* A difference of case alone is the likeliest mistake of all. */
    int d = slate__edit_distance(s->word, s->len, candidate, m, 1) == 0
                ? 0
                : slate__edit_distance(s->word, s->len, candidate, m, s->fold);
    /* An edit must leave most of a name standing: "P9" is not "P1". */
    size_t longer = m > s->len ? m : s->len;
    if (d > 0 && (d > most || (size_t)(2 * d) >= longer)) return;
    if (d < s->distance) {
        s->distance = d;
        s->best = candidate;
    }
}
