/* The registry of shared calendar cores: a hash table of cores by their
 * definition and zone, under one lock. Lookups happen at load; queries
 * never touch it. */
#include <pthread.h>
#include <string.h>

#include "../base/base.h"
#include "../tz/zone.h"
#include "share.h"

struct cal_registry {
    pthread_mutex_t lock;
    cal_core **buckets;
    size_t bucket_count, count;
};

static void *registry_new(void) {
    cal_registry *r = slate__calloc(1, sizeof *r);
    if (r == NULL) return NULL;
    if (pthread_mutex_init(&r->lock, NULL) != 0) {
        slate__free(r);
        return NULL;
    }
    return r;
}

/* Every core left in it is still referenced by a policy: freeing the
 * database first is the caller's error, and they are left alone. */
static void registry_free(void *arg) {
    cal_registry *r = arg;
    pthread_mutex_destroy(&r->lock);
    slate__free(r->buckets);
    slate__free(r);
}

cal_registry *slate__cal_registry(slate_tzdb *db) {
    return db == NULL ? NULL : slate__tzdb_attachment(db, registry_new, registry_free);
}

cal_core *slate__core_retain(cal_core *k) {
    atomic_fetch_add_explicit(&k->refs, 1, memory_order_relaxed);
    return k;
}

static cal_core **chain_of(cal_registry *r, uint64_t hash) {
    return &r->buckets[hash & (r->bucket_count - 1)];
}

void slate__core_release(cal_core *k) {
    cal_registry *r = k->registry;
    if (r == NULL) {
        if (atomic_fetch_sub_explicit(&k->refs, 1, memory_order_acq_rel) == 1)
            slate__core_destroy(k);
        return;
    }
    /* Under the lock, so that a lookup never takes a core being freed. */
    pthread_mutex_lock(&r->lock);
    int last = atomic_fetch_sub_explicit(&k->refs, 1, memory_order_acq_rel) == 1;
    if (last) {
        cal_core **at = chain_of(r, k->hash);
        while (*at != k)
            at = &(*at)->next_shared;
        *at = k->next_shared;
        r->count--;
    }
    pthread_mutex_unlock(&r->lock);
    if (last) slate__core_destroy(k);
}

/* ---- the definition's identity ---- */

typedef struct hasher {
    uint64_t h;
} hasher;

static void feed(hasher *s, const void *p, size_t n) { s->h = slate__hash_more(s->h, p, n); }

static void feed_int(hasher *s, int64_t v) { feed(s, &v, sizeof v); }

static void feed_piece(hasher *s, const day_piece *p) {
    feed_int(s, p->start);
    feed_int(s, p->end);
    feed_int(s, p->source);
    feed_int(s, p->rule);
}

static uint64_t core_hash(const cal_core *k) {
    const cal_def *d = k->def;
    hasher s = {SLATE_HASH_SEED};
    feed_int(&s, d->kind);
    feed(&s, &k->zone, sizeof k->zone);
    for (int w = 0; w < 7; w++) {
        feed_int(&s, d->weekly[w].first), feed_int(&s, d->weekly[w].count);
        feed_int(&s, d->own[w].first), feed_int(&s, d->own[w].count);
        feed_int(&s, d->overnight[w]);
    }
    for (size_t i = 0; i < d->piece_count; i++)
        feed_piece(&s, &d->pieces[i]);
    if (d->closed_count) feed(&s, d->closed, d->closed_count * sizeof *d->closed);
    for (size_t i = 0; i < d->override_count; i++) {
        feed_int(&s, d->overrides[i].day);
        feed_int(&s, d->overrides[i].plan.first), feed_int(&s, d->overrides[i].plan.count);
    }
    for (size_t i = 0; i < d->holiday_count; i++) {
        const holiday_rule *r = &d->holidays[i];
        int64_t fields[] = {r->kind,    r->year,          r->month,    r->day,       r->nth,
                            r->weekday, r->easter_offset, r->observed, r->from_year, r->to_year};
        feed(&s, fields, sizeof fields);
    }
    if (d->child_count) feed(&s, d->children, d->child_count * sizeof *d->children);
    feed_int(&s, (int64_t)d->child_count);
    return s.h;
}

static int same_pieces(const day_piece *a, const day_piece *b, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (a[i].start != b[i].start || a[i].end != b[i].end || a[i].source != b[i].source ||
            a[i].rule != b[i].rule)
            return 0;
    return 1;
}

static int same_holidays(const holiday_rule *a, const holiday_rule *b, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (a[i].kind != b[i].kind || a[i].year != b[i].year || a[i].month != b[i].month ||
            a[i].day != b[i].day || a[i].nth != b[i].nth || a[i].weekday != b[i].weekday ||
            a[i].easter_offset != b[i].easter_offset || a[i].observed != b[i].observed ||
            a[i].from_year != b[i].from_year || a[i].to_year != b[i].to_year)
            return 0;
    return 1;
}

static int same_plans(const day_plan *a, const day_plan *b, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (a[i].first != b[i].first || a[i].count != b[i].count) return 0;
    return 1;
}

static int same_core(const cal_core *x, const cal_core *y) {
    const cal_def *a = x->def, *b = y->def;
    if (x->zone != y->zone || a->kind != b->kind || a->piece_count != b->piece_count ||
        a->closed_count != b->closed_count || a->override_count != b->override_count ||
        a->holiday_count != b->holiday_count || a->child_count != b->child_count)
        return 0;
    for (size_t i = 0; i < a->override_count; i++)
        if (a->overrides[i].day != b->overrides[i].day ||
            !same_plans(&a->overrides[i].plan, &b->overrides[i].plan, 1))
            return 0;
    return same_plans(a->weekly, b->weekly, 7) && same_plans(a->own, b->own, 7) &&
           memcmp(a->overnight, b->overnight, sizeof a->overnight) == 0 &&
           same_pieces(a->pieces, b->pieces, a->piece_count) &&
           (a->closed_count == 0 ||
            memcmp(a->closed, b->closed, a->closed_count * sizeof *a->closed) == 0) &&
           same_holidays(a->holidays, b->holidays, a->holiday_count) &&
           (a->child_count == 0 ||
            memcmp(a->children, b->children, a->child_count * sizeof *a->children) == 0);
}

/* Doubles the table at one core per bucket. 0: no memory (it stays). */
static int grow(cal_registry *r) {
    size_t n = r->bucket_count ? r->bucket_count * 2 : 64;
    cal_core **buckets = slate__calloc(n, sizeof *buckets);
    if (buckets == NULL) return 0;
    for (size_t i = 0; i < r->bucket_count; i++)
        for (cal_core *k = r->buckets[i], *next; k != NULL; k = next) {
            next = k->next_shared;
            k->next_shared = buckets[k->hash & (n - 1)];
            buckets[k->hash & (n - 1)] = k;
        }
    slate__free(r->buckets);
    r->buckets = buckets;
    r->bucket_count = n;
    return 1;
}

void slate__core_share(cal_registry *r, cal_core **k) {
    if (r == NULL) return;
    cal_core *mine = *k, *found = NULL;
    uint64_t hash = core_hash(mine);
    pthread_mutex_lock(&r->lock);
    if (r->bucket_count > 0)
        for (found = *chain_of(r, hash); found != NULL; found = found->next_shared)
            if (found->hash == hash && same_core(found, mine)) break;
    if (found != NULL) {
        slate__core_retain(found);
    } else if (r->count < r->bucket_count || grow(r)) {
        mine->registry = r;
        mine->hash = hash;
        mine->next_shared = *chain_of(r, hash);
        *chain_of(r, hash) = mine;
        r->count++;
    }
    pthread_mutex_unlock(&r->lock);
    if (found != NULL) {
        slate__core_release(mine);
        *k = found;
    }
}
