// Time zone benchmark: instant -> offset and civil fields, and civil ->
// instant, over random instants 1970-2037 in 20 zones, for slate and the
// peers people use instead: Google cctz, ICU, Howard Hinnant's date and
// glibc (localtime_r / mktime with TZ switched).
//
//   bench_tz --peer NAME [--quick]
//
// NAME is slate, cctz, icu, date, glibc (TZ set per call, as a program that
// serves many zones must) or glibc-batch (TZ set once per zone). Each run is
// one process, so its peak memory is its own. Prints tab-separated lines:
//   lookup|civil  PEER  ns-per-op  checksum  peak-KiB
// The checksums are over the answers; equal checksums mean equal answers
// (civil -> instant is checked on local times that occur exactly once,
// where every peer's rule gives the same instant).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "slate.h"

#ifdef BENCH_HAVE_CCTZ
#include <cctz/civil_time.h>
#include <cctz/time_zone.h>
#endif
#ifdef BENCH_HAVE_ICU
#include <unicode/basictz.h>
#include <unicode/timezone.h>
#endif
#ifdef BENCH_HAVE_DATE
#include <date/tz.h>
#endif

namespace {

const char *const kZones[] = {
    "America/New_York",  "Europe/Dublin",       "Australia/Lord_Howe", "Pacific/Apia",
    "Africa/Casablanca", "Asia/Kathmandu",      "Pacific/Chatham",     "America/St_Johns",
    "Asia/Kolkata",      "Asia/Manila",         "Europe/Warsaw",       "America/Sao_Paulo",
    "Antarctica/Troll",  "America/Nuuk",        "Asia/Tehran",         "Australia/Adelaide",
    "Europe/London",     "America/Los_Angeles", "Asia/Tokyo",          "Pacific/Auckland"};
constexpr int kZoneCount = sizeof kZones / sizeof kZones[0];
constexpr int kRuns = 5;

struct Sample {
    int zone;
    int64_t t;              // the instant
    int y, mo, d, h, mi, s; // its local civil time (from slate)
    bool unique;            // that local time occurs exactly once
};

double now_ns() {
    return std::chrono::duration<double, std::nano>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

long peak_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
    return -1;
}

int64_t civil_key(int y, int mo, int d, int h, int mi, int s) {
    return ((((int64_t(y) * 13 + mo) * 32 + d) * 24 + h) * 60 + mi) * 60 + s;
}

// Civil fields of a UTC-shifted instant (for peers that give an offset only).
void civil_of(int64_t local, int &y, int &mo, int &d, int &h, int &mi, int &s) {
    int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    int64_t rem = local - days * 86400;
    int32_t yy;
    slate_civil_from_days(days, &yy, &mo, &d);
    y = yy, h = int(rem / 3600), mi = int(rem / 60 % 60), s = int(rem % 60);
}

std::vector<Sample> make_samples(size_t n, slate_tzdb *db, const slate_zone **zones) {
    std::mt19937_64 rng(20261122);
    const int64_t lo = 0, hi = 2145916800; // 1970 .. 2038-01-01
    std::vector<Sample> out(n);
    for (auto &x : out) {
        x.zone = int(rng() % kZoneCount);
        x.t = lo + int64_t(rng() % uint64_t(hi - lo));
        slate_civil c;
        slate_zone_to_civil(zones[x.zone], x.t, &c);
        x.y = c.year, x.mo = c.month, x.d = c.day, x.h = c.hour, x.mi = c.minute, x.s = c.second;
        slate_time once;
        x.unique = slate_zone_from_civil(zones[x.zone], &c, SLATE_DISAMBIGUATE_REJECT, &once,
                                         nullptr) == SLATE_OK;
    }
    (void)db;
    return out;
}

volatile int64_t g_sink;

// Median ns per op of fn over the samples, and its checksum.
template <class Fn> double time_it(const std::vector<Sample> &samples, Fn fn, int64_t &checksum) {
    double runs[kRuns];
    for (int run = -1; run < kRuns; run++) {
        int64_t sum = 0;
        double t0 = now_ns();
        for (const Sample &x : samples)
            sum += fn(x);
        double dt = now_ns() - t0;
        if (run >= 0) runs[run] = dt / double(samples.size());
        checksum = sum;
    }
    g_sink = checksum;
    std::sort(runs, runs + kRuns);
    return runs[kRuns / 2];
}

// The civil -> instant checksum counts only local times that occur once.
int64_t civil_answer(const Sample &x, int64_t t) { return x.unique ? t : 1; }

struct Result {
    double lookup_ns = -1, civil_ns = -1;
    int64_t lookup_sum = 0, civil_sum = 0;
};

Result run_slate(const std::vector<Sample> &samples, const slate_zone **zones) {
    Result r;
    r.lookup_ns = time_it(
        samples,
        [&](const Sample &x) {
            slate_zone_info info;
            slate_civil c;
            slate_zone_lookup(zones[x.zone], x.t, &info);
            slate_zone_to_civil(zones[x.zone], x.t, &c);
            return int64_t(info.utc_offset) +
                   civil_key(c.year, c.month, c.day, c.hour, c.minute, c.second);
        },
        r.lookup_sum);
    r.civil_ns = time_it(
        samples,
        [&](const Sample &x) {
            slate_civil c = {x.y, x.mo, x.d, x.h, x.mi, x.s};
            slate_time t = 0;
            slate_zone_from_civil(zones[x.zone], &c, SLATE_DISAMBIGUATE_COMPATIBLE, &t, nullptr);
            return civil_answer(x, t);
        },
        r.civil_sum);
    return r;
}

#ifdef BENCH_HAVE_CCTZ
Result run_cctz(const std::vector<Sample> &samples) {
    std::vector<cctz::time_zone> zones(kZoneCount);
    for (int i = 0; i < kZoneCount; i++)
        cctz::load_time_zone(kZones[i], &zones[i]);
    using tp = cctz::time_point<cctz::seconds>;
    Result r;
    r.lookup_ns = time_it(
        samples,
        [&](const Sample &x) {
            auto al = zones[x.zone].lookup(tp(cctz::seconds(x.t)));
            const auto &c = al.cs;
            return int64_t(al.offset) +
                   civil_key(int(c.year()), c.month(), c.day(), c.hour(), c.minute(), c.second());
        },
        r.lookup_sum);
    r.civil_ns = time_it(
        samples,
        [&](const Sample &x) {
            auto t =
                cctz::convert(cctz::civil_second(x.y, x.mo, x.d, x.h, x.mi, x.s), zones[x.zone]);
            return civil_answer(x, t.time_since_epoch().count());
        },
        r.civil_sum);
    return r;
}
#endif

#ifdef BENCH_HAVE_ICU
Result run_icu(const std::vector<Sample> &samples) {
    std::vector<icu::BasicTimeZone *> zones(kZoneCount);
    for (int i = 0; i < kZoneCount; i++)
        zones[i] = dynamic_cast<icu::BasicTimeZone *>(
            icu::TimeZone::createTimeZone(icu::UnicodeString(kZones[i])));
    Result r;
    r.lookup_ns = time_it(
        samples,
        [&](const Sample &x) {
            UErrorCode status = U_ZERO_ERROR;
            int32_t raw = 0, dst = 0;
            zones[x.zone]->getOffset(double(x.t) * 1000.0, false, raw, dst, status);
            int64_t offset = (raw + dst) / 1000;
            int y, mo, d, h, mi, s;
            civil_of(x.t + offset, y, mo, d, h, mi, s);
            return offset + civil_key(y, mo, d, h, mi, s);
        },
        r.lookup_sum);
    r.civil_ns = time_it(
        samples,
        [&](const Sample &x) {
            UErrorCode status = U_ZERO_ERROR;
            int32_t raw = 0, dst = 0;
            int64_t local =
                slate_days_from_civil(x.y, x.mo, x.d) * 86400 + x.h * 3600 + x.mi * 60 + x.s;
            zones[x.zone]->getOffsetFromLocal(double(local) * 1000.0, UCAL_TZ_LOCAL_FORMER,
                                              UCAL_TZ_LOCAL_FORMER, raw, dst, status);
            return civil_answer(x, local - (raw + dst) / 1000);
        },
        r.civil_sum);
    for (auto *z : zones)
        delete z;
    return r;
}
#endif

#ifdef BENCH_HAVE_DATE
Result run_date(const std::vector<Sample> &samples) {
    std::vector<const date::time_zone *> zones(kZoneCount);
    for (int i = 0; i < kZoneCount; i++)
        zones[i] = date::locate_zone(kZones[i]);
    Result r;
    r.lookup_ns = time_it(
        samples,
        [&](const Sample &x) {
            auto info = zones[x.zone]->get_info(date::sys_seconds(std::chrono::seconds(x.t)));
            int64_t offset = info.offset.count();
            int y, mo, d, h, mi, s;
            civil_of(x.t + offset, y, mo, d, h, mi, s);
            return offset + civil_key(y, mo, d, h, mi, s);
        },
        r.lookup_sum);
    r.civil_ns = time_it(
        samples,
        [&](const Sample &x) {
            int64_t local =
                slate_days_from_civil(x.y, x.mo, x.d) * 86400 + x.h * 3600 + x.mi * 60 + x.s;
            auto t = zones[x.zone]->to_sys(date::local_seconds(std::chrono::seconds(local)),
                                           date::choose::earliest);
            return civil_answer(x, t.time_since_epoch().count());
        },
        r.civil_sum);
    return r;
}
#endif

template <class Use> int64_t glibc_lookup(const Sample &x, Use &use) {
    use(x.zone);
    time_t t = time_t(x.t);
    struct tm tm;
    localtime_r(&t, &tm);
    return int64_t(tm.tm_gmtoff) + civil_key(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                                             tm.tm_hour, tm.tm_min, tm.tm_sec);
}

template <class Use> int64_t glibc_civil(const Sample &x, Use &use) {
    use(x.zone);
    struct tm tm = {};
    tm.tm_year = x.y - 1900, tm.tm_mon = x.mo - 1, tm.tm_mday = x.d;
    tm.tm_hour = x.h, tm.tm_min = x.mi, tm.tm_sec = x.s, tm.tm_isdst = -1;
    return civil_answer(x, int64_t(mktime(&tm)));
}

// glibc: the zone is the TZ variable. `batch` sets it once per zone (the
// samples sorted by zone); otherwise each call sets it as a server must,
// which is slow enough that the timing uses a tenth of the samples (the
// checksums are still over all of them, in one more pass).
Result run_glibc(std::vector<Sample> all, bool batch) {
    std::vector<Sample> samples = all;
    if (batch)
        std::stable_sort(samples.begin(), samples.end(),
                         [](const Sample &a, const Sample &b) { return a.zone < b.zone; });
    else
        samples.resize(all.size() / 10);
    int current = -1;
    auto use = [&](int zone) {
        if (zone == current && batch) return;
        setenv("TZ", kZones[zone], 1);
        tzset();
        current = zone;
    };
    Result r;
    r.lookup_ns = time_it(
        samples, [&](const Sample &x) { return glibc_lookup(x, use); }, r.lookup_sum);
    r.civil_ns = time_it(
        samples, [&](const Sample &x) { return glibc_civil(x, use); }, r.civil_sum);
    if (!batch) {
        /* The same answers over every sample, for the checksums. */
        r.lookup_sum = r.civil_sum = 0;
        for (const Sample &x : all)
            r.lookup_sum += glibc_lookup(x, use), r.civil_sum += glibc_civil(x, use);
    }
    return r;
}

} // namespace

int main(int argc, char **argv) {
    std::string peer = "slate";
    bool quick = false;
    for (int i = 1; i < argc; i++) {
        if (std::strcmp(argv[i], "--quick") == 0)
            quick = true;
        else if (std::strcmp(argv[i], "--peer") == 0 && i + 1 < argc)
            peer = argv[++i];
    }
    slate_tzdb *db;
    slate_error err;
    if (slate_tzdb_open(nullptr, &db, &err) != SLATE_OK) {
        std::fprintf(stderr, "bench_tz: %s\n", err.message);
        return 1;
    }
    const slate_zone *zones[kZoneCount];
    for (int i = 0; i < kZoneCount; i++)
        if (slate_tzdb_zone(db, kZones[i], &zones[i], &err) != SLATE_OK) {
            std::fprintf(stderr, "bench_tz: %s\n", err.message);
            return 1;
        }
    std::vector<Sample> samples = make_samples(quick ? 2000 : 200000, db, zones);
    Result r;
    if (peer == "slate") r = run_slate(samples, zones);
#ifdef BENCH_HAVE_CCTZ
    else if (peer == "cctz")
        r = run_cctz(samples);
#endif
#ifdef BENCH_HAVE_ICU
    else if (peer == "icu")
        r = run_icu(samples);
#endif
#ifdef BENCH_HAVE_DATE
    else if (peer == "date")
        r = run_date(samples);
#endif
    else if (peer == "glibc")
        r = run_glibc(samples, false);
    else if (peer == "glibc-batch")
        r = run_glibc(samples, true);
    else {
        std::fprintf(stderr, "bench_tz: peer %s is not built in\n", peer.c_str());
        return 2;
    }
    long kib = peak_kib();
    std::printf("lookup\t%s\t%.1f\t%lld\t%ld\n", peer.c_str(), r.lookup_ns, (long long)r.lookup_sum,
                kib);
    std::printf("civil\t%s\t%.1f\t%lld\t%ld\n", peer.c_str(), r.civil_ns, (long long)r.civil_sum,
                kib);
    slate_tzdb_free(db);
    return 0;
}
