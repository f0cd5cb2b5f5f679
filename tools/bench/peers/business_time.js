// Business-hours peers from npm on the New York workload that
// bench_calendar --emit writes: moment-business-time (add and between in
// working seconds) and luxon-business-days (whole business days only).
//   TZ=America/New_York node business_time.js moment|luxon WORKLOAD.json [BUDGET_SECONDS]
// Prints: op  peer  span  ns-per-op  agreeing/compared  note  peak-KiB
'use strict';
const fs = require('fs');

const [peer, path, budgetText] = process.argv.slice(2);
const budget = Number(budgetText || 3) * 1e9;
const work = JSON.parse(fs.readFileSync(path, 'utf8'));
const holidays = new Set(work.holidays);

function peakKib() {
  const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : -1;
}

// Runs op over the cases until the budget is spent.
function run(cases, op) {
  let done = 0, agree = 0;
  const t0 = process.hrtime.bigint();
  for (const c of cases) {
    if (op(c)) agree++;
    done++;
    if (Number(process.hrtime.bigint() - t0) > budget) break;
  }
  return { ns: Number(process.hrtime.bigint() - t0) / done, agree, done };
}

function print(op, label, r, note) {
  console.log([op, peer === 'moment' ? 'moment-business-time' : 'luxon-business-days', label, r.ns.toFixed(0),
               `${r.agree}/${r.done}`, note, peakKib()].join('\t'));
}

if (peer === 'moment') {
  const moment = require('moment-business-time');
  const [open, close] = work.hours.map((h) => `${h}:00`);
  const hours = { 0: null, 6: null };
  for (let d = 1; d <= 5; d++) hours[d] = [open, close];
  moment.updateLocale('en', { workinghours: hours, holidays: work.holidays });
  for (const span of work.spans) {
    const add = run(span.cases, ([start, end, , reopen]) => {
      const got = moment(start * 1000).addWorkingTime(span.seconds, 'seconds').unix();
      return got === end || got === reopen;
    });
    print('add', span.label, add, '');
    const between = run(span.cases, ([start, end, back]) =>
      moment(end * 1000).workingDiff(moment(start * 1000), 'seconds') === back);
    print('between', span.label, between, '');
  }
} else {
  const { DateTime } = require('luxon-business-days');
  const matcher = (dt) => holidays.has(dt.toISODate());
  for (const span of work.spans) {
    const days = span.seconds / (8 * 3600);
    if (!Number.isInteger(days)) continue; // it counts whole business days only
    // Whole days agree with adding business hours when the start is inside
    // the working day (not at its edges, not on a closed day).
    const inside = (dt) => dt.weekday <= 5 && !matcher(dt) && dt.hour >= 9 && dt.hour < 17 &&
                           !(dt.hour === 9 && dt.minute === 0 && dt.second === 0);
    let compared = 0;
    const add = run(span.cases, ([start, end, , reopen]) => {
      const dt = DateTime.fromSeconds(start, { zone: work.zone });
      dt.setupBusiness({ holidayMatchers: [matcher] }); // configures dt in place
      const got = dt.plusBusiness({ days }).toSeconds();
      if (!inside(dt)) return false;
      compared++;
      return got === end || got === reopen;
    });
    print('add', span.label, { ...add, done: compared }, `days only; compared on the ${compared} starts inside working hours`);
  }
}
