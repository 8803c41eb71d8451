// Acme UI kit: the small helpers a storefront ships in a "vendor" bundle (DOM, events,
// formatting, a store, templates). Parsed and run in <head>, before the body.
(() => {
  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

  /** Delegated events: one listener per type on the document. */
  const handlers = new Map();
  function on(type, selector, handler) {
    if (!handlers.has(type)) {
      handlers.set(type, []);
      document.addEventListener(type, (event) => {
        for (const [sel, fn] of handlers.get(type)) {
          const target = event.target instanceof Element ? event.target.closest(sel) : null;
          if (target) fn(event, target);
        }
      });
    }
    handlers.get(type).push([selector, handler]);
  }

  function debounce(fn, ms) {
    let timer = 0;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  function throttle(fn, ms) {
    let last = 0;
    let pending = 0;
    return (...args) => {
      const now = Date.now();
      if (now - last >= ms) {
        last = now;
        fn(...args);
      } else if (!pending) {
        pending = setTimeout(() => {
          pending = 0;
          last = Date.now();
          fn(...args);
        }, ms - (now - last));
      }
    };
  }

  const formatters = new Map();
  function money(amount, currency = 'AED', locale = document.documentElement.lang || 'en') {
    const key = `${locale}|${currency}`;
    if (!formatters.has(key)) {
      formatters.set(key, new Intl.NumberFormat(`${locale}-AE`, { style: 'currency', currency, minimumFractionDigits: 2 }));
    }
    return formatters.get(key).format(amount);
  }

  function plural(n, one, many) {
    return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  }

  /** A minimal observable store with selectors. */
  function createStore(initial) {
    let state = initial;
    const listeners = new Set();
    return {
      get: () => state,
      set(patch) {
        const next = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
        if (Object.keys(next).every((k) => next[k] === state[k])) return;
        state = next;
        for (const fn of listeners) fn(state);
      },
      subscribe(fn) {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
    };
  }

  /** Tagged templates that escape interpolations, rendered into a <template>. */
  const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
  function html(strings, ...values) {
    let out = '';
    strings.forEach((s, i) => {
      out += s;
      if (i < values.length) {
        const v = values[i];
        out += Array.isArray(v) ? v.join('') : v?.__html ? v.__html : escapeHtml(v ?? '');
      }
    });
    return { __html: out };
  }
  function render(target, fragment) {
    const template = document.createElement('template');
    template.innerHTML = fragment.__html;
    target.replaceChildren(template.content);
  }

  /** Persisted preferences (localStorage may be unavailable). */
  const storage = {
    read(key, fallback) {
      try {
        const raw = localStorage.getItem(key);
        return raw === null ? fallback : JSON.parse(raw);
      } catch {
        return fallback;
      }
    },
    write(key, value) {
      try {
        localStorage.setItem(key, JSON.stringify(value));
      } catch {
        // Private mode or full: preferences last for this page only.
      }
    },
  };

  /** Query-string state for shareable filters. */
  const query = {
    get(name) {
      return new URLSearchParams(location.search).get(name);
    },
    set(params) {
      const url = new URL(location.href);
      for (const [k, v] of Object.entries(params)) {
        if (v === null || v === '') url.searchParams.delete(k);
        else url.searchParams.set(k, v);
      }
      history.replaceState(history.state, '', url);
    },
  };

  function toast(message, ms = 2500) {
    const el = $('#toast');
    if (!el) return;
    el.textContent = message;
    el.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => {
      el.hidden = true;
    }, ms);
  }

  window.AcmeKit = { $, $$, on, debounce, throttle, money, plural, createStore, html, render, storage, query, toast };
})();
