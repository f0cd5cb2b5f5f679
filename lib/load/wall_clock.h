/* Wall-clock times as policies write them ("09:00", "17:30:15"), and the
 * advice given when one is written another way ("9:00", "7pm"). */
#ifndef SLATE_LOAD_WALL_CLOCK_H
#define SLATE_LOAD_WALL_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* "HH:MM" or "HH:MM:SS" as seconds after midnight; 24:00 (or 24:00:00)
 * only when allow_24. -1 when it is neither. */
int32_t slate__wall_clock_parse(const char *s, int allow_24);

/* The strict form ("HH:MM", or "HH:MM:SS" when seconds were written) of a
 * time written loosely: one-digit hours ("9:00"), hours alone ("9"), no
 * colon ("0900"), or a 12-hour clock ("10am", "7:30 PM", "12 a.m."). Returns
 * 0 when s is not such a time or is out of range (24:00 only when
 * allow_24). */
int slate__wall_clock_strict(const char *s, int allow_24, char out[12]);

#endif /* SLATE_LOAD_WALL_CLOCK_H */
