/* slate report --format html: the monthly compliance report as one page,
 * styled for print (A4), with no scripts and nothing fetched. */
#include "report_html.h"

#include "cli.h"
#include "svg.h"

static void when(FILE *out, const slate_zone *zone, slate_time t) {
    char text[SLATE_TIME_TEXT_MAX];
    cli_format_time(t, zone, text);
    svg_text(out, text);
}

static void duration(FILE *out, slate_duration d, int known) {
    char text[SLATE_DURATION_TEXT_MAX] = "-";
    if (known) slate_duration_format(d, text, sizeof text);
    fputs(text, out);
}

/* A cell of text, "-" for NULL. */
static void cell(FILE *out, const char *text) {
    fputs("<td>", out);
    svg_text(out, text != NULL && *text ? text : "-");
    fputs("</td>", out);
}

static const char style[] =
    "<style>\n"
    "@page { size: A4; margin: 14mm; }\n"
    "body { font: 10pt/1.35 sans-serif; color: #222; max-width: 182mm; margin: 0 auto; }\n"
    "h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 6mm 0 2mm; "
    "border-bottom: 1px solid #999; break-after: avoid; }\n"
    "table { border-collapse: collapse; width: 100%; margin: 2mm 0; break-inside: auto; }\n"
    "th, td { border: 1px solid #ccc; padding: 1mm 1.5mm; text-align: left; }\n"
    "th { background: #eee; } td.n { text-align: right; } tr { break-inside: avoid; }\n"
    ".owed { font-weight: bold; } .missed { color: #b3261e; font-weight: bold; }\n"
    ".clause { color: #555; font-size: 9pt; } .warning { color: #b3261e; }\n"
    "</style>\n";

void report_html_begin(FILE *out, const char *title) {
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", out);
    svg_text(out, title);
    fprintf(out, "</title>\n%s</head>\n<body>\n", style);
}

void report_html_end(FILE *out) { fputs("</body>\n</html>\n", out); }

/* The availability achieved as a bar, the commitment as a line across it. */
static void availability(FILE *out, const slate_report_result *res, const slate_report_period *p) {
    double w = 200.0 *
               (p->availability < 0     ? 0
                : p->availability > 100 ? 100
                                        : p->availability) /
               100;
    double c = 200.0 * res->availability_target / 100;
    fprintf(
        out,
        "<p class=\"availability\">Availability: %.3f%% (down %lld s of %lld s), "
        "commitment %.2f%%: <span class=\"%s\">%s</span> "
        "<svg class=\"bar\" width=\"204\" height=\"14\" viewBox=\"0 0 204 14\" role=\"img\">"
        "<title>%.3f%% of %.2f%%</title>"
        "<rect x=\"2\" y=\"2\" width=\"200\" height=\"10\" fill=\"#eee\"/>"
        "<rect x=\"2\" y=\"2\" width=\"%.1f\" height=\"10\" fill=\"%s\"/>"
        "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"14\" stroke=\"#222\" stroke-width=\"1.5\"/>"
        "</svg> <span class=\"clause\">measured on calendar ",
        p->availability, (long long)p->downtime, (long long)p->committed, res->availability_target,
        p->availability_met ? "met" : "missed", p->availability_met ? "met" : "missed",
        p->availability, res->availability_target, w, p->availability_met ? "#3c9a5f" : "#d9342b",
        2 + c, 2 + c);
    svg_text(out, res->availability_calendar);
    fputs("</span></p>\n", out);
}

static void targets_table(FILE *out, const slate_report_result *res, const slate_report_period *p) {
    fputs("<table class=\"targets\"><caption>Targets of SLA ", out);
    svg_text(out, res->sla);
    fputs("</caption>\n", out);
    fputs("<tr><th>target</th><th>priority</th><th>met</th><th>breached</th><th>open</th>"
          "<th>median</th><th>90th percentile</th></tr>\n",
          out);
    for (size_t i = 0; i < p->row_count; i++) {
        const slate_report_row *r = &p->rows[i];
        fputs("<tr>", out);
        cell(out, r->target);
        cell(out, r->priority);
        fprintf(out, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>",
                r->met, r->breached, r->open);
        fputs("<td>", out);
        duration(out, r->median, r->finished > 0);
        fputs("</td><td>", out);
        duration(out, r->p90, r->finished > 0);
        fputs("</td></tr>\n", out);
    }
    fputs("</table>\n", out);
}

static void breaches_table(FILE *out, const slate_report_period *p, const slate_zone *zone) {
    if (p->breach_count == 0) {
        fputs("<p class=\"breaches\">No breaches.</p>\n", out);
        return;
    }
    fputs("<table class=\"breaches\"><caption>Breaches</caption>\n<tr><th>ticket</th>"
          "<th>cycle</th><th>target</th><th>priority</th><th>due</th><th>breached at</th>"
          "<th>late by</th><th>clause</th></tr>\n",
          out);
    for (size_t i = 0; i < p->breach_count; i++) {
        const slate_report_breach *b = &p->breaches[i];
        fputs("<tr class=\"breach\">", out);
        cell(out, b->ticket);
        fprintf(out, "<td class=\"n\">%d</td>", b->cycle);
        cell(out, b->target);
        cell(out, b->priority);
        fputs("<td>", out);
        if (b->has_due) when(out, zone, b->due);
        fputs("</td><td>", out);
        when(out, zone, b->at);
        fputs("</td><td>", out);
        duration(out, b->late_by, 1);
        fputs("</td>", out);
        cell(out, b->clause ? b->clause : "(no credit)");
        fputs("</tr>\n", out);
    }
    fputs("</table>\n", out);
}

static void credits_table(FILE *out, const slate_report_result *res, const slate_report_period *p,
                          const slate_zone *zone) {
    if (p->credit_count > 0) {
        fputs("<table class=\"credits\"><caption>Service credits</caption>\n<tr><th>clause</th>"
              "<th>at</th><th>ticket</th><th>target</th><th>priority</th><th>units</th>"
              "<th>amount</th></tr>\n",
              out);
        for (size_t i = 0; i < p->credit_count; i++) {
            const slate_report_credit *c = &p->credits[i];
            fputs("<tr class=\"credit\"><td>", out);
            svg_text(out, c->clause);
            fputs(" <span class=\"clause\">", out);
            svg_text(out, c->pointer);
            fputs("</span></td>", out);
            fputs("<td>", out);
            when(out, zone, c->at);
            fputs("</td>", out);
            cell(out, c->ticket);
            cell(out, c->target ? c->target : "availability");
            cell(out, c->priority);
            fprintf(out, "<td class=\"n\">%lld</td><td class=\"n\">", (long long)c->units);
            cli_print_money(out, c->amount);
            fputs("</td></tr>\n", out);
        }
        fputs("</table>\n", out);
    }
    fputs("<p class=\"owed\">Credits due ", out);
    cli_print_money(out, p->credits_due);
    if (p->cap >= 0) fputs(", cap ", out), cli_print_money(out, p->cap);
    fputs(", owed ", out);
    cli_print_money(out, p->credits_owed);
    fprintf(out, " %s</p>\n", res->currency ? res->currency : "");
}

static void summary(FILE *out, const slate_report_result *res, long skipped,
                    const slate_zone *zone) {
    fputs("<h1>Contract ", out);
    svg_text(out, res->contract);
    if (res->customer != NULL) fputs(": ", out), svg_text(out, res->customer);
    fputs("</h1>\n<p class=\"summary\">SLA <b>", out);
    svg_text(out, res->sla);
    fputs("</b>, coverage window <b>", out);
    svg_text(out, res->coverage);
    fprintf(out, "</b>; %zu tickets from ", res->tickets);
    when(out, zone, res->start);
    fputs(" to ", out);
    when(out, zone, res->end);
    fputs(". Total owed <span class=\"owed\">", out);
    cli_print_money(out, res->credits_owed);
    fprintf(out, " %s</span>.</p>\n", res->currency ? res->currency : "");
    if (skipped > 0)
        fprintf(out,
                "<p class=\"warning\">%ld ticket line%s could not be read or replayed and %s "
                "left out (listed on the command's standard error).</p>\n",
                skipped, skipped == 1 ? "" : "s", skipped == 1 ? "is" : "are");
    if (res->uncovered_count > 0) {
        fprintf(out, "<p class=\"warning\">%zu ticket%s outside the contract's scope:",
                res->uncovered_count, res->uncovered_count == 1 ? "" : "s");
        for (size_t i = 0; i < res->uncovered_count; i++)
            fputc(' ', out), svg_text(out, res->uncovered[i] ? res->uncovered[i] : "-");
        fputs("</p>\n", out);
    }
}

void report_html_contract(FILE *out, const slate_report_result *res, long skipped,
                          const slate_zone *zone) {
    if (zone == NULL) zone = res->zone;
    fputs("<section class=\"contract\">\n", out);
    summary(out, res, skipped, zone);
    for (size_t i = 0; i < res->period_count; i++) {
        const slate_report_period *p = &res->periods[i];
        fputs("<section class=\"period\">\n<h2>", out);
        when(out, zone, p->start);
        fputs(" to ", out);
        when(out, zone, p->end);
        fputs(", fee ", out);
        cli_print_money(out, p->fee);
        fprintf(out, " %s</h2>\n", res->currency ? res->currency : "");
        targets_table(out, res, p);
        if (res->availability_calendar != NULL) availability(out, res, p);
        breaches_table(out, p, zone);
        credits_table(out, res, p, zone);
        fputs("</section>\n", out);
    }
    fputs("</section>\n", out);
}
