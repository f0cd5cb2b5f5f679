#!/usr/bin/env perl
# Business-hours peer: Perl's Business::Hours (Debian libbusiness-hours-perl)
# on the New York workload that bench_calendar --emit writes.
#   TZ=America/New_York perl business_hours.pl WORKLOAD.json [BUDGET_SECONDS]
# Prints: op  peer  span  ns-per-op  agreeing/compared  note  peak-KiB
use strict;
use warnings;
use JSON::PP;
use Time::HiRes qw(time);
use Business::Hours;

my ($path, $budget) = @ARGV;
$budget //= 3;
open my $fh, '<', $path or die "cannot read $path: $!";
my $work = decode_json(do { local $/; <$fh> });
close $fh;

my %day = (Start => $work->{hours}[0], End => $work->{hours}[1]);
my %hours = map { $_ => ($_ >= 1 && $_ <= 5 ? {%day} : {Start => undef, End => undef}) } 0 .. 6;
$hours{holidays} = $work->{holidays};

sub peak_kib {
    open my $s, '<', '/proc/self/status' or return -1;
    while (<$s>) { return $1 if /^VmHWM:\s+(\d+)/ }
    return -1;
}

# Runs $op over the cases until the budget is spent; returns ns per op,
# agreeing count, compared count and how many returned -1.
sub run {
    my ($cases, $op) = @_;
    my ($done, $agree, $failed, $t0) = (0, 0, 0, time);
    for my $case (@$cases) {
        my $r = $op->($case);
        $done++;
        $failed++ if $r->[0] == -1;
        $agree++ if $r->[1];
        last if time - $t0 > $budget;
    }
    return ((time - $t0) * 1e9 / $done, $agree, $done, $failed);
}

for my $span (@{ $work->{spans} }) {
    my $seconds = $span->{seconds};
    my @add = run($span->{cases}, sub {
        my ($start, $end, $back, $reopen) = @{ $_[0] };
        my $bh = Business::Hours->new;
        $bh->business_hours(%hours);
        my $got = $bh->add_seconds($start, $seconds);
        # It answers with a business second, so a span that ends at closing
        # time lands on the next opening; slate answers the closing instant.
        return [$got, $got == $end || $got == $reopen];
    });
    my @between = run($span->{cases}, sub {
        my ($start, $end, $back) = @{ $_[0] };
        my $bh = Business::Hours->new;
        $bh->business_hours(%hours);
        $bh->for_timespan(Start => $start, End => $end);
        my $got = $bh->between($start, $end);
        # Business::Hours counts [start, end] with both ends; slate [start, end).
        return [$got, $got == $back || $got == $back + 1];
    });
    for ([add => \@add], [between => \@between]) {
        my ($name, $r) = @$_;
        my $note = $r->[3] ? "returned -1 for $r->[3] of $r->[2] (it looks 30 days ahead at most)" : "";
        printf "%s\tbusiness-hours\t%s\t%.0f\t%d/%d\t%s\t%d\n", $name, $span->{label}, $r->[0], $r->[1], $r->[2],
            $note, peak_kib();
    }
}
