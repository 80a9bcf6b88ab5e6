// The dashboard: signs in with an API key for a session cookie, then reads the JSON API as that
// key. Every call sends X-Joule-Dashboard, without which the server ignores the cookie.
'use strict';
(function () {
  const T = window.JouleTime, C = window.JouleCharts, fmt = C.fmt;
  const SLOT = 900000;
  const HEADERS = { 'X-Joule-Dashboard': '1', 'Accept': 'application/json' };
  const $ = (sel, root = document) => root.querySelector(sel);
  const state = { session: null, zone: null };

  class ApiError extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
    }
  }

  async function api(path, options = {}) {
    const res = await send(path, options);
    return res.status === 204 ? null : res.json();
  }

  // Every page of a paged list (GET /meters): follows Link: <...>; rel="next" until there is none.
  // Only the link's path and query are used, so a proxy's idea of the host does not matter.
  async function apiPages(path) {
    const all = [];
    for (let next = path; next;) {
      const res = await send(next, {});
      all.push(...await res.json());
      const link = /<([^>]*)>\s*;\s*rel="next"/.exec(res.headers.get('Link') || '');
      next = link ? (u => u.pathname + u.search)(new URL(link[1], location.href)) : null;
    }
    return all;
  }

  async function send(path, options) {
    const res = await fetch(path, { credentials: 'same-origin', ...options, headers: { ...HEADERS, ...(options.headers || {}) } });
    if (res.status === 401 && !options.signIn) {
      showSignIn('Your session has ended. Sign in again.');
      throw new ApiError(401, 'Not signed in');
    }
    if (!res.ok) {
      let detail = res.statusText;
      try {
        const p = await res.json();
        detail = p.detail || detail;
        if (p.errors && p.errors.length) detail += ': ' + p.errors.map(e => `${e.pointer || e.parameter || ''} ${e.detail}`.trim()).join('; ');
      } catch (e) { /* not problem+json */ }
      throw new ApiError(res.status, detail);
    }
    return res;
  }

  const enc = encodeURIComponent;
  const time = Date.parse;

  // ---- who may see what: the API decides; the page only hides views the key cannot use ----
  const staff = s => s.role === 'admin' || s.role === 'coordinator';
  const subjectOf = (s, kind) => s.role === 'device' && s.subject && s.subject.startsWith(kind + ':') ? s.subject.slice(kind.length + 1) : null;

  const VIEWS = {
    usage: { allowed: s => staff(s) || subjectOf(s, 'ship'), locked: s => ({ ship: subjectOf(s, 'ship') }), render: renderUsage,
      defaults: () => ({ date: T.today(state.zone), span: 'day' }), needs: ['ship', 'date'] },
    top: { allowed: staff, render: renderTop, needs: ['from', 'to'],
      defaults: () => ({ from: T.addDays(T.today(state.zone), -6), to: T.today(state.zone), count: '10' }) },
    forecast: { allowed: s => staff(s) || subjectOf(s, 'ship'), locked: s => ({ ship: subjectOf(s, 'ship') }), render: renderForecast,
      defaults: () => ({ date: T.addDays(T.today('UTC'), 1), days: '7', history: '14' }), needs: ['ship', 'date'] },
    meter: { allowed: staff, render: renderMeter, needs: ['meter'], prepare: prepareMeters, defaults: () => ({}) },
    sensor: { allowed: s => staff(s) || s.role === 'user' || subjectOf(s, 'sensor'), locked: s => ({ sensor: subjectOf(s, 'sensor') }),
      render: renderSensor, prepare: prepareSensors, needs: ['sensor', 'from', 'to'],
      defaults: () => ({ from: T.addDays(T.today(state.zone), -13), to: T.today(state.zone) }) },
    footprint: { allowed: s => staff(s) || subjectOf(s, 'asset'), locked: s => ({ asset: subjectOf(s, 'asset') }), render: renderFootprint,
      defaults: () => ({ date: T.today(state.zone), region: 'GB' }), needs: ['asset', 'date'] },
  };

  // ---- page furniture ----
  function showSignIn(message) {
    state.session = null;
    $('#app').hidden = true;
    $('#session-bar').hidden = true;
    $('#sign-in').hidden = false;
    $('#sign-in-message').textContent = message || '';
    $('#api-key').focus();
  }

  function showApp() {
    const s = state.session;
    $('#sign-in').hidden = true;
    $('#app').hidden = false;
    $('#session-bar').hidden = false;
    $('#who').textContent = `Signed in: ${s.role}${s.subject ? ' · ' + s.subject : ''}`;
    let any = false;
    for (const [name, view] of Object.entries(VIEWS)) {
      const ok = !!view.allowed(s);
      $(`#tabs a[data-view="${name}"]`).hidden = !ok;
      any = any || ok;
    }
    $('#no-views').hidden = any;
    route();
  }

  function firstView() {
    return Object.keys(VIEWS).find(n => VIEWS[n].allowed(state.session));
  }

  async function route() {
    if (!state.session) return;
    const hash = location.hash.replace(/^#/, '');
    const [name, query] = hash.split('?');
    if (!VIEWS[name] || !VIEWS[name].allowed(state.session)) {
      const first = firstView();
      if (first && name !== first) location.replace('#' + first);
      return;
    }
    for (const n of Object.keys(VIEWS)) {
      $(`#view-${n}`).hidden = n !== name;
      $(`#tabs a[data-view="${n}"]`).classList.toggle('active', n === name);
    }
    const view = VIEWS[name];
    const sec = $(`#view-${name}`);
    const given = Object.fromEntries(new URLSearchParams(query || ''));
    if (given.zone && given.zone !== state.zone && T.validZone(given.zone)) setZone(given.zone);
    const params = { ...view.defaults(), ...given };
    const locked = view.locked ? view.locked(state.session) : {};
    for (const [k, v] of Object.entries(locked)) if (v) params[k] = v;
    if (view.prepare) await view.prepare(sec, params).catch(() => {});
    const form = $('form', sec);
    for (const [k, v] of Object.entries(params)) {
      if (form.elements[k]) form.elements[k].value = v;
    }
    for (const [k, v] of Object.entries(locked)) if (v && form.elements[k]) form.elements[k].readOnly = true;
    const missing = view.needs.filter(k => !params[k]);
    if (missing.length) {
      setStatus(sec, 'idle', `Choose ${missing.join(', ')} and press Show.`);
      return;
    }
    const token = (sec.dataset.token = String(Date.now() + Math.random()));
    setStatus(sec, 'loading', 'Loading…');
    try {
      await view.render(sec, params, () => sec.dataset.token === token);
      if (sec.dataset.token === token && $('.status', sec).dataset.state === 'loading') setStatus(sec, 'ready', '');
    } catch (e) {
      if (sec.dataset.token !== token) return;
      clear(sec);
      setStatus(sec, 'error', e.status ? `${e.message} (HTTP ${e.status})` : String(e.message || e));
    }
  }

  function setStatus(sec, kind, text) {
    const st = $('.status', sec);
    st.dataset.state = kind;
    st.textContent = text;
  }

  function clear(sec) {
    for (const box of sec.querySelectorAll('.figures, .chart-box, .channels, table.data')) box.textContent = '';
  }

  function figures(sec, items) {
    const dl = $('.figures', sec);
    dl.textContent = '';
    for (const [key, label, value, unit, note] of items) {
      const div = document.createElement('div');
      div.className = 'figure';
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      const v = document.createElement('span');
      v.className = 'value';
      v.dataset.figure = key;
      v.textContent = value;
      dd.appendChild(v);
      if (unit) dd.append(' ', Object.assign(document.createElement('span'), { className: 'unit', textContent: unit }));
      if (note) dd.append(Object.assign(document.createElement('small'), { textContent: note }));
      div.append(dt, dd);
      dl.appendChild(div);
    }
  }

  /** rows: arrays of cell texts; a row object {cells, cls} marks a row (e.g. 'missing'). */
  function table(tbl, headers, rows) {
    tbl.textContent = '';
    const head = tbl.createTHead().insertRow();
    for (const h of headers) head.appendChild(Object.assign(document.createElement('th'), { textContent: h }));
    const body = tbl.createTBody();
    for (const row of rows) {
      const cells = Array.isArray(row) ? row : row.cells;
      const tr = body.insertRow();
      if (row.cls) tr.className = row.cls;
      for (const c of cells) {
        const td = tr.insertCell();
        if (c instanceof Node) td.appendChild(c); else td.textContent = c;
      }
    }
  }

  /** Consecutive absent slots of [from, to) as one hatched run each. */
  function missingRuns(from, to, step, has, zone, unitLabel) {
    const runs = [];
    let start = null;
    for (let t = from; t <= to; t += step) {
      const gap = t < to && !has(t);
      if (gap && start === null) start = t;
      if (!gap && start !== null) {
        runs.push({ x0: start, x1: t, tip: `no data ${T.dateTime(start, zone)} – ${T.hm(t, zone)}${unitLabel || ''}` });
        start = null;
      }
    }
    return runs;
  }

  function sum(xs) {
    return xs.reduce((a, b) => a + b, 0);
  }

  function dayLabel(date) {
    const p = T.parseDate(date);
    const wd = new Date(Date.UTC(p.y, p.m - 1, p.d)).toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' });
    return `${wd} ${p.d}/${p.m}`;
  }

  function dateRange(from, to) {
    const n = T.daysBetween(from, to);
    if (!(n >= 0) || n > 366) throw new ApiError(400, 'Choose a range of 1 to 367 days, From not after To');
    return Array.from({ length: n + 1 }, (_, i) => T.addDays(from, i));
  }

  // ---- views ----
  async function renderUsage(sec, p, current) {
    const zone = state.zone;
    const days = p.span === 'week' ? 7 : 1;
    const from = T.dayStart(p.date, zone), to = T.dayStart(p.date, zone, days);
    const r = await api(`/data?spaceship_id=${enc(p.ship)}&start=${T.iso(from)}&end=${T.iso(to)}`);
    if (!current()) return;
    const slots = r.data.map(d => ({ t: time(d.datetime), v: d.value }));
    const byTime = new Map(slots.map(s => [s.t, s.v]));
    const expected = Math.round((to - from) / SLOT);
    const values = slots.map(s => s.v);
    const peak = slots.reduce((a, s) => (a === null || s.v > a.v ? s : a), null);
    const hours = (to - from) / 3600000;
    figures(sec, [
      ['total', 'Total', values.length ? fmt(sum(values)) : 'no data', values.length ? 'kWh' : ''],
      ['peak', 'Peak slot', peak ? fmt(peak.v) : '—', peak ? 'kWh' : '', peak ? ` at ${T.dateTime(peak.t, zone)}` : ''],
      ['slots', 'Slots with data', `${slots.length} of ${expected}`, ''],
      ['missing', 'Slots without data', String(expected - slots.length), ''],
      ['span', 'Span', `${fmt(hours, 2)} h`, '', days === 1 && hours !== 24 ? ' (a DST change day)' : ''],
    ]);
    C.draw($('.chart-box', sec), {
      label: `Ship ${p.ship} energy per 15 minutes`,
      x: { kind: 'time', from, to, zone }, yLabel: 'kWh per 15 min', xLabel: `Local time (${zone})`,
      layers: [
        { type: 'missing', items: missingRuns(from, to, SLOT, t => byTime.has(t), zone) },
        { type: 'bars', cls: 'usage', items: slots.map(s => ({ x0: s.t, x1: s.t + SLOT, y: s.v, tip: `${T.dateTime(s.t, zone)} – ${T.hm(s.t + SLOT, zone)}: ${fmt(s.v)} kWh` })) },
      ],
      legend: [{ cls: 'usage', label: 'kWh in the 15 minutes' }, { cls: 'missing', label: 'no data' }],
      empty: `No readings for ship ${p.ship} in this window`,
    });
    const rows = [];
    for (let d = 0; d < days; d++) {
      const a = T.dayStart(p.date, zone, d), b = T.dayStart(p.date, zone, d + 1);
      const inDay = slots.filter(s => s.t >= a && s.t < b);
      rows.push({ cells: [T.addDays(p.date, d), inDay.length ? fmt(sum(inDay.map(s => s.v))) : 'no data', `${inDay.length} of ${Math.round((b - a) / SLOT)}`],
        cls: inDay.length ? '' : 'missing' });
    }
    table($('table.data', sec), ['Local day', 'kWh', 'Slots with data'], rows);
  }

  async function renderTop(sec, p, current) {
    const zone = state.zone;
    const from = T.dayStart(p.from, zone), to = T.dayStart(p.to, zone, 1);
    const r = await api(`/topusers?count=${enc(p.count || '10')}&start=${T.iso(from)}&end=${T.iso(to)}`);
    if (!current()) return;
    const ships = r.ships;
    const total = sum(ships.map(s => s.consumption));
    figures(sec, [
      ['window', 'Window', `${T.dateTime(from, zone)} – ${T.dateTime(to, zone)}`, ''],
      ['ships', 'Ships shown', String(ships.length), ''],
      ['total', 'Their total', ships.length ? fmt(total) : 'no data', ships.length ? 'kWh' : ''],
      ['first', 'Highest', ships.length ? `Ship ${ships[0].spaceship_id}` : '—', ''],
    ]);
    C.draw($('.chart-box', sec), {
      label: 'Top users', x: { kind: 'band', labels: ships.map(s => `Ship ${s.spaceship_id}`) },
      yLabel: 'kWh in the window', xLabel: 'Ship, highest first',
      layers: [{ type: 'bars', cls: 'usage', valueLabels: ships.length <= 20, digits: 1,
        items: ships.map((s, i) => ({ x0: i, x1: i + 1, y: s.consumption, tip: `Ship ${s.spaceship_id}: ${fmt(s.consumption)} kWh` })) }],
      empty: 'No ship used energy in this window',
    });
    table($('table.data', sec), ['Rank', 'Ship', 'kWh', 'Share of those shown'], ships.map((s, i) => {
      const a = document.createElement('a');
      a.href = `#usage?ship=${s.spaceship_id}&date=${p.from}&span=${T.daysBetween(p.from, p.to) >= 1 ? 'week' : 'day'}`;
      a.textContent = `Ship ${s.spaceship_id}`;
      return [String(i + 1), a, fmt(s.consumption), total > 0 ? `${fmt(100 * s.consumption / total, 1)} %` : '—'];
    }));
  }

  async function renderForecast(sec, p, current) {
    // Ships keep their days in UTC, so history and forecast days are UTC days here.
    const days = Math.min(14, Math.max(1, parseInt(p.days, 10) || 7));
    const history = Math.min(56, Math.max(2, parseInt(p.history, 10) || 14));
    const histFrom = T.addDays(p.date, -history), histTo = T.addDays(p.date, -1);
    const utc = d => T.iso(T.dayStart(d, 'UTC'));
    const fdays = Array.from({ length: days }, (_, i) => T.addDays(p.date, i));
    const [daily, whole, ...perDay] = await Promise.all([
      api(`/ships/${enc(p.ship)}/daily?from=${histFrom}&to=${histTo}`),
      api(`/forecast?spaceship_id=${enc(p.ship)}&start=${utc(p.date)}&end=${utc(T.addDays(p.date, days))}`),
      ...fdays.map(d => api(`/forecast?spaceship_id=${enc(p.ship)}&start=${utc(d)}&end=${utc(T.addDays(d, 1))}`)),
    ]);
    if (!current()) return;
    const hist = new Map(daily.map(d => [d.date, d]));
    const hdays = dateRange(histFrom, histTo);
    const labels = [...hdays, ...fdays].map(dayLabel);
    const known = daily.map(d => d.energy_kwh);
    figures(sec, [
      ['expected', `Expected, next ${days} day${days > 1 ? 's' : ''}`, fmt(whole.expected_consumption, 1), 'kWh'],
      ['interval', '80% interval', `${fmt(whole.low, 1)} – ${fmt(whole.high, 1)}`, 'kWh'],
      ['history', `Last ${history} days`, known.length ? fmt(sum(known), 1) : 'no data', known.length ? 'kWh' : '',
        known.length < hdays.length ? ` (${hdays.length - known.length} days without data)` : ''],
      ['model', 'Model', whole.model, '', ` on ${whole.history_days} days of history`],
    ]);
    const n = hdays.length;
    C.draw($('.chart-box', sec), {
      label: `Ship ${p.ship} daily energy and forecast`, x: { kind: 'band', labels },
      yLabel: 'kWh per day', xLabel: 'Day (UTC, the ship\'s days)',
      layers: [
        { type: 'shade', items: [{ x0: n, x1: n + days, label: 'forecast' }] },
        { type: 'missing', items: hdays.map((d, i) => hist.has(d) ? null : { x0: i, x1: i + 1, tip: `${d}: no data` }).filter(Boolean) },
        { type: 'bars', cls: 'history', items: hdays.map((d, i) => ({ x0: i, x1: i + 1, y: hist.has(d) ? hist.get(d).energy_kwh : null,
          tip: hist.has(d) ? `${d}: ${fmt(hist.get(d).energy_kwh)} kWh (${hist.get(d).slots} slots)` : '' })) },
        { type: 'range', cls: 'interval', items: perDay.map((f, i) => ({ x0: n + i, x1: n + i + 1, lo: f.low, hi: f.high,
          tip: `${fdays[i]}: 80% interval ${fmt(f.low)} – ${fmt(f.high)} kWh` })) },
        { type: 'line', cls: 'expected', marks: true, items: perDay.map((f, i) => ({ x: n + i + 0.5, y: f.expected_consumption,
          tip: `${fdays[i]}: expected ${fmt(f.expected_consumption)} kWh` })) },
      ],
      legend: [{ cls: 'history', label: 'measured' }, { cls: 'expected', label: 'expected' }, { cls: 'interval', label: '80% interval' }, { cls: 'missing', label: 'no data' }],
    });
    table($('table.data', sec), ['Day (UTC)', 'Kind', 'kWh', 'Low', 'High'], [
      ...hdays.map(d => hist.has(d) ? [d, 'measured', fmt(hist.get(d).energy_kwh), '', ''] : { cells: [d, 'measured', 'no data', '', ''], cls: 'missing' }),
      ...perDay.map((f, i) => [fdays[i], 'forecast', fmt(f.expected_consumption), fmt(f.low), fmt(f.high)]),
    ]);
  }

  async function prepareMeters(sec, p) {
    const select = $('select[name=meter]', sec);
    if (!state.meters) {
      state.meters = await apiPages('/meters?limit=1000');
      select.textContent = '';
      select.appendChild(new Option('— choose —', ''));
      for (const m of state.meters) select.appendChild(new Option(`${m.meter_code} (${m.channels.length} channels)`, m.meter_code));
    }
    const meter = state.meters.find(m => m.meter_code === p.meter);
    if (meter && !p.to) {
      // Default to the meter's last 14 days with data, in its own zone.
      const last = meter.channels.map(c => c.last_reading).filter(Boolean).sort().pop();
      if (last) {
        const zone = meter.channels[0].zone || 'UTC';
        const ps = T.parts(time(last) - 1, zone);
        p.to = `${ps.y}-${T.pad(ps.m)}-${T.pad(ps.d)}`;
        p.from = p.from || T.addDays(p.to, -13);
      }
    }
  }

  async function renderMeter(sec, p, current) {
    const to = p.to || T.today('UTC'), from = p.from || T.addDays(to, -13);
    const rows = await api(`/meters/${enc(p.meter)}/daily-stats?from=${from}&to=${to}`);
    if (!current()) return;
    const days = dateRange(from, to);
    const channels = new Map();
    for (const r of rows) {
      const key = [r.serial, r.data_type, r.period, r.rate].filter(Boolean).join(' · ');
      if (!channels.has(key)) channels.set(key, []);
      channels.get(key).push(r);
    }
    figures(sec, [
      ['channels', 'Channels with data', String(channels.size), ''],
      ['days', 'Days', `${from} – ${to}`, '', ` (${days.length} days)`],
      ['rows', 'Channel-days with data', String(rows.length), ''],
    ]);
    const box = $('.channels', sec);
    box.textContent = '';
    if (!channels.size) {
      box.appendChild(Object.assign(document.createElement('p'), { className: 'empty-note', textContent: 'No readings of this meter in these days.' }));
    }
    for (const [key, stats] of channels) {
      const byDay = new Map(stats.map(s => [s.date, s]));
      const first = stats[0];
      const art = document.createElement('article');
      art.className = 'channel';
      art.dataset.channel = key;
      art.appendChild(Object.assign(document.createElement('h3'), { textContent: `${key} ` }))
        .appendChild(Object.assign(document.createElement('small'), { textContent: `${first.units || ''} · plant ${first.plant_code || '—'} · days in ${first.zone}` }));
      const chart = document.createElement('div');
      chart.className = 'chart-box';
      art.appendChild(chart);
      C.draw(chart, {
        height: 240, label: key, x: { kind: 'band', labels: days.map(dayLabel) }, yLabel: first.units || '', xLabel: `Day (${first.zone})`,
        layers: [
          { type: 'missing', items: days.map((d, i) => byDay.has(d) ? null : { x0: i, x1: i + 1, tip: `${d}: no data` }).filter(Boolean) },
          { type: 'range', cls: 'minmax', items: days.map((d, i) => byDay.has(d) ? { x0: i, x1: i + 1, lo: byDay.get(d).min, hi: byDay.get(d).max,
            tip: `${d}: min ${fmt(byDay.get(d).min)} – max ${fmt(byDay.get(d).max)} ${first.units || ''}` } : { lo: null }) },
          { type: 'line', cls: 'avg', marks: true, items: days.map((d, i) => ({ x: i + 0.5, y: byDay.has(d) ? byDay.get(d).avg : null,
            tip: byDay.has(d) ? `${d}: avg ${fmt(byDay.get(d).avg)} ${first.units || ''} over ${byDay.get(d).count} values` : '' })) },
        ],
        legend: [{ cls: 'minmax', label: 'min – max' }, { cls: 'avg', label: 'average' }, { cls: 'missing', label: 'no data' }],
      });
      const tbl = document.createElement('table');
      tbl.className = 'data';
      table(tbl, ['Day', 'Min', 'Max', 'Avg', 'Values'], days.map(d => byDay.has(d)
        ? [d, fmt(byDay.get(d).min), fmt(byDay.get(d).max), fmt(byDay.get(d).avg), String(byDay.get(d).count)]
        : { cells: [d, 'no data', '', '', '0'], cls: 'missing' }));
      const details = document.createElement('details');
      details.append(Object.assign(document.createElement('summary'), { textContent: 'Values' }), tbl);
      art.appendChild(details);
      box.appendChild(art);
    }
  }

  async function prepareSensors(sec, p) {
    if (state.sensorsListed) return;
    state.sensorsListed = true;
    // The sensors this key may see that reported on the last two days (the API has no plain list).
    const seen = new Set();
    for (const d of [T.today('UTC'), T.addDays(T.today('UTC'), -1)]) {
      for (const r of await api(`/consumption?date=${d}`)) seen.add(r.sensor_id);
    }
    const list = $('#sensor-ids');
    for (const id of seen) list.appendChild(new Option(id, id));
    if (!p.sensor && seen.size === 1) p.sensor = [...seen][0];
  }

  async function renderSensor(sec, p, current) {
    const days = dateRange(p.from, p.to);
    const r = await api(`/sensors/${enc(p.sensor)}/consumption?from=${p.from}&to=${p.to}`);
    if (!current()) return;
    const byDay = new Map(r.map(d => [d.date, d]));
    const vals = r.map(d => d.consumption);
    const top = r.reduce((a, d) => (a === null || d.consumption > a.consumption ? d : a), null);
    figures(sec, [
      ['total', 'Total', vals.length ? fmt(sum(vals)) : 'no data', ''],
      ['mean', 'Per day with data', vals.length ? fmt(sum(vals) / vals.length) : '—', ''],
      ['highest', 'Highest day', top ? fmt(top.consumption) : '—', '', top ? ` on ${top.date}` : ''],
      ['days', 'Days with data', `${r.length} of ${days.length}`, ''],
    ]);
    C.draw($('.chart-box', sec), {
      label: `Sensor ${p.sensor} daily consumption`, x: { kind: 'band', labels: days.map(dayLabel) },
      yLabel: 'Consumption per day', xLabel: 'Day (the sensor\'s zone)',
      layers: [
        { type: 'missing', items: days.map((d, i) => byDay.has(d) ? null : { x0: i, x1: i + 1, tip: `${d}: no data` }).filter(Boolean) },
        { type: 'bars', cls: 'water', valueLabels: days.length <= 16, digits: 1, items: days.map((d, i) => ({ x0: i, x1: i + 1,
          y: byDay.has(d) ? byDay.get(d).consumption : null, tip: byDay.has(d) ? `${d}: ${fmt(byDay.get(d).consumption)}` : '' })) },
      ],
      legend: [{ cls: 'water', label: 'consumption' }, { cls: 'missing', label: 'no data' }],
      empty: `No consumption recorded for sensor ${p.sensor} in these days`,
    });
    table($('table.data', sec), ['Day', 'Consumption'], days.map(d => byDay.has(d)
      ? [d, fmt(byDay.get(d).consumption)] : { cells: [d, 'no data'], cls: 'missing' }));
  }

  async function renderFootprint(sec, p, current) {
    const zone = state.zone;
    const r = await api(`/assets/${enc(p.asset)}/footprint?date=${enc(p.date)}&zone=${enc(zone)}&region=${enc(p.region || 'GB')}`);
    if (!current()) return;
    const hh = r.half_hours.map(h => ({ ...h, t0: time(h.start), t1: time(h.end) }));
    const from = T.dayStart(p.date, zone), to = T.dayStart(p.date, zone, 1);
    const count = type => hh.filter(h => h.intensity_type === type).length;
    const noFootprint = hh.filter(h => h.footprint_g === null).length;
    const energy = hh.filter(h => h.energy_kwh !== null).map(h => h.energy_kwh);
    figures(sec, [
      ['total', 'Day\'s total', r.total_g === null ? 'no data' : fmt(r.total_g / 1000, 3), r.total_g === null ? '' : 'kg CO₂',
        r.total_g === null ? '' : ` (${fmt(r.total_g, 1)} g${noFootprint ? `; ${noFootprint} half-hours without data not included` : ''})`],
      ['energy', 'Energy', energy.length ? fmt(sum(energy)) : 'no data', energy.length ? 'kWh' : ''],
      ['actual', 'Half-hours, actual intensity', String(count('actual')), ''],
      ['forecast', 'Half-hours, forecast intensity', String(count('forecast')), ''],
      ['missing', 'Half-hours without a footprint', String(noFootprint), '', ` of ${hh.length}`],
    ]);
    const cls = h => h.intensity_type === 'actual' ? 'actual' : 'forecast';
    const label = h => `#${h.half_hour_id} ${T.dateTime(h.t0, zone)} – ${T.hm(h.t1, zone)}`;
    const legend = [{ cls: 'actual', label: 'actual intensity' }, { cls: 'forecast', label: 'forecast intensity' }, { cls: 'missing', label: 'no data' }];
    C.draw($('.chart-box.footprint', sec), {
      height: 280, label: 'Footprint per half-hour', x: { kind: 'time', from, to, zone }, yLabel: 'g CO₂ per half-hour', xLabel: `Local time (${zone})`,
      layers: [
        { type: 'missing', items: hh.filter(h => h.footprint_g === null).map(h => ({ x0: h.t0, x1: h.t1, tip: `${label(h)}: no data` })) },
        { type: 'bars', items: hh.map(h => ({ x0: h.t0, x1: h.t1, y: h.footprint_g, cls: cls(h),
          tip: `${label(h)}: ${fmt(h.footprint_g, 1)} g = ${fmt(h.energy_kwh)} kWh × ${fmt(h.intensity, 0)} g/kWh (${h.intensity_type})` })) },
      ],
      legend,
    });
    C.draw($('.chart-box.intensity', sec), {
      height: 220, label: 'Carbon intensity', x: { kind: 'time', from, to, zone }, yLabel: 'g CO₂ / kWh', xLabel: `Local time (${zone})`,
      layers: [
        { type: 'missing', items: hh.filter(h => h.intensity === null).map(h => ({ x0: h.t0, x1: h.t1, tip: `${label(h)}: no intensity` })) },
        { type: 'bars', items: hh.map(h => ({ x0: h.t0, x1: h.t1, y: h.intensity, cls: cls(h), tip: `${label(h)}: ${fmt(h.intensity, 0)} g/kWh (${h.intensity_type})` })) },
      ],
      legend,
    });
    table($('table.data', sec), ['Id', 'Local time', 'kWh', 'g CO₂/kWh', 'Intensity', 'g CO₂'], hh.map(h => ({
      cells: [String(h.half_hour_id), `${T.hm(h.t0, zone)} – ${T.hm(h.t1, zone)} ${T.parts(h.t0, zone).zoneName}`, fmt(h.energy_kwh),
        fmt(h.intensity, 0), h.intensity_type || 'no data', fmt(h.footprint_g, 1)],
      cls: h.footprint_g === null ? 'missing' : '' })));
  }

  // ---- wiring ----
  function setZone(zone) {
    state.zone = zone;
    localStorage.setItem('joule.zone', zone);
    $('#zone').value = zone;
  }

  async function signIn(e) {
    e.preventDefault();
    const input = $('#api-key');
    const body = new URLSearchParams({ api_key: input.value });
    try {
      state.session = await api('/dashboard/session', { method: 'POST', body, signIn: true,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      input.value = '';
      showApp();
    } catch (err) {
      $('#sign-in-message').textContent = err.status === 401 ? 'That key is unknown or revoked.' : err.message;
    }
  }

  async function signOut() {
    await api('/dashboard/session', { method: 'DELETE', signIn: true }).catch(() => {});
    state.meters = null;
    state.sensorsListed = false;
    showSignIn('Signed out.');
  }

  function submitView(e) {
    e.preventDefault();
    const sec = e.target.closest('section');
    const name = sec.id.replace('view-', '');
    const params = new URLSearchParams();
    for (const el of e.target.elements) if (el.name && el.value) params.set(el.name, el.value.trim());
    if (['usage', 'top', 'footprint'].includes(name)) params.set('zone', state.zone);
    const hash = `#${name}?${params}`;
    if (location.hash === hash) route(); else location.hash = hash;
  }

  async function start() {
    const saved = localStorage.getItem('joule.zone');
    setZone(saved && T.validZone(saved) ? saved : Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
    $('#zone').addEventListener('change', e => {
      // An unknown zone is marked and ignored (not reverted: the person may still be typing).
      const ok = e.target.value && T.validZone(e.target.value);
      e.target.setCustomValidity(ok || !e.target.value ? '' : 'Not a time zone, e.g. Europe/London');
      e.target.classList.toggle('invalid', !ok);
      if (ok && e.target.value !== state.zone) { setZone(e.target.value); route(); }
    });
    $('#sign-in-form').addEventListener('submit', signIn);
    $('#sign-out').addEventListener('click', signOut);
    for (const form of document.querySelectorAll('section.view form')) form.addEventListener('submit', submitView);
    window.addEventListener('hashchange', route);
    try {
      state.session = await api('/dashboard/session', { signIn: true });
      showApp();
    } catch (e) {
      showSignIn('');
    }
  }

  start();
})();
