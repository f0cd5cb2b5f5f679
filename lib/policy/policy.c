/* Loading a policy document: the top level and the file. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../calendar/build.h"
#include "policy_impl.h"

static slate_status load_document(loader *ld, const cJSON *root, slate_policy *p) {
    static const char *const keys[] = {"calendars", "priorities", "slas", "escalations", "contracts", "description", NULL};
    slate_status st = expect_object(ld, root, "");
    if (st == SLATE_OK) st = check_keys(ld, root, "", keys);
    const cJSON *calendars = cJSON_GetObjectItemCaseSensitive(root, "calendars");
    if (st == SLATE_OK && calendars != NULL) st = load_calendars(ld, calendars, "/calendars", p);
    const cJSON *levels = cJSON_GetObjectItemCaseSensitive(root, "priorities");
    if (st == SLATE_OK && levels != NULL) st = load_priorities(ld, levels, "/priorities", p);
    const cJSON *slas_node = cJSON_GetObjectItemCaseSensitive(root, "slas");
    if (st == SLATE_OK && slas_node != NULL) st = load_slas(ld, slas_node, "/slas", p);
    const cJSON *chains = cJSON_GetObjectItemCaseSensitive(root, "escalations");
    if (st == SLATE_OK && chains != NULL) st = load_escalations(ld, chains, "/escalations", p);
    const cJSON *contracts_node = cJSON_GetObjectItemCaseSensitive(root, "contracts");
    if (st == SLATE_OK && contracts_node != NULL) st = load_contracts(ld, contracts_node, "/contracts", p);
    const cJSON *description = cJSON_GetObjectItemCaseSensitive(root, "description");
    if (st == SLATE_OK && description != NULL) st = expect_string(ld, description, "/description");
    return st;
}

static slate_status from_text(slate_tzdb *db, const char *json, size_t len, const char *file,
                              slate_policy **out, slate_error *err) {
    if (out == NULL || (json == NULL && len > 0)) return slate__fail(err, SLATE_EINVAL, "json or out is NULL");
    *out = NULL;
    if (len > SLATE_POLICY_MAX_BYTES)
        return slate__fail(err, SLATE_ELIMIT, "%s%spolicy is %zu bytes; the limit is %u", file,
                           *file ? ": " : "", len, SLATE_POLICY_MAX_BYTES);
    slate_policy *p = slate__calloc(1, sizeof *p);
    if (p == NULL) return slate__fail(err, SLATE_ENOMEM, "out of memory");
    slate_status st = SLATE_OK;
    if (db == NULL) {
        st = slate_tzdb_open(NULL, &p->owned_db, err);
        db = p->owned_db;
    }
    loader ld = {json == NULL ? "" : json, len, file, err, db};
    cJSON *root = NULL;
    if (st == SLATE_OK) st = json_parse(&ld, &root);
    if (st == SLATE_OK) st = load_document(&ld, root, p);
    cJSON_Delete(root);
    if (st != SLATE_OK) {
        slate_policy_free(p);
        return st;
    }
    *out = p;
    return SLATE_OK;
}

SLATE_API slate_status slate_policy_from_json(slate_tzdb *db, const char *json, size_t len,
                                              slate_policy **out, slate_error *err) {
    return from_text(db, json, len, "", out, err);
}

SLATE_API slate_status slate_policy_from_file(slate_tzdb *db, const char *path, slate_policy **out,
                                              slate_error *err) {
    if (path == NULL || out == NULL) return slate__fail(err, SLATE_EINVAL, "path or out is NULL");
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        int e = errno;
        slate_status code = e == ENOENT ? SLATE_ENOENT : SLATE_EIO;
        slate__fail(err, code, "cannot open policy %s: %s", path,
                    e == ENOENT ? "no such file" : e == EACCES ? "permission denied" : "open failed");
        slate__error_where(err, path, 0, 0, NULL);
        return code;
    }
    size_t cap = 1 << 16, len = 0;
    char *text = slate__malloc(cap);
    slate_status st = text == NULL ? SLATE_ENOMEM : SLATE_OK;
    while (st == SLATE_OK) {
        if (len == cap) {
            char *bigger = cap > SLATE_POLICY_MAX_BYTES ? NULL : slate__realloc(text, cap * 2);
            if (bigger == NULL) {
                st = cap > SLATE_POLICY_MAX_BYTES ? SLATE_ELIMIT : SLATE_ENOMEM;
                break;
            }
            text = bigger;
            cap *= 2;
        }
        size_t n = fread(text + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            if (ferror(f)) st = SLATE_EIO;
            break;
        }
    }
    fclose(f);
    if (st == SLATE_OK) {
        st = from_text(db, text, len, path, out, err);
    } else {
        slate__fail(err, st, "cannot read policy %s: %s", path,
                    st == SLATE_ELIMIT ? "larger than 16 MiB" : st == SLATE_EIO ? "read error" : "out of memory");
        slate__error_where(err, path, 0, 0, NULL);
    }
    slate__free(text);
    return st;
}

SLATE_API void slate_policy_free(slate_policy *p) {
    if (p == NULL) return;
    for (size_t i = 0; i < p->calendar_count; i++) cal_destroy(p->calendars[i]);
    slate__free(p->calendars);
    contracts_free(p->contracts);
    escalations_free(p->escalations);
    slas_free(p->slas);
    priorities_free(p->priorities);
    slate_tzdb_free(p->owned_db);
    slate__free(p);
}

SLATE_API const slate_calendar *slate_policy_calendar(const slate_policy *p, const char *name) {
    if (p == NULL || name == NULL) return NULL;
    for (size_t i = 0; i < p->calendar_count; i++)
        if (strcmp(p->calendars[i]->name, name) == 0) return p->calendars[i];
    return NULL;
}

SLATE_API size_t slate_policy_calendar_count(const slate_policy *p) {
    return p == NULL ? 0 : p->calendar_count;
}

SLATE_API const slate_calendar *slate_policy_calendar_at(const slate_policy *p, size_t i) {
    return p == NULL || i >= p->calendar_count ? NULL : p->calendars[i];
}

const priorities *policy_priorities(const slate_policy *p) { return p->priorities; }

const slas *policy_slas(const slate_policy *p) { return p->slas; }

const escalations *policy_escalations(const slate_policy *p) { return p->escalations; }

const contracts *policy_contracts(const slate_policy *p) { return p->contracts; }

SLATE_API size_t slate_policy_contract_count(const slate_policy *p) {
    return p == NULL || p->contracts == NULL ? 0 : p->contracts->count;
}

SLATE_API const char *slate_policy_contract_id(const slate_policy *p, size_t i) {
    return i < slate_policy_contract_count(p) ? p->contracts->items[i].id : NULL;
}

SLATE_API size_t slate_policy_sla_count(const slate_policy *p) { return p == NULL || p->slas == NULL ? 0 : p->slas->count; }

SLATE_API const char *slate_policy_sla_id(const slate_policy *p, size_t i) {
    return i < slate_policy_sla_count(p) ? p->slas->defs[i].id : NULL;
}

SLATE_API const char *slate_policy_sla_target(const slate_policy *p, size_t i, size_t j, size_t *count) {
    if (count != NULL) *count = 0;
    if (i >= slate_policy_sla_count(p)) return NULL;
    const sla_def *def = &p->slas->defs[i];
    if (count != NULL) *count = def->target_count;
    return j < def->target_count ? def->targets[j].name : NULL;
}

SLATE_API size_t slate_policy_escalation_count(const slate_policy *p) {
    return p == NULL || p->escalations == NULL ? 0 : p->escalations->count;
}

SLATE_API const char *slate_policy_escalation(const slate_policy *p, size_t i, const char **sla, const char **target,
                                              size_t *steps) {
    if (i >= slate_policy_escalation_count(p)) return NULL;
    const esc_chain *ch = &p->escalations->chains[i];
    if (sla != NULL) *sla = ch->sla;
    if (target != NULL) *target = ch->target_name;
    if (steps != NULL) *steps = ch->step_count;
    return ch->id;
}
