// First-party analytics: collects page timing and the visible products into a queue the
// next page view would send (this local copy sends nothing).
(() => {
  const queue = [];
  const push = (name, data) => queue.push({ name, data, at: Date.now() });

  push('page_view', {
    path: location.pathname,
    referrer: document.referrer,
    viewport: `${innerWidth}x${innerHeight}`,
    language: navigator.language,
  });

  const collect = () => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    push('timing', {
      ttfb: nav ? Math.round(nav.responseStart) : null,
      domContentLoaded: nav ? Math.round(nav.domContentLoadedEventEnd) : null,
      resources: resources.length,
      bytes: resources.reduce((n, r) => n + (r.transferSize || 0), 0),
    });
    const skus = Array.from(document.querySelectorAll('.card:not([hidden])'), (card) => card.dataset.sku);
    push('view_item_list', { items: skus.slice(0, 12) });
    try {
      sessionStorage.setItem('acme:analytics-queue', JSON.stringify(queue));
    } catch {
      // Nothing to do: analytics must never break the page.
    }
  };

  if (document.readyState === 'complete') collect();
  else addEventListener('load', collect, { once: true });
})();
