/* What an unknown zone name most likely meant. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../base/suggest.h"
#include "zone_hint.h"

/* Abbreviations people write for a zone, with the zones they may mean. */
static const struct {
    const char *abbr, *zones;
} abbreviations[] = {
    {"IST", "Asia/Kolkata (India), Europe/Dublin (Ireland) or Asia/Jerusalem (Israel)"},
    {"EST", "America/New_York (it keeps daylight saving time; EST alone does not)"},
    {"EDT", "America/New_York"},
    {"CST", "America/Chicago or Asia/Shanghai (China)"},
    {"CDT", "America/Chicago"},
    {"MST", "America/Denver, or America/Phoenix (no daylight saving time)"},
    {"MDT", "America/Denver"},
    {"PST", "America/Los_Angeles"},
    {"PDT", "America/Los_Angeles"},
    {"AKST", "America/Anchorage"},
    {"HST", "Pacific/Honolulu"},
    {"BST", "Europe/London"},
    {"CET", "Europe/Paris, Europe/Berlin or Europe/Warsaw (and so on)"},
    {"CEST", "Europe/Paris, Europe/Berlin or Europe/Warsaw (and so on)"},
    {"EET", "Europe/Athens, Europe/Helsinki or Europe/Kyiv (and so on)"},
    {"EEST", "Europe/Athens, Europe/Helsinki or Europe/Kyiv (and so on)"},
    {"WET", "Europe/Lisbon"},
    {"MSK", "Europe/Moscow"},
    {"PHT", "Asia/Manila"},
    {"PHST", "Asia/Manila"},
    {"SGT", "Asia/Singapore"},
    {"HKT", "Asia/Hong_Kong"},
    {"JST", "Asia/Tokyo"},
    {"KST", "Asia/Seoul"},
    {"WIB", "Asia/Jakarta"},
    {"PKT", "Asia/Karachi"},
    {"AEST", "Australia/Sydney, or Australia/Brisbane (no daylight saving time)"},
    {"AEDT", "Australia/Sydney"},
    {"AWST", "Australia/Perth"},
    {"NZST", "Pacific/Auckland"},
    {"SAST", "Africa/Johannesburg"},
    {"WAT", "Africa/Lagos"},
    {"EAT", "Africa/Nairobi"},
    {"GST", "Asia/Dubai"},
    {"BRT", "America/Sao_Paulo"},
    {"ART", "America/Argentina/Buenos_Aires"},
};

#define HINT_MAX_ENTRIES 5000 /* a zone directory holds about 1,800 entries */
#define HINT_MAX_DEPTH 3
#define HINT_PATH_MAX 1024

typedef struct walk {
    slate__suggestion near;
    char best[HINT_PATH_MAX];
    size_t root; /* length of the directory's path: the zone name follows it */
    size_t visited;
} walk;

/* Offers the zone name at the end of path to the search, keeping a copy
 * when it is the best so far (path changes as the walk goes on). */
static void consider(walk *w, const char *path) {
    const char *zone = path + w->root + 1;
    slate__suggest_consider(&w->near, zone);
    if (w->near.best == zone) {
        snprintf(w->best, sizeof w->best, "%s", zone);
        w->near.best = w->best;
    }
}

/* Offers every zone file under path (of length at) to the search. */
static void walk_dir(walk *w, char *path, size_t at, int depth) {
    DIR *d = opendir(path);
    if (d == NULL) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && w->visited++ < HINT_MAX_ENTRIES) {
        const char *n = e->d_name;
        size_t len = strlen(n);
        /* Zone names start with a capital (Etc/UTC, America/...); posix/
         * and right/ repeat the tree; names with a '.' are tables. */
        if (n[0] == '.' || strchr(n, '.') != NULL || (depth == 0 && (n[0] < 'A' || n[0] > 'Z')) ||
            at + len + 2 >= HINT_PATH_MAX)
            continue;
        path[at] = '/';
        memcpy(path + at + 1, n, len + 1);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            if (depth + 1 < HINT_MAX_DEPTH) walk_dir(w, path, at + 1 + len, depth + 1);
        } else if (S_ISREG(st.st_mode)) {
            consider(w, path);
        }
    }
    path[at] = '\0';
    closedir(d);
}

void slate__zone_hint(const char *dir, const char *name, char *out, size_t cap) {
    out[0] = '\0';
    for (size_t i = 0; i < sizeof abbreviations / sizeof abbreviations[0]; i++)
        if (strcasecmp(name, abbreviations[i].abbr) == 0) {
            snprintf(out, cap, "; %s is an abbreviation, not a zone: use %s", abbreviations[i].abbr,
                     abbreviations[i].zones);
            return;
        }
    walk w;
    char path[HINT_PATH_MAX];
    memset(&w, 0, sizeof w);
    w.root = strlen(dir);
    if (w.root + 2 >= sizeof path) return;
    memcpy(path, dir, w.root + 1);
    slate__suggest_start(&w.near, name, strlen(name), 1);
    walk_dir(&w, path, w.root, 0);
    if (w.near.best != NULL) snprintf(out, cap, "; did you mean %s?", w.near.best);
}
