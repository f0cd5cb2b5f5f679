/* A program outside the tree, built against an installed slate. */
#include <stdio.h>
#include <string.h>

#include <slate.h>

int main(void) {
    slate_time t;
    char text[SLATE_TIME_TEXT_MAX];
    if (slate_time_parse("2026-03-08T13:00:00+05:30", &t, NULL) != SLATE_OK) return 1;
    if (slate_time_format(t, 0, text, sizeof text) != SLATE_OK) return 1;
    printf("slate %s: %s\n", slate_version(), text);
    return strcmp(text, "2026-03-08T07:30:00Z") != 0;
}
