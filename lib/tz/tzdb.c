/* The database: a directory of TZif files and a cache of the zones read
 * from it. The cache is a fixed array of buckets, each a list that only
 * grows at its head. Readers walk it with acquire loads and no lock; a
 * writer holds the mutex, checks again, reads the file and publishes the
 * new entry with a release store, so each zone is read once. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/base.h"
#include "zone.h"
#include "zone_hint.h"

#define BUCKETS 512
#define NAME_MAX_BYTES 255

typedef struct zone_entry {
    struct zone_entry *next;
    slate_zone zone;
} zone_entry;

struct slate_tzdb {
    char *dir;
    pthread_mutex_t lock;
    _Atomic(zone_entry *) buckets[BUCKETS];
    void *attachment; /* a higher layer's shared state (zone.h), freed with the db */
    void (*attachment_free)(void *);
};

static size_t name_hash(const char *s) {
    size_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h % BUCKETS;
}

SLATE_API slate_status slate_tzdb_open(const char *dir, slate_tzdb **out, slate_error *err) {
    if (out == NULL) return slate__fail(err, SLATE_EMISUSE, "out is NULL");
    *out = NULL;
    if (dir == NULL) {
        const char *env = getenv("TZDIR");
        dir = env != NULL && *env != '\0' ? env : "/usr/share/zoneinfo";
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        slate__fail(err, SLATE_ENOENT, "time zone directory %s does not exist", dir);
        slate__error_where(err, dir, 0, 0, NULL);
        return SLATE_ENOENT;
    }
    slate_tzdb *db = slate__calloc(1, sizeof *db);
    if (db == NULL || (db->dir = slate__strdup(dir)) == NULL) {
        slate__free(db);
        return slate__fail(err, SLATE_ENOMEM, "out of memory opening %s", dir);
    }
    if (pthread_mutex_init(&db->lock, NULL) != 0) {
        slate__free(db->dir);
        slate__free(db);
        return slate__fail(err, SLATE_ENOMEM, "cannot create the zone cache lock");
    }
    for (size_t i = 0; i < BUCKETS; i++)
        atomic_init(&db->buckets[i], NULL);
    *out = db;
    return SLATE_OK;
}

SLATE_API void slate_tzdb_free(slate_tzdb *db) {
    if (db == NULL) return;
    if (db->attachment_free != NULL) db->attachment_free(db->attachment);
    for (size_t i = 0; i < BUCKETS; i++) {
        zone_entry *e = atomic_load_explicit(&db->buckets[i], memory_order_relaxed);
        while (e != NULL) {
            zone_entry *next = e->next;
            slate__zone_release(&e->zone);
            slate__free(e);
            e = next;
        }
    }
    pthread_mutex_destroy(&db->lock);
    slate__free(db->dir);
    slate__free(db);
}

SLATE_API const char *slate_tzdb_dir(const slate_tzdb *db) { return db->dir; }

/* Only what tz names use: letters, digits and "/_-+."; no absolute path,
 * no empty, "." or ".." component. */
static int valid_zone_name(const char *name) {
    size_t len = strlen(name);
    if (len == 0 || len > NAME_MAX_BYTES) return 0;
    const char *component = name;
    for (const char *p = name;; p++) {
        char c = *p;
        if (c == '/' || c == '\0') {
            size_t n = (size_t)(p - component);
            if (n == 0 || (n == 1 && component[0] == '.') ||
                (n == 2 && component[0] == '.' && component[1] == '.'))
                return 0;
            if (c == '\0') return 1;
            component = p + 1;
            continue;
        }
        int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '-' || c == '+' || c == '.';
        if (!ok) return 0;
    }
}

static zone_entry *cache_find(slate_tzdb *db, size_t bucket, const char *name) {
    zone_entry *e = atomic_load_explicit(&db->buckets[bucket], memory_order_acquire);
    for (; e != NULL; e = e->next)
        if (strcmp(e->zone.name, name) == 0) return e;
    return NULL;
}

/* Reads the zone file of `name` at path, in the directory dir. */
static slate_status read_zone_file(const char *dir, const char *path, const char *name,
                                   char **bytes, size_t *len, slate_error *err) {
    int sys_errno;
    slate_status st = slate__read_file(path, TZIF_MAX_BYTES, 1, bytes, len, &sys_errno);
    if (st == SLATE_ENOENT) {
        char hint[200];
        slate__zone_hint(dir, name, hint, sizeof hint);
        slate__fail(err, st, "unknown time zone \"%s\" (no zone file %s)%s", name, path, hint);
    } else if (st == SLATE_ELIMIT)
        slate__fail(err, st = SLATE_EPARSE, "%s: invalid TZif file: larger than 1 MiB", path);
    else if (st == SLATE_ENOMEM)
        slate__fail(err, st, "out of memory reading %s", path);
    else if (st != SLATE_OK)
        slate__fail(err, st, "cannot read time zone %s: %s (errno %d)", name,
                    slate__file_problem(st, sys_errno), sys_errno);
    if (st != SLATE_OK) slate__error_where(err, path, 0, 0, NULL);
    return st;
}

static slate_status load_zone(slate_tzdb *db, const char *name, zone_entry **out,
                              slate_error *err) {
    size_t path_len = strlen(db->dir) + strlen(name) + 2;
    char *path = slate__malloc(path_len);
    if (path == NULL) return slate__fail(err, SLATE_ENOMEM, "out of memory");
    snprintf(path, path_len, "%s/%s", db->dir, name);
    char *bytes = NULL;
    size_t len = 0;
    tzif_data data;
    zone_entry *e = NULL;
    slate_status st = read_zone_file(db->dir, path, name, &bytes, &len, err);
    if (st == SLATE_OK) st = slate__tzif_parse((const uint8_t *)bytes, len, path, &data, err);
    slate__free(bytes);
    if (st == SLATE_OK) {
        e = slate__calloc(1, sizeof *e);
        if (e == NULL || (e->zone.name = slate__strdup(name)) == NULL)
            st = slate__fail(err, SLATE_ENOMEM, "out of memory");
        else
            st = slate__zone_build(&data, &e->zone, err);
        if (st != SLATE_OK && e != NULL) {
            slate__free(e->zone.name);
            slate__free(e);
            e = NULL;
        }
        slate__tzif_data_free(&data);
    }
    slate__free(path);
    *out = e;
    return st;
}

SLATE_API slate_status slate_tzdb_zone(slate_tzdb *db, const char *name, const slate_zone **out,
                                       slate_error *err) {
    if (db == NULL || name == NULL || out == NULL)
        return slate__fail(err, SLATE_EMISUSE, "db, name or out is NULL");
    if (!valid_zone_name(name))
        return slate__fail(err, SLATE_EINVAL,
                           "invalid time zone name \"%.100s\": use an IANA name such as "
                           "Europe/Krakow (letters, digits, / _ - + . only; no '.' or '..' "
                           "component)",
                           name);
    size_t bucket = name_hash(name);
    zone_entry *e = cache_find(db, bucket, name);
    if (e == NULL) {
        pthread_mutex_lock(&db->lock);
        e = cache_find(db, bucket, name);
        slate_status st = SLATE_OK;
        if (e == NULL) {
            st = load_zone(db, name, &e, err);
            if (st == SLATE_OK) {
                e->next = atomic_load_explicit(&db->buckets[bucket], memory_order_relaxed);
                atomic_store_explicit(&db->buckets[bucket], e, memory_order_release);
            }
        }
        pthread_mutex_unlock(&db->lock);
        if (st != SLATE_OK) return st;
    }
    *out = &e->zone;
    return SLATE_OK;
}

void *slate__tzdb_attachment(slate_tzdb *db, void *(*make)(void), void (*free_it)(void *)) {
    pthread_mutex_lock(&db->lock);
    if (db->attachment == NULL && (db->attachment = make()) != NULL) db->attachment_free = free_it;
    void *found = db->attachment;
    pthread_mutex_unlock(&db->lock);
    return found;
}
