/**
 * @file policy.h
 * @brief The policy document: one JSON text that defines calendars (and, as
 *        slate grows, priorities, SLAs and escalations), compiled once into
 *        an immutable ::slate_policy.
 *
 * The document's reference is docs/guides/policy.md. Loading checks
 * everything: unknown keys, wrong types, bad times, dates and zones,
 * overlapping intervals, unknown or cyclic calendar references. An error
 * names the JSON Pointer of the offending value (or key), its line and
 * column, and the file when loading from one.
 *
 * Every section is listed the same way: `slate_policy_X_count(p)` and
 * `slate_policy_X_id(p, i)` (X = calendar, priority, sla, escalation,
 * contract), with plain accessors for the details of an item
 * (slate_policy_sla_target_id(), slate_policy_escalation_sla(), ...). Ids
 * are owned by the policy; an index out of range gives NULL or 0.
 *
 * Thread-safety: loading may run in several threads at once. A loaded
 * policy is immutable; any number of threads may use it and its calendars
 * without locking.
 */
#ifndef SLATE_POLICY_H
#define SLATE_POLICY_H

#include "slate/calendar.h"
#include "slate/common.h"
#include "slate/tz.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A compiled policy (opaque, immutable). */
typedef struct slate_policy slate_policy;

/** @brief Largest policy text accepted, in bytes (64 MiB: room for
 *         #SLATE_POLICY_MAX_CALENDARS calendars of a few hundred bytes). */
#define SLATE_POLICY_MAX_BYTES (64u << 20)

/** @brief Most JSON values (numbers, strings, booleans, nulls, arrays and
 *         objects) a policy text may hold: 4,000,000, so that its parse tree
 *         stays under about 320 MiB. */
#define SLATE_POLICY_MAX_VALUES 4000000u

/**
 * @brief Compiles a policy from JSON text.
 *
 * Everything is checked here, so every error comes with its JSON Pointer at
 * load; calendars are kept as rules and compiled window by window as
 * queries reach them (calendar.h). Policies loaded with the same database
 * share identical calendars (same rules and zone, any name): a tenant
 * policy that repeats another's calendar costs almost nothing more.
 * Thread-safe: policies may be loaded on many threads at once, with one
 * database or several.
 * @param db The time zone database the policy's zones come from. It must
 *        outlive the policy. NULL: the policy opens the default database
 *        (`$TZDIR` or /usr/share/zoneinfo) and owns it.
 * @param json UTF-8 JSON text; need not be NUL-terminated.
 * @param len Length of json in bytes.
 * @param[out] out Receives the policy, owned by the caller, freed with
 *        slate_policy_free(); NULL on failure.
 * @param[out] err Optional; on failure says what and where (pointer, line,
 *        column).
 * @return ::SLATE_OK, ::SLATE_EPARSE for syntax, type and value errors,
 *         ::SLATE_ENOENT for an unknown zone or calendar reference,
 *         ::SLATE_ELIMIT when the text exceeds #SLATE_POLICY_MAX_BYTES, the
 *         calendars number more than #SLATE_POLICY_MAX_CALENDARS, or another
 *         limit of the limits guide, ::SLATE_ENOMEM, ::SLATE_EMISUSE for NULL
 *         arguments.
 */
SLATE_API slate_status slate_policy_from_json(slate_tzdb *db, const char *json, size_t len,
                                              slate_policy **out, slate_error *err);

/**
 * @brief Where the files a policy names come from: the iCalendar holiday
 *        sources of its calendars (`{"ics": "holidays/in-mh.ics"}` in
 *        `closed`). Hosts that do not read files give `read`; others give
 *        the directory that relative names are read from.
 */
typedef struct slate_policy_sources {
    /** Directory of relative names (NULL: the current directory); unused
     *  when `read` is given. */
    const char *base_dir;
    /**
     * Optional: gives the text of the source called `name` (as the policy
     * writes it) in `*text` and `*len`, valid until the load returns (slate
     * copies what it keeps). Returns ::SLATE_OK, or ::SLATE_ENOENT (and the
     * load fails at the name's JSON Pointer). Called on the loading thread.
     */
    slate_status (*read)(void *ctx, const char *name, const char **text, size_t *len);
    /** Passed to `read`. */
    void *ctx;
} slate_policy_sources;

/**
 * @brief slate_policy_from_json() for a document that names files: its
 *        iCalendar holiday sources are read as `sources` says.
 * @param db As for slate_policy_from_json().
 * @param json As for slate_policy_from_json().
 * @param len As for slate_policy_from_json().
 * @param sources Where named files come from; NULL: a document naming one
 *        fails (::SLATE_EINVAL at its pointer).
 * @param[out] out As for slate_policy_from_json().
 * @param[out] err As for slate_policy_from_json(); an error in a source
 *        names the source, its line and the property.
 * @return As slate_policy_from_json(), plus ::SLATE_ENOENT when a source
 *         cannot be found and ::SLATE_EINVAL when iCalendar support was
 *         not built (`-DSLATE_ICAL=OFF`).
 */
SLATE_API slate_status slate_policy_from_json_sources(slate_tzdb *db, const char *json, size_t len,
                                                      const slate_policy_sources *sources,
                                                      slate_policy **out, slate_error *err);

/**
 * @brief Reads and compiles a policy file.
 * @param db As for slate_policy_from_json().
 * @param path The file.
 * @param[out] out Receives the policy; NULL on failure.
 * @param[out] err Optional; errors carry the path in their file field.
 * @return As slate_policy_from_json(), plus ::SLATE_ENOENT when the file
 *         does not exist and ::SLATE_EIO when it cannot be read. Files the
 *         policy names (iCalendar sources) are read relative to its
 *         directory.
 */
SLATE_API slate_status slate_policy_from_file(slate_tzdb *db, const char *path, slate_policy **out,
                                              slate_error *err);

/**
 * @brief Frees a policy and its calendars.
 * @param p The policy, or NULL.
 */
SLATE_API void slate_policy_free(slate_policy *p);

/**
 * @brief Finds a calendar by name.
 * @param p The policy.
 * @param name The key under "calendars".
 * @return The calendar, owned by p and valid until slate_policy_free(p), or
 *         NULL when there is none of that name.
 */
SLATE_API const slate_calendar *slate_policy_calendar(const slate_policy *p, const char *name);

/**
 * @brief How many calendars the policy defines.
 * @param p The policy.
 * @return The count.
 */
SLATE_API size_t slate_policy_calendar_count(const slate_policy *p);

/**
 * @brief The name of the i-th calendar, in the document's order: its id.
 * @param p The policy.
 * @param i Index below slate_policy_calendar_count().
 * @return The name, owned by p, or NULL when i is out of range.
 */
SLATE_API const char *slate_policy_calendar_id(const slate_policy *p, size_t i);

/**
 * @brief The i-th calendar, in the document's order.
 * @param p The policy.
 * @param i Index below slate_policy_calendar_count().
 * @return The calendar, or NULL when i is out of range.
 */
SLATE_API const slate_calendar *slate_policy_calendar_at(const slate_policy *p, size_t i);

/** @brief Most warnings a policy keeps; later ones are counted, not kept. */
#define SLATE_POLICY_WARNINGS_MAX 64

/**
 * @brief How many warnings loading the policy raised: things that load
 *        but are probably not what the author meant, such as a deadline or
 *        a report month that falls back to UTC dates because its calendar
 *        names no zone.
 * @param p The policy, or NULL (0).
 * @return The count (at most ::SLATE_POLICY_WARNINGS_MAX are kept).
 */
SLATE_API size_t slate_policy_warning_count(const slate_policy *p);

/**
 * @brief The i-th warning, in document order: what and where, as an error
 *        record would say it (file, line, column, JSON Pointer), with
 *        `code` ::SLATE_OK.
 * @param p The policy.
 * @param i Index below slate_policy_warning_count().
 * @return The record, owned by p, or NULL when i is out of range.
 *         Thread-safe: the policy does not change after loading.
 */
SLATE_API const slate_error *slate_policy_warning(const slate_policy *p, size_t i);

#ifdef __cplusplus
}
#endif

#endif /* SLATE_POLICY_H */
