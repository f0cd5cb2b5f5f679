/**
 * @file ticket.h
 * @brief Ticket fields: the (name, value) pairs that classification rules
 *        and SLA conditions look at, and a parser that flattens one JSON
 *        object (a line of a JSON Lines export) into them.
 *
 * Thread-safety: a ::slate_ticket is immutable after parsing and may be
 * read by any number of threads.
 */
#ifndef SLATE_TICKET_H
#define SLATE_TICKET_H

#include "slate/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief One ticket field: a name and a UTF-8 text value, both NUL-terminated. */
typedef struct slate_field {
    const char *name;  /**< Field name, e.g. "priority" or "customer.tier". */
    const char *value; /**< Field value as text; numbers in their JSON spelling. */
} slate_field;

/** @brief A parsed ticket (opaque): its fields, owned by it. */
typedef struct slate_ticket slate_ticket;

/**
 * @brief Parses one JSON object into ticket fields.
 *
 * Nested objects are flattened with dots (`{"customer": {"tier": "gold"}}`
 * gives `customer.tier`); strings are taken as they are, numbers as written
 * in the text, booleans as `true` / `false`; `null` leaves the field out.
 * Arrays are rejected. Field order is the document's.
 * @param json UTF-8 text; need not be NUL-terminated.
 * @param len Its length in bytes.
 * @param[out] out Receives the ticket, freed with slate_ticket_free(); NULL
 *        on failure.
 * @param[out] err Optional; a syntax or type error gives the line, column
 *        and JSON Pointer.
 * @return ::SLATE_OK, ::SLATE_EPARSE, ::SLATE_ENOMEM, ::SLATE_EINVAL.
 */
SLATE_API slate_status slate_ticket_from_json(const char *json, size_t len, slate_ticket **out,
                                              slate_error *err);

/**
 * @brief Frees a ticket.
 * @param t The ticket, or NULL.
 */
SLATE_API void slate_ticket_free(slate_ticket *t);

/**
 * @brief The ticket's fields.
 * @param t The ticket.
 * @param[out] count Receives the number of fields.
 * @return The fields, owned by t and valid until slate_ticket_free().
 */
SLATE_API const slate_field *slate_ticket_fields(const slate_ticket *t, size_t *count);

/** @brief One event of a ticket's history: what slate_clock_apply() takes
 *         and a ::slate_history hands out. */
typedef struct slate_event {
    slate_time at;             /**< When it happened. Events must come in time order. */
    const char *kind;          /**< Optional kind ("created", "agent_comment", ...), seen by
                                    conditions as the field `event`; NULL for none. */
    const slate_field *fields; /**< Fields the event sets (status, priority, any field). */
    size_t field_count;        /**< Number of fields. */
} slate_event;

/** @brief A ticket's history parsed from JSON (opaque): an id and events. */
typedef struct slate_history slate_history;

/**
 * @brief Parses one ticket history: a JSON object
 *        `{"id": "INC-1", "events": [{"at": "2026-03-02T10:00:00Z",
 *        "kind": "created", "fields": {"status": "new"}}, ...]}`.
 *
 * `id` (a string or number) and each event's `kind` and `fields` are
 * optional; `at` is an RFC 3339 instant; fields are flattened as by
 * slate_ticket_from_json(). Other keys are errors. Events are kept in the
 * document's order (the clock checks that time does not go back).
 * @param json UTF-8 text; need not be NUL-terminated.
 * @param len Its length.
 * @param[out] out Receives the history, freed with slate_history_free();
 *        NULL on failure.
 * @param[out] err Optional; errors carry the JSON Pointer, line and column.
 * @return ::SLATE_OK, ::SLATE_EPARSE, ::SLATE_ERANGE, ::SLATE_ENOMEM, ::SLATE_EINVAL.
 */
SLATE_API slate_status slate_history_from_json(const char *json, size_t len, slate_history **out,
                                               slate_error *err);

/**
 * @brief Frees a history.
 * @param h The history, or NULL.
 */
SLATE_API void slate_history_free(slate_history *h);

/**
 * @brief The history's `id`.
 * @param h The history.
 * @return The id as text, owned by h, or NULL when the document has none.
 */
SLATE_API const char *slate_history_id(const slate_history *h);

/**
 * @brief The history's events, ready for slate_clock_apply().
 * @param h The history.
 * @param[out] count Receives the number of events.
 * @return The events, owned by h and valid until slate_history_free().
 */
SLATE_API const slate_event *slate_history_events(const slate_history *h, size_t *count);

#ifdef __cplusplus
}
#endif

#endif /* SLATE_TICKET_H */
