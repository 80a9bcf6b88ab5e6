// Small SVG charts drawn here rather than by a library: the time axis must follow an IANA zone
// (DST days of 23 or 25 hours, offsets named where they change), and a missing value must be
// drawn as "no data" instead of a zero bar. Every mark carries a <title> with its exact value.
'use strict';
(function () {
  const NS = 'http://www.w3.org/2000/svg';
  const T = window.JouleTime;
  let chartCount = 0;

  function el(name, attrs, parent, text) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  function tip(node, text) {
    if (text) el('title', {}, node, text);
    return node;
  }

  const numberFormats = new Map();
  /** A number as the dashboard shows it everywhere: at most `digits` decimals, grouped thousands. */
  function fmt(v, digits = 3) {
    if (v === null || v === undefined || Number.isNaN(v)) return '—';
    let f = numberFormats.get(digits);
    if (!f) {
      f = new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
      numberFormats.set(digits, f);
    }
    const s = f.format(v);
    return s === '-0' ? '0' : s;
  }

  function niceStep(span, count) {
    const raw = span / Math.max(count, 1);
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const n = raw / mag;
    return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * mag;
  }

  function yDomain(values) {
    if (!values.length) return { lo: 0, hi: 1, step: 0.25, empty: true };
    let lo = Math.min(0, ...values), hi = Math.max(0, ...values);
    if (lo === hi) hi = lo + 1;
    const step = niceStep(hi - lo, 5);
    return { lo: Math.floor(lo / step + 1e-9) * step, hi: Math.ceil(hi / step - 1e-9) * step, step, empty: false };
  }

  /** Ticks on local hours (or days), and the instants where the zone's offset changes (DST), named apart. */
  function timeTicks(from, to, zone) {
    const hours = (to - from) / 3600000;
    const every = hours <= 26 ? 3 : 6;
    const ticks = [], changes = [];
    let prevOffset = T.offset(from, zone);
    for (let t = from; t <= to; t += 900000) {
      const off = T.offset(t, zone);
      if (off !== prevOffset) {
        const p = T.parts(t, zone);
        changes.push({ x: t, label: `${T.pad(p.h)}:${T.pad(p.mi)} ${p.zoneName}: clocks go ${off > prevOffset ? 'forward' : 'back'}` });
      }
      prevOffset = off;
      const p = T.parts(t, zone);
      if (p.mi !== 0) continue;
      if (hours <= 50) {
        ticks.push({ x: t, label: p.h % every === 0 ? `${T.pad(p.h)}:00` : '', major: p.h === 0 });
      } else if (p.h === 0) {
        ticks.push({ x: t, label: `${p.weekday} ${p.d}/${p.m}`, major: true, start: true });
      } else if (p.h === 12) {
        ticks.push({ x: t, label: '', major: false });
      }
    }
    return { ticks, changes };
  }

  function bandTicks(labels) {
    const every = Math.max(1, Math.ceil(labels.length / 14));
    return labels.map((label, i) => ({ x: i + 0.5, label: i % every === 0 ? label : '', major: false, band: true }));
  }

  /**
   * Draws a chart into `container` (emptied first) and answers the <svg>.
   * spec.x: {kind: 'time', from, to, zone} or {kind: 'band', labels}; bands are indices 0..n.
   * spec.layers: bars {x0, x1, y}, missing {x0, x1}, range {x0, x1, lo, hi}, line {x, y} (a null y breaks it), points {x, y}.
   */
  function draw(container, spec) {
    container.textContent = '';
    const id = 'c' + (++chartCount);
    const W = spec.width || 960, H = spec.height || 300;
    const m = { l: 72, r: 16, t: 12, b: spec.x.kind === 'time' ? 46 : 52 };
    const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': spec.label || '' }, container);
    const defs = el('defs', {}, svg);
    const hatch = (name, color, bg) => {
      const p = el('pattern', { id: `${id}-${name}`, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, defs);
      el('rect', { width: 6, height: 6, fill: bg }, p);
      el('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: color, 'stroke-width': 2.5 }, p);
    };
    hatch('missing', '#c9ced6', '#f3f4f6');
    hatch('forecast', '#ffffff', '#e08a1e');

    const values = [];
    for (const layer of spec.layers) {
      if (layer.type === 'missing' || layer.type === 'shade') continue;
      for (const it of layer.items) for (const v of [it.y, it.lo, it.hi]) if (v !== null && v !== undefined && Number.isFinite(v)) values.push(v);
    }
    const yd = yDomain(values);
    const x0 = spec.x.kind === 'time' ? spec.x.from : 0;
    const x1 = spec.x.kind === 'time' ? spec.x.to : spec.x.labels.length;
    const sx = v => m.l + (v - x0) / (x1 - x0 || 1) * (W - m.l - m.r);
    const sy = v => H - m.b - (v - yd.lo) / (yd.hi - yd.lo) * (H - m.t - m.b);

    const grid = el('g', { class: 'grid' }, svg);
    for (let v = yd.lo; v <= yd.hi + yd.step / 2; v += yd.step) {
      el('line', { x1: m.l, x2: W - m.r, y1: sy(v), y2: sy(v), class: Math.abs(v) < yd.step / 1e6 ? 'zero' : '' }, grid);
      el('text', { x: m.l - 6, y: sy(v) + 4, class: 'ytick' }, grid, fmt(v, 3));
    }
    el('text', { x: 14, y: (m.t + H - m.b) / 2, class: 'axis-title', transform: `rotate(-90 14 ${(m.t + H - m.b) / 2})` }, svg, spec.yLabel || '');

    const { ticks, changes } = spec.x.kind === 'time' ? timeTicks(spec.x.from, spec.x.to, spec.x.zone) : { ticks: bandTicks(spec.x.labels), changes: [] };
    const axis = el('g', { class: 'xaxis' }, svg);
    // A label is left out where it would touch the one before (about 6.6 px per character at 12 px).
    let last = { x: -Infinity, len: 0 };
    for (const tk of ticks) {
      const x = sx(tk.x);
      if (!tk.band) el('line', { x1: x, x2: x, y1: m.t, y2: H - m.b + 4, class: tk.major ? 'major' : 'minor' }, axis);
      const fits = !tk.start || x + tk.label.length * 6.6 <= W - m.r; // a day's name starts at its midnight: none for the closing one
      if (tk.label && fits && x - last.x >= (last.len + tk.label.length) * 3.3 + 10) {
        el('text', { x: tk.start ? x + 4 : x, y: H - m.b + 16, class: tk.start ? 'xtick start' : 'xtick' }, axis, tk.label);
        last = { x, len: tk.label.length };
      }
    }
    el('text', { x: (m.l + W - m.r) / 2, y: H - 6, class: 'axis-title' }, svg, spec.xLabel || '');

    const plot = el('g', { class: 'plot' }, svg);
    for (const layer of spec.layers) {
      const g = el('g', { class: `layer ${layer.type} ${layer.cls || ''}` }, plot);
      if (layer.type === 'shade') {
        for (const it of layer.items) {
          el('rect', { x: sx(it.x0), y: m.t, width: Math.max(1, sx(it.x1) - sx(it.x0)), height: H - m.t - m.b, class: 'shade' }, g);
          if (it.label) el('text', { x: sx(it.x0) + 6, y: m.t + 14, class: 'shade-label' }, g, it.label);
        }
      } else if (layer.type === 'missing') {
        for (const it of layer.items) {
          tip(el('rect', { x: sx(it.x0), y: m.t, width: Math.max(1, sx(it.x1) - sx(it.x0)), height: H - m.t - m.b, fill: `url(#${id}-missing)`, class: 'missing' }, g), it.tip || 'no data');
        }
      } else if (layer.type === 'bars') {
        for (const it of layer.items) {
          if (it.y === null || it.y === undefined) continue;
          let a = sx(it.x0), b = sx(it.x1);
          if (b - a > 120) { const mid = (a + b) / 2; a = mid - 60; b = mid + 60; } // a few wide categories: keep bars readable
          const gap = (b - a) > 6 ? 1 : 0;
          const top = sy(Math.max(0, it.y)), bottom = sy(Math.min(0, it.y));
          const cls = it.cls || layer.cls || '';
          tip(el('rect', { x: a + gap, y: top, width: Math.max(0.5, b - a - 2 * gap), height: Math.max(it.y === 0 ? 0 : 0.5, bottom - top), class: `bar ${cls}`,
            fill: cls.includes('forecast') ? `url(#${id}-forecast)` : null }, g), it.tip);
          if (layer.valueLabels) el('text', { x: (a + b) / 2, y: top - 4, class: 'value-label' }, g, fmt(it.y, layer.digits ?? 3));
        }
      } else if (layer.type === 'range') {
        for (const it of layer.items) {
          if (it.lo === null || it.hi === null || it.lo === undefined) continue;
          const a = sx(it.x0), b = sx(it.x1), w = (b - a) * 0.5;
          tip(el('rect', { x: a + (b - a - w) / 2, y: sy(it.hi), width: w, height: Math.max(1, sy(it.lo) - sy(it.hi)), class: `range ${layer.cls || ''}` }, g), it.tip);
        }
      } else if (layer.type === 'line') {
        let d = '';
        let pen = false;
        for (const it of layer.items) {
          if (it.y === null || it.y === undefined) { pen = false; continue; }
          d += `${pen ? 'L' : 'M'}${sx(it.x).toFixed(1)},${sy(it.y).toFixed(1)}`;
          pen = true;
        }
        if (d) el('path', { d, class: `line ${layer.cls || ''}` }, g);
        if (layer.marks) {
          for (const it of layer.items) {
            if (it.y === null || it.y === undefined) continue;
            tip(el('circle', { cx: sx(it.x), cy: sy(it.y), r: 3.5, class: `mark ${it.cls || layer.cls || ''}` }, g), it.tip);
          }
        }
      }
    }
    for (const c of changes) {
      const x = sx(c.x);
      el('line', { x1: x, x2: x, y1: m.t, y2: H - m.b, class: 'dst' }, svg);
      const right = x < W - m.r - 220;
      el('text', { x: right ? x + 4 : x - 4, y: m.t + 13, class: right ? 'dst-label' : 'dst-label end' }, svg, c.label);
    }
    if (yd.empty) {
      el('text', { x: (m.l + W - m.r) / 2, y: (m.t + H - m.b) / 2, class: 'empty' }, svg, spec.empty || 'No data in this window');
    }
    el('rect', { x: m.l, y: m.t, width: W - m.l - m.r, height: H - m.t - m.b, class: 'frame' }, svg);
    if (spec.legend) {
      const ul = document.createElement('ul');
      ul.className = 'legend';
      for (const item of spec.legend) {
        const li = document.createElement('li');
        const sw = document.createElement('span');
        sw.className = `swatch ${item.cls}`;
        li.append(sw, document.createTextNode(item.label));
        ul.appendChild(li);
      }
      container.appendChild(ul);
    }
    return svg;
  }

  window.JouleCharts = { draw, fmt };
})();
