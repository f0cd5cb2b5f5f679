/* The compliance report as one self-contained HTML page (slate report
 * --format html): inline CSS and SVG, printable to A4. */
#ifndef SLATE_CLI_REPORT_HTML_H
#define SLATE_CLI_REPORT_HTML_H

#include <stdio.h>

#include "slate.h"

/* The page's head and opening, titled after the first report. */
void report_html_begin(FILE *out, const char *title);

/* One contract's report: the summary, per month the targets table, the
 * availability with a bar, every breach with its late-by and clause, the
 * credits with their clauses, the cap and what is owed. Times in zone
 * (the contract's own when NULL); skipped counts the lines left out. */
void report_html_contract(FILE *out, const slate_report_result *res, long skipped,
                          const slate_zone *zone);

/* The page's end. */
void report_html_end(FILE *out);

#endif /* SLATE_CLI_REPORT_HTML_H */
