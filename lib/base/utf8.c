/* UTF-8 validation, eight ASCII bytes at a time. */
#include <stdint.h>
#include <string.h>

#include "base.h"

/* 1 when the eight bytes at s are ASCII and none is NUL. */
static int ascii8(const unsigned char *s) {
    uint64_t v;
    memcpy(&v, s, sizeof v);
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    return (v & highs) == 0 && ((v - ones) & ~v & highs) == 0;
}

size_t slate__utf8_invalid_at(const char *text, size_t len) {
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        if (i + 8 <= len && ascii8(s + i)) {
            i += 8;
            continue;
        }
        unsigned char c = s[i];
        size_t need;
        uint32_t cp, min;
        if (c == 0) return i;
        if (c < 0x80) {
            i++;
            continue;
        }
        if ((c & 0xE0) == 0xC0)
            need = 1, cp = c & 0x1F, min = 0x80;
        else if ((c & 0xF0) == 0xE0)
            need = 2, cp = c & 0x0F, min = 0x800;
        else if ((c & 0xF8) == 0xF0)
            need = 3, cp = c & 0x07, min = 0x10000;
        else
            return i;
        for (size_t k = 1; k <= need; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80) return i;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += need + 1;
    }
    return len;
}

void slate__utf8_repair(char *s) {
    size_t len = strlen(s), at = 0;
    for (;;) {
        at += slate__utf8_invalid_at(s + at, len - at);
        if (at == len) return;
        memmove(s + at, s + at + 1, len - at); /* the terminator too */
        len--;
    }
}

void slate__visible(const char *text, size_t most, char *out, size_t cap) {
    /* For 0x08 to 0x0d; none for the backspace, whose "\b" would read as
     * a regular expression's word boundary. */
    static const char short_forms[] = "\0tn\0fr";
    size_t n = 0;
    for (size_t i = 0; i < most && text[i] != '\0' && n + 7 < cap; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch >= 0x20 && ch != 0x7f) {
            out[n++] = (char)ch;
        } else if (ch >= 0x08 && ch <= 0x0d && short_forms[ch - 0x08] != '\0') {
            out[n++] = '\\';
            out[n++] = short_forms[ch - 0x08];
        } else {
            static const char hex[] = "0123456789abcdef";
            memcpy(out + n, "\\u00", 4);
            out[n + 4] = hex[ch >> 4];
            out[n + 5] = hex[ch & 15];
            n += 6;
        }
    }
    out[n < cap ? n : cap - 1] = '\0';
}
