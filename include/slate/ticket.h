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

#ifdef __cplusplus
}
#endif

#endif /* SLATE_TICKET_H */
