// The township inspector's page on a phone: distance to the clue from the phone's location, photos straight from the
// camera, the outcome; what cannot be sent (no signal) waits on the phone and is sent when the connection returns.
// The forms also work without this script (they post to the page actions); texts come from the page (data-t-*).
(() => {
  'use strict';
  const page = document.querySelector('.field-page');
  if (!page) return;
  const clueId = page.dataset.clueId;
  const t = (key, ...args) => (page.dataset['t' + key[0].toUpperCase() + key.slice(1)] || key).replace(/\{(\d+)\}/g, (_, i) => args[+i]);
  const status = page.querySelector('[data-field-status]');
  const say = (text) => { if (status) status.textContent = text; };
  const token = () => (page.querySelector('input[name="__RequestVerificationToken"]') || {}).value || '';

  // --- Distance to the clue: metres in a local plane around the phone, 0 inside the polygon.
  const geometry = JSON.parse(page.dataset.geometry || 'null');
  const rings = !geometry ? [] : geometry.type === 'Point' ? [[geometry.coordinates]]
    : geometry.type === 'Polygon' ? geometry.coordinates
    : geometry.type === 'MultiPolygon' ? geometry.coordinates.flat() : [];
  const toPlane = (lat0) => ([lon, lat]) => [lon * 111320 * Math.cos(lat0 * Math.PI / 180), lat * 110574];
  const inside = (p, ring) => {
    let c = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > p[1]) !== (yj > p[1]) && p[0] < (xj - xi) * (p[1] - yi) / (yj - yi) + xi) c = !c;
    }
    return c;
  };
  const segment = (p, a, b) => {
    const dx = b[0] - a[0], dy = b[1] - a[1], len = dx * dx + dy * dy;
    const k = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len));
    return Math.hypot(p[0] - a[0] - k * dx, p[1] - a[1] - k * dy);
  };
  const distance = (lon, lat) => {
    const plane = toPlane(lat), p = plane([lon, lat]);
    const projected = rings.map((r) => r.map(plane));
    if (geometry && geometry.type !== 'Point' && projected.length && inside(p, projected[0])) return 0;
    let best = Infinity;
    for (const ring of projected) {
      if (ring.length === 1) best = Math.min(best, Math.hypot(p[0] - ring[0][0], p[1] - ring[0][1]));
      for (let i = 1; i < ring.length; i++) best = Math.min(best, segment(p, ring[i - 1], ring[i]));
    }
    return best;
  };
  const distanceText = page.querySelector('[data-distance]');
  const positionText = page.querySelector('[data-position]');
  const setDevice = (coords) => {
    for (const [name, value] of [['latitude', coords.latitude], ['longitude', coords.longitude], ['accuracy', coords.accuracy]]) {
      const input = page.querySelector(`[data-device-${name}]`);
      if (input) input.value = String(value);
    }
  };
  if ('geolocation' in navigator) {
    navigator.geolocation.watchPosition((position) => {
      const { latitude, longitude, accuracy } = position.coords;
      setDevice(position.coords);
      const d = distance(longitude, latitude);
      distanceText.textContent = d === 0 ? t('inside') : t('distance', Math.round(d).toLocaleString());
      positionText.textContent = `${longitude.toFixed(6)}, ${latitude.toFixed(6)} · ${t('accuracy', Math.round(accuracy))}`;
    }, () => { distanceText.textContent = t('nogeo'); }, { enableHighAccuracy: true, maximumAge: 10000, timeout: 30000 });
  } else {
    distanceText.textContent = t('nogeo');
  }

  // --- The outbox: photos (as blobs) in IndexedDB, sent in order when the connection is back.
  const openOutbox = () => new Promise((resolve, reject) => {
    const request = indexedDB.open('ecoplan-field', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const store = async (mode, action) => {
    const db = await openOutbox();
    return new Promise((resolve, reject) => {
      const tx = db.transaction('outbox', mode);
      const result = action(tx.objectStore('outbox'));
      tx.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
      tx.onerror = () => reject(tx.error);
    });
  };
  const problem = async (response) => {
    try { const body = await response.json(); return body.detail || body.title || response.statusText; } catch { return response.statusText; }
  };
  const send = async (item) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(item.fields)) form.append(key, value);
    form.append('file', item.file, item.name);
    return fetch(`/api/v1/clues/${item.clueId}/evidence`, { method: 'POST', body: form, credentials: 'same-origin', headers: { RequestVerificationToken: token() } });
  };
  let flushing = false;
  const flush = async () => {
    if (flushing || !navigator.onLine) return;
    flushing = true;
    try {
      const items = await store('readonly', (s) => s.getAll());
      for (const item of items || []) {
        say(t('sending'));
        const response = await send(item);
        await store('readwrite', (s) => s.delete(item.id));
        if (!response.ok) { say(t('refused', item.name, await problem(response))); return; }
      }
      if (items && items.length) { say(t('sent')); location.reload(); }
    } catch { /* still offline: try again on the next 'online' */ } finally { flushing = false; }
  };

  const evidenceForm = page.querySelector('[data-evidence-form]');
  if (evidenceForm && window.indexedDB && window.fetch) {
    evidenceForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(evidenceForm);
      const file = data.get('file');
      if (!(file instanceof File) || file.size === 0) return;
      const fields = {};
      for (const name of ['kind', 'noGpsReason', 'deviceLatitude', 'deviceLongitude', 'deviceAccuracy']) {
        if (data.get(name)) fields[name] = data.get(name);
      }
      const item = { clueId, name: file.name, file, fields, at: new Date().toISOString() };
      try {
        const response = await send(item);
        if (!response.ok) { say(t('refused', file.name, await problem(response))); return; }
        say(t('sent'));
        location.reload();
      } catch {
        await store('readwrite', (s) => s.add(item));
        say(t('queued', file.name));
        evidenceForm.reset();
      }
    });
  }

  // --- The outcome: a draft kept on the phone while it is filled in, sent (or kept for later) on submit.
  const outcomeForm = page.querySelector('[data-outcome-form]');
  const draftKey = `ecoplan:clue-draft:${clueId}`;
  if (outcomeForm && window.localStorage) {
    const saved = JSON.parse(localStorage.getItem(draftKey) || 'null');
    if (saved) {
      for (const [name, value] of Object.entries(saved.fields || {})) {
        const input = outcomeForm.elements.namedItem(name);
        if (input instanceof RadioNodeList) { for (const r of input) r.checked = r.value === value; } else if (input) input.value = value;
      }
      say(t('draft'));
    }
    const keep = (pending) => {
      const fields = {};
      for (const [name, value] of new FormData(outcomeForm)) if (name !== '__RequestVerificationToken') fields[name] = value;
      localStorage.setItem(draftKey, JSON.stringify({ fields, pending }));
    };
    outcomeForm.addEventListener('input', () => keep(false));
    const submit = async () => {
      const saved = JSON.parse(localStorage.getItem(draftKey) || '{}').fields || {};
      const body = { version: Number(saved.version) || null, outcome: saved.outcome || null, reason: saved.reason || null,
        note: saved.note || null, approvalNumber: saved.approvalNumber || null };
      const response = await fetch(`/api/v1/clues/${clueId}/steps/SubmitVerification`, { method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', RequestVerificationToken: token() }, body: JSON.stringify(body) });
      if (!response.ok) { say(t('refused', '', await problem(response))); keep(false); return; }
      localStorage.removeItem(draftKey);
      location.reload();
    };
    outcomeForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      keep(true);
      try { await flush(); await submit(); } catch { say(t('queued', '')); }
    });
    window.addEventListener('online', async () => {
      await flush();
      if ((JSON.parse(localStorage.getItem(draftKey) || '{}')).pending) { try { await submit(); } catch { /* offline again */ } }
    });
  }
  window.addEventListener('online', flush);
  flush();
})();
