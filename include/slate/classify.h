/**
 * @file classify.h
 * @brief Priority classification: an ITIL impact x urgency matrix and
 *        ordered rules over ticket fields, compiled once in the policy and
 *        evaluated by a per-thread classifier.
 *
 * The `priorities` section of a policy (docs/guides/policy.md) defines the
 * priority levels, an optional matrix, ordered rules with conditions (equals,
 * in, exists, numeric comparisons, PCRE2 regular expressions, all / any /
 * not) and actions (set a priority, set impact or urgency, raise or lower by
 * levels), and a default. docs/guides/classification.md states the exact
 * evaluation order.
 *
 * Thread-safety: the policy is immutable and shared. A ::slate_classifier
 * holds the mutable scratch of one thread (PCRE2 match data, the result
 * buffers): create one per thread, and never use one from two threads at
 * once. slate_classify() does not allocate.
 */
#ifndef SLATE_CLASSIFY_H
#define SLATE_CLASSIFY_H

#include "slate/common.h"
#include "slate/policy.h"
#include "slate/ticket.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Per-thread classification scratch (opaque). */
typedef struct slate_classifier slate_classifier;

/** @brief One rule as the explanation trail reports it. */
typedef struct slate_trail_entry {
    const char *rule;   /**< The rule's id. */
    int matched;        /**< 1 when its condition held. */
    const char *reason; /**< Why: the condition that decided, with the value seen. */
} slate_trail_entry;

/** @brief The outcome of one classification. Pointers stay valid until the
 *         classifier's next call or its freeing. */
typedef struct slate_classification {
    int priority;              /**< Index into the levels, 0 = most urgent. */
    const char *priority_name; /**< Its name, e.g. "P1". */
    int impact;                /**< Impact level index used, -1 when none. */
    const char *impact_name;   /**< Its name, or NULL. */
    int urgency;               /**< Urgency level index used, -1 when none. */
    const char *urgency_name;  /**< Its name, or NULL. */
    const char *decided_by;    /**< "rule", "matrix" or "default": what set the base priority. */
    size_t fired_count;        /**< Rules whose actions applied. */
    const char *const *fired;  /**< Their ids, in order. */
    size_t trail_count;        /**< Rules tried (0 unless explain was asked). */
    const slate_trail_entry *trail; /**< Each rule tried and why it matched or not. */
} slate_classification;

/**
 * @brief Creates the scratch one thread needs to classify with a policy.
 * @param p The policy; it must outlive the classifier.
 * @param[out] out Receives the classifier, freed with slate_classifier_free().
 * @param[out] err Optional.
 * @return ::SLATE_OK, ::SLATE_ENOENT when the policy has no `priorities`
 *         section, ::SLATE_ENOMEM, ::SLATE_EINVAL.
 */
SLATE_API slate_status slate_classifier_new(const slate_policy *p, slate_classifier **out,
                                            slate_error *err);

/**
 * @brief Frees a classifier.
 * @param c The classifier, or NULL.
 */
SLATE_API void slate_classifier_free(slate_classifier *c);

/**
 * @brief Classifies one ticket.
 * @param c The calling thread's classifier.
 * @param fields The ticket's fields; names need not be unique (the first wins).
 * @param count Number of fields.
 * @param explain Non-zero to fill the trail.
 * @param[out] out Receives the result; its pointers belong to c.
 * @param[out] err Optional.
 * @return ::SLATE_OK; ::SLATE_ELIMIT when a regular expression hits its
 *         match limit (the message names the rule and field);
 *         ::SLATE_EINVAL for a field value that is not valid UTF-8 where a
 *         pattern reads it, or NULL arguments.
 */
SLATE_API slate_status slate_classify(slate_classifier *c, const slate_field *fields, size_t count,
                                      int explain, slate_classification *out, slate_error *err);

/**
 * @brief How many priority levels the policy defines (0 without a
 *        `priorities` section).
 * @param p The policy.
 * @return The count.
 */
SLATE_API size_t slate_policy_priority_count(const slate_policy *p);

/**
 * @brief The name of a priority level ("P1", ...), which is its id.
 * @param p The policy.
 * @param i Index, 0 = most urgent.
 * @return The name, owned by p, or NULL when i is out of range.
 */
SLATE_API const char *slate_policy_priority_id(const slate_policy *p, size_t i);

/**
 * @brief The name of a priority level.
 * @deprecated Use slate_policy_priority_id(), the shape every listing has.
 * @param p The policy.
 * @param i Index, 0 = most urgent.
 * @return The name, owned by p, or NULL when i is out of range.
 */
SLATE_API const char *slate_policy_priority_name(const slate_policy *p, size_t i);

#ifdef __cplusplus
}
#endif

#endif /* SLATE_CLASSIFY_H */
