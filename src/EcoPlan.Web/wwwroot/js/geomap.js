// Pan and zoom for EcoPlan's maps (Clues/Map/GeoMap.razor), written for EcoPlan (no library). The map is complete
// without this script; it only changes the SVG's viewBox on wheel, drag, pinch and the +/−/reset buttons, keeps the
// markers one CSS pixel per unit of their drawing (on a phone and at any zoom), and redraws the scale bar.
(() => {
  'use strict';
  const maxZoom = 40;

  function niceLength(metres) {
    if (!(metres > 1)) return 1;
    const power = Math.pow(10, Math.floor(Math.log10(metres)));
    const leading = metres / power;
    return power * (leading >= 5 ? 5 : leading >= 2 ? 2 : 1);
  }

  function label(metres) {
    return metres >= 1000 ? `${+(metres / 1000).toFixed(3)} km` : `${Math.round(metres)} m`;
  }

  function round(value) {
    return Math.round(value * 100) / 100;
  }

  function setUp(figure) {
    const svg = figure.querySelector('svg.geomap-svg');
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal) return;
    const home = { x: svg.viewBox.baseVal.x, y: svg.viewBox.baseVal.y, w: svg.viewBox.baseVal.width, h: svg.viewBox.baseVal.height };
    if (!(home.w > 0 && home.h > 0)) return;
    const metresPerUnit = parseFloat(figure.dataset.metresPerUnit);
    const markers = Array.from(svg.querySelectorAll('.geomap-marker'));
    const north = figure.querySelector('.geomap-north');
    const scale = figure.querySelector('.geomap-scale');
    const scalePath = figure.querySelector('.geomap-scale path');
    const scaleText = figure.querySelector('.geomap-scale text');
    let view = { ...home };

    function apply() {
      svg.setAttribute('viewBox', `${round(view.x)} ${round(view.y)} ${round(view.w)} ${round(view.h)}`);
      const shrink = view.w / home.w;
      const width = svg.getBoundingClientRect().width;
      const unitsPerPixel = width > 0 ? view.w / width : shrink;
      for (const marker of markers) {
        marker.setAttribute('transform', `translate(${marker.dataset.x} ${marker.dataset.y}) scale(${round(unitsPerPixel * 1000) / 1000})`);
      }
      // The overlay keeps the home viewBox; its bar and arrow are drawn in pixels (`pixel` overlay units each), so
      // they stay readable on a phone. One overlay unit is `shrink` units of the map.
      const pixel = width > 0 ? home.w / width : 1;
      if (north) north.setAttribute('transform', `translate(${round(home.w - 30 * pixel)} ${round(16 * pixel)}) scale(${round(pixel * 1000) / 1000})`);
      if (scale && scalePath && scaleText && metresPerUnit > 0) {
        const metres = niceLength(metresPerUnit * shrink * Math.max(home.w / 4, 60 * pixel));
        scale.setAttribute('transform', `translate(${round(16 * pixel)} ${round(home.h - 14 * pixel)}) scale(${round(pixel * 1000) / 1000})`);
        scalePath.setAttribute('d', `M0 -7 V0 H${round(metres / (metresPerUnit * shrink) / pixel)} V-7`);
        scaleText.textContent = label(metres);
      }
    }

    // Zoom stays between the whole map and maxZoom times it; the view's centre stays on the map.
    function set(x, y, w) {
      w = Math.min(home.w, Math.max(home.w / maxZoom, w));
      const h = w * home.h / home.w;
      const cx = Math.min(home.x + home.w, Math.max(home.x, x + w / 2));
      const cy = Math.min(home.y + home.h, Math.max(home.y, y + h / 2));
      view = { x: cx - w / 2, y: cy - h / 2, w, h };
      apply();
    }

    function toMap(clientX, clientY) {
      const box = svg.getBoundingClientRect();
      return { x: view.x + (clientX - box.left) / box.width * view.w, y: view.y + (clientY - box.top) / box.height * view.h };
    }

    // Zooms by `factor` (> 1 is in) keeping the map point under (clientX, clientY) where it is.
    function zoomAt(factor, clientX, clientY) {
      const at = toMap(clientX, clientY);
      const w = view.w / factor;
      const share = w / view.w;
      set(at.x - (at.x - view.x) * share, at.y - (at.y - view.y) * share, w);
    }

    function zoomCentre(factor) {
      const box = svg.getBoundingClientRect();
      zoomAt(factor, box.left + box.width / 2, box.top + box.height / 2);
    }

    svg.addEventListener('wheel', (event) => {
      event.preventDefault();
      zoomAt(Math.pow(1.0015, -event.deltaY * (event.deltaMode === 1 ? 30 : 1)), event.clientX, event.clientY);
    }, { passive: false });

    // One pointer pans, two pinch; a drag of more than a few pixels is not a click on a linked shape.
    const pointers = new Map();
    let moved = 0;
    let pinch = null;

    svg.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (pointers.size === 1) moved = 0;
      if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        pinch = { distance: Math.hypot(a.x - b.x, a.y - b.y) };
      }
    });

    svg.addEventListener('pointermove', (event) => {
      const last = pointers.get(event.pointerId);
      if (!last) return;
      const next = { x: event.clientX, y: event.clientY };
      if (pointers.size === 1) {
        moved += Math.hypot(next.x - last.x, next.y - last.y);
        if (moved > 4) {
          if (!svg.hasPointerCapture(event.pointerId)) svg.setPointerCapture(event.pointerId);
          svg.classList.add('geomap-dragging');
          const box = svg.getBoundingClientRect();
          set(view.x - (next.x - last.x) / box.width * view.w, view.y - (next.y - last.y) / box.height * view.h, view.w);
        }
      } else if (pointers.size === 2 && pinch) {
        pointers.set(event.pointerId, next);
        const [a, b] = [...pointers.values()];
        const distance = Math.hypot(a.x - b.x, a.y - b.y);
        if (pinch.distance > 0 && distance > 0) zoomAt(distance / pinch.distance, (a.x + b.x) / 2, (a.y + b.y) / 2);
        pinch.distance = distance;
        moved = Infinity;
        return;
      }
      pointers.set(event.pointerId, next);
    });

    function release(event) {
      pointers.delete(event.pointerId);
      if (pointers.size < 2) pinch = null;
      if (pointers.size === 0) svg.classList.remove('geomap-dragging');
    }
    svg.addEventListener('pointerup', release);
    svg.addEventListener('pointercancel', release);
    svg.addEventListener('click', (event) => {
      if (moved > 4) {
        event.preventDefault();
        event.stopPropagation();
      }
    }, true);

    const controls = figure.querySelector('.geomap-controls');
    if (controls) {
      controls.hidden = false;
      controls.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-geomap-action]');
        if (!button) return;
        const action = button.dataset.geomapAction;
        if (action === 'in') zoomCentre(1.6);
        else if (action === 'out') zoomCentre(1 / 1.6);
        else set(home.x, home.y, home.w);
      });
    }

    apply();
    return apply;
  }

  function setUpAll() {
    const maps = [];
    document.querySelectorAll('figure.geomap[data-geomap]').forEach((figure) => {
      const apply = setUp(figure);
      if (apply) maps.push(apply);
    });
    if (maps.length > 0) window.addEventListener('resize', () => maps.forEach((apply) => apply()));
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUpAll);
  else setUpAll();
})();
