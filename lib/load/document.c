/* Loading a policy document: the top level, one loader per section from a
 * table, and the file. */
#include <string.h>

#include "load.h"

typedef slate_status (*section_loader)(loader *ld, const cJSON *node, const char *pointer,
                                       slate_policy *p);

/* The top-level keys in the order they load: later sections refer to
 * earlier ones (SLAs name calendars, chains and contracts name SLAs). */
static const struct {
    const char *key;
    section_loader load;
} sections[] = {
    {"calendars", slate__load_calendars},     {"oncall", slate__load_oncall},
    {"priorities", slate__load_priorities},   {"slas", slate__load_slas},
    {"escalations", slate__load_escalations}, {"contracts", slate__load_contracts},
};

#define SECTION_COUNT (sizeof sections / sizeof sections[0])

static slate_status load_document(loader *ld, const cJSON *root, slate_policy *p) {
    const char *keys[SECTION_COUNT + 2];
    for (size_t i = 0; i < SECTION_COUNT; i++)
        keys[i] = sections[i].key;
    keys[SECTION_COUNT] = "description";
    keys[SECTION_COUNT + 1] = NULL;
    slate_status st = slate__load_expect_object(ld, root, "");
    if (st == SLATE_OK) st = slate__load_check_keys(ld, root, "", keys);
    for (size_t i = 0; i < SECTION_COUNT && st == SLATE_OK; i++) {
        const cJSON *node = cJSON_GetObjectItemCaseSensitive(root, sections[i].key);
        char pointer[SLATE_JSON_POINTER_MAX];
        slate__json_pointer_key(pointer, "", sections[i].key);
        if (node != NULL) st = sections[i].load(ld, node, pointer, p);
    }
    const cJSON *description = cJSON_GetObjectItemCaseSensitive(root, "description");
    if (st == SLATE_OK && description != NULL)
        st = slate__load_expect_string(ld, description, "/description");
    return st == SLATE_OK ? slate__load_lint(ld, root, p) : st;
}

static slate_status from_text(slate_tzdb *db, const char *json, size_t len, const char *file,
                              const slate_policy_sources *sources, slate_policy **out,
                              slate_error *err) {
    if (out == NULL || (json == NULL && len > 0))
        return slate__fail(err, SLATE_EMISUSE, "json or out is NULL");
    *out = NULL;
    /* Editors that save "UTF-8 with BOM" start the file with U+FEFF: not part
     * of the document, and not counted in its columns. */
    if (len >= 3 && memcmp(json, "\xef\xbb\xbf", 3) == 0) json += 3, len -= 3;
    if (len > SLATE_POLICY_MAX_BYTES)
        return slate__fail(err, SLATE_ELIMIT, "%s%spolicy is %zu bytes; the limit is %u", file,
                           *file ? ": " : "", len, SLATE_POLICY_MAX_BYTES);
    slate_policy *p = slate__policy_new();
    if (p == NULL) return slate__fail(err, SLATE_ENOMEM, "out of memory");
    slate_status st = SLATE_OK;
    if (db == NULL) {
        st = slate_tzdb_open(NULL, &db, err);
        if (st == SLATE_OK) slate__policy_own_tzdb(p, db);
    }
    loader ld = {
        {json == NULL ? "" : json, len, file, err, SLATE_POLICY_MAX_VALUES}, db, NULL, sources};
    cJSON *root = NULL;
    if (st == SLATE_OK) st = slate__load_parse(&ld, &root);
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
    return from_text(db, json, len, "", NULL, out, err);
}

SLATE_API slate_status slate_policy_from_json_sources(slate_tzdb *db, const char *json, size_t len,
                                                      const slate_policy_sources *sources,
                                                      slate_policy **out, slate_error *err) {
    return from_text(db, json, len, "", sources, out, err);
}

SLATE_API slate_status slate_policy_from_file(slate_tzdb *db, const char *path, slate_policy **out,
                                              slate_error *err) {
    if (path == NULL || out == NULL) return slate__fail(err, SLATE_EMISUSE, "path or out is NULL");
    *out = NULL;
    char *text;
    size_t len;
    int sys_errno;
    slate_status st = slate__read_file(path, SLATE_POLICY_MAX_BYTES, 0, &text, &len, &sys_errno);
    if (st != SLATE_OK) {
        if (st == SLATE_ELIMIT)
            slate__fail(err, st, "cannot read policy %s: larger than %u MiB", path,
                        SLATE_POLICY_MAX_BYTES >> 20);
        else
            slate__fail(err, st, "cannot read policy %s: %s", path,
                        slate__file_problem(st, sys_errno));
        slate__error_where(err, path, 0, 0, NULL);
        return st;
    }
    /* Names in the policy are relative to its directory. */
    char dir[4096];
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash == NULL ? 0 : (size_t)(slash - path);
    if (dir_len >= sizeof dir) dir_len = sizeof dir - 1;
    memcpy(dir, path, dir_len);
    dir[dir_len] = '\0';
    slate_policy_sources sources = {slash == NULL ? "." : (dir_len == 0 ? "/" : dir), NULL, NULL};
    st = from_text(db, text, len, path, &sources, out, err);
    slate__free(text);
    return st;
}
