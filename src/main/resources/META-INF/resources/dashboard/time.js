// Times in an IANA zone with the browser's Intl only: local midnights, offsets and labels,
// so a day is drawn from its true start to its true end (23 or 25 hours on DST changes).
'use strict';
(function () {
  const formats = new Map();

  function parts(t, zone) {
    let f = formats.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short', timeZoneName: 'short'
      });
      formats.set(zone, f);
    }
    const p = {};
    for (const x of f.formatToParts(new Date(t))) p[x.type] = x.value;
    return {
      y: +p.year, m: +p.month, d: +p.day, h: +p.hour % 24, mi: +p.minute, s: +p.second,
      weekday: p.weekday, zoneName: p.timeZoneName
    };
  }

  /** Milliseconds the zone is ahead of UTC at instant t. */
  function offset(t, zone) {
    const p = parts(t, zone);
    return Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s) - Math.floor(t / 1000) * 1000;
  }

  /** The instant of a local wall time; in an overlap the earlier one, in a gap the time an hour on. */
  function instant(y, m, d, h, mi, zone) {
    const wall = Date.UTC(y, m - 1, d, h, mi);
    const before = wall - offset(wall - 43200000, zone);
    const after = wall - offset(wall + 43200000, zone);
    const fits = [before, after].filter(t => t + offset(t, zone) === wall);
    return fits.length ? Math.min(...fits) : before;
  }

  function parseDate(s) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || '');
    return m ? { y: +m[1], m: +m[2], d: +m[3] } : null;
  }

  /** Local midnight starting the day 'YYYY-MM-DD' (+ plusDays) in zone. */
  function dayStart(date, zone, plusDays = 0) {
    const p = parseDate(date);
    const c = new Date(Date.UTC(p.y, p.m - 1, p.d + plusDays));
    return instant(c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate(), 0, 0, zone);
  }

  function addDays(date, n) {
    const p = parseDate(date);
    return new Date(Date.UTC(p.y, p.m - 1, p.d + n)).toISOString().slice(0, 10);
  }

  function daysBetween(from, to) {
    const a = parseDate(from), b = parseDate(to);
    return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86400000);
  }

  function today(zone) {
    const p = parts(Date.now(), zone);
    return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
  }

  const pad = n => String(n).padStart(2, '0');

  function hm(t, zone) {
    const p = parts(t, zone);
    return `${pad(p.h)}:${pad(p.mi)}`;
  }

  function dateTime(t, zone) {
    const p = parts(t, zone);
    return `${p.weekday} ${p.y}-${pad(p.m)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)} ${p.zoneName}`;
  }

  function validZone(zone) {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: zone });
      return true;
    } catch (e) {
      return false;
    }
  }

  function iso(t) {
    return new Date(t).toISOString().replace('.000Z', 'Z');
  }

  window.JouleTime = { parts, offset, instant, dayStart, addDays, daysBetween, today, hm, dateTime, validZone, iso, parseDate, pad };
})();
