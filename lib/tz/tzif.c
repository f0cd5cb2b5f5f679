/* TZif reader. The file is a header and a data block of 32-bit times
 * (version 1), then for version 2 and later a second header, a data block of
 * 64-bit times and a newline-enclosed POSIX TZ string footer. slate reads the
 * 64-bit block when there is one. Leap-second records are skipped. */
#include <string.h>

#include "../base/base.h"
#include "tzif.h"

#define HEADER_BYTES 44

typedef struct counts {
    uint32_t isut, isstd, leap, time, type, chars;
} counts;

typedef struct reader {
    const uint8_t *bytes;
    size_t len;
    size_t pos;
    const char *source;
    slate_error *err;
} reader;

static slate_status corrupt(reader *r, const char *what) {
    slate__fail(r->err, SLATE_EPARSE, "%s: invalid TZif file: %s (at byte %zu)", r->source, what,
                r->pos);
    slate__error_where(r->err, r->source, 0, 0, NULL);
    return SLATE_EPARSE;
}

static uint32_t be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const uint8_t *p) { return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4)); }

static slate_status read_header(reader *r, int *version, counts *c) {
    if (r->len - r->pos < HEADER_BYTES) return corrupt(r, "truncated header");
    const uint8_t *h = r->bytes + r->pos;
    if (memcmp(h, "TZif", 4) != 0) return corrupt(r, "missing \"TZif\" magic");
    if (h[4] != 0 && (h[4] < '2' || h[4] > '4')) return corrupt(r, "unknown version");
    *version = h[4] == 0 ? 1 : h[4] - '0';
    c->isut = be32(h + 20);
    c->isstd = be32(h + 24);
    c->leap = be32(h + 28);
    c->time = be32(h + 32);
    c->type = be32(h + 36);
    c->chars = be32(h + 40);
    if (c->type == 0 || c->type > 256) return corrupt(r, "type count must be 1 to 256");
    if (c->chars == 0) return corrupt(r, "abbreviation block is empty");
    if (c->isut != 0 && c->isut != c->type) return corrupt(r, "UT indicator count mismatch");
    if (c->isstd != 0 && c->isstd != c->type)
        return corrupt(r, "standard indicator count mismatch");
    if (c->time > TZIF_MAX_BYTES || c->leap > TZIF_MAX_BYTES || c->chars > TZIF_MAX_BYTES)
        return corrupt(r, "counts too large");
    r->pos += HEADER_BYTES;
    return SLATE_OK;
}

static size_t block_bytes(const counts *c, size_t time_size) {
    return (size_t)c->time * time_size + c->time + (size_t)c->type * 6 + c->chars +
           (size_t)c->leap * (time_size + 4) + c->isstd + c->isut;
}

static slate_status read_types(reader *r, const counts *c, const uint8_t *p, tzif_data *out) {
    const uint8_t *chars = p + (size_t)c->type * 6;
    for (uint32_t i = 0; i < c->type; i++, p += 6) {
        slate_zone_info *t = &out->types[i];
        int32_t utoff = (int32_t)be32(p);
        if (utoff < -89999 || utoff > 93599) return corrupt(r, "UT offset out of range");
        if (p[4] > 1) return corrupt(r, "DST flag is not 0 or 1");
        if (p[5] >= c->chars) return corrupt(r, "abbreviation index out of range");
        const uint8_t *abbr = chars + p[5];
        size_t room = c->chars - p[5];
        const uint8_t *nul = memchr(abbr, 0, room);
        if (nul == NULL) return corrupt(r, "abbreviation not terminated");
        if ((size_t)(nul - abbr) >= SLATE_ABBR_MAX) return corrupt(r, "abbreviation too long");
        /* Printable ASCII only: an abbreviation reaches terminals and JSON. */
        for (const uint8_t *q = abbr; q < nul; q++)
            if (*q < 0x20 || *q > 0x7e) return corrupt(r, "abbreviation is not printable ASCII");
        t->utc_offset = utoff;
        t->is_dst = p[4];
        memcpy(t->abbr, abbr, (size_t)(nul - abbr) + 1);
    }
    return SLATE_OK;
}

static slate_status read_block(reader *r, const counts *c, size_t time_size, tzif_data *out) {
    size_t need = block_bytes(c, time_size);
    if (r->len - r->pos < need) return corrupt(r, "truncated data block");
    const uint8_t *p = r->bytes + r->pos;
    out->time_count = c->time;
    out->type_count = c->type;
    out->times = slate__calloc(c->time, sizeof *out->times);
    out->type_of = slate__calloc(c->time, 1);
    out->types = slate__calloc(c->type, sizeof *out->types);
    if (!out->times || !out->type_of || !out->types) {
        slate__fail(r->err, SLATE_ENOMEM, "%s: out of memory", r->source);
        return SLATE_ENOMEM;
    }
    for (uint32_t i = 0; i < c->time; i++) {
        out->times[i] = time_size == 8 ? be64(p + i * 8) : (int32_t)be32(p + i * 4);
        /* RFC 8536 3.2: times before -2^59 (the big bang) make no sense; so
         * do those as far after, and they would overflow local arithmetic. */
        if (out->times[i] < TZIF_TIME_MIN || out->times[i] > TZIF_TIME_MAX)
            return corrupt(r, "transition time beyond 2^59 seconds from 1970");
        if (i > 0 && out->times[i] <= out->times[i - 1])
            return corrupt(r, "transition times not strictly ascending");
    }
    p += (size_t)c->time * time_size;
    for (uint32_t i = 0; i < c->time; i++) {
        if (p[i] >= c->type) return corrupt(r, "transition type index out of range");
        out->type_of[i] = p[i];
    }
    p += c->time;
    slate_status st = read_types(r, c, p, out);
    r->pos += need; /* leap-second records and indicators are skipped */
    return st;
}

static slate_status read_footer(reader *r, tzif_data *out) {
    if (r->pos >= r->len || r->bytes[r->pos] != '\n') return corrupt(r, "missing footer");
    const char *start = (const char *)r->bytes + r->pos + 1;
    const char *nl = memchr(start, '\n', r->len - r->pos - 1);
    if (nl == NULL) return corrupt(r, "footer not terminated by a newline");
    size_t n = (size_t)(nl - start);
    if (n == 0) return SLATE_OK;
    char why[128];
    if (!slate__tz_rule_parse(start, n, &out->rule, why, sizeof why)) {
        slate__fail(r->err, SLATE_EPARSE, "%s: invalid TZ string \"%.*s\" in the footer: %s",
                    r->source, (int)(n > 64 ? 64 : n), start, why);
        slate__error_where(r->err, r->source, 0, 0, NULL);
        return SLATE_EPARSE;
    }
    out->has_rule = 1;
    return SLATE_OK;
}

slate_status slate__tzif_parse(const uint8_t *bytes, size_t len, const char *source, tzif_data *out,
                               slate_error *err) {
    reader r = {bytes, len, 0, source, err};
    counts c;
    int version;
    slate_status st;
    memset(out, 0, sizeof *out);
    if (len > TZIF_MAX_BYTES) return corrupt(&r, "file larger than 1 MiB");
    if ((st = read_header(&r, &version, &c)) != SLATE_OK) return st;
    if (version >= 2) {
        size_t skip = block_bytes(&c, 4);
        if (r.len - r.pos < skip) return corrupt(&r, "truncated version 1 data block");
        r.pos += skip;
        int version2;
        if ((st = read_header(&r, &version2, &c)) != SLATE_OK) return st;
        if (version2 != version) return corrupt(&r, "second header's version differs");
    }
    st = read_block(&r, &c, version >= 2 ? 8 : 4, out);
    if (st == SLATE_OK && version >= 2) st = read_footer(&r, out);
    if (st != SLATE_OK) slate__tzif_data_free(out);
    return st;
}

void slate__tzif_data_free(tzif_data *data) {
    slate__free(data->times);
    slate__free(data->type_of);
    slate__free(data->types);
    memset(data, 0, sizeof *data);
}
