// Driven by scripts/bench.ts through page.evaluate:
//   Bench.run({ batches, calls }) → per batch { syncMs, totalMs }
//     syncMs:  the loop of `calls` Lean.connect(config) calls itself;
//     totalMs: from the loop's start to a timer queued right after it, i.e. including the
//              hook's flush (queued first, runs first) and the relay's work in the same thread.
//   Bench.first() → ms taken by the page's first Lean.connect(config) (nothing warmed up).
//   Bench.callOnce(tag) → the epoch time (ms, sub-ms) just before one Lean.connect call.
// Every batch starts in a fresh task (MessageChannel), so its timer is not clamped.
(() => {
  // A typical config: 15 fields, one of them the callback, as a merchant page builds it
  // for each call (bench/session.ts builds the same shape for the seeded sessions).
  const config = (i) => ({
    app_token: '7f3c2a1e-5b4d-4e6f-8a9b-0c1d2e3f4a5b',
    customer_id: `c0ffee00-1234-4abc-9def-${String(100000000000 + i)}`,
    permissions: ['identity', 'accounts', 'balance', 'transactions'],
    bank_identifier: 'LEANMB1',
    account_type: 'PERSONAL',
    access_token:
      'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjMGZmZWUwMCIsImV4cCI6MTkwMDAwMDAwMCwic2NvcGUiOiJhcGkifQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU',
    sandbox: true,
    language: 'en',
    customization: {
      theme_color: '#0f766e',
      button_text_color: '#ffffff',
      button_border_radius: '8',
      link_color: '#0f766e',
      overlay_color: 'rgba(0, 0, 0, 0.8)',
      dialog_mode: 'uncontained',
    },
    end_user_id: `c0ffee00-${i}`,
    destination_alias: 'Acme Store',
    customer_metadata: { order_id: `ord-${i}`, channel: 'web' },
    success_redirect_url: 'https://shop.example/lean/return?result=success',
    fail_redirect_url: 'https://shop.example/lean/return?result=failed',
    callback: function onLeanResult(response) {
      window.lastLeanResponse = response;
    },
  });

  const channel = new MessageChannel();
  let queued = null;
  channel.port1.onmessage = () => {
    const fn = queued;
    queued = null;
    fn();
  };
  const inFreshTask = (fn) => {
    queued = fn;
    channel.port2.postMessage(0);
  };

  const batch = (calls, offset) =>
    new Promise((resolve) => {
      inFreshTask(() => {
        const start = performance.now();
        // The global is read on every call, as page code does (`Lean.connect(…)`).
        for (let i = 0; i < calls; i++) window.Lean.connect(config(offset + i));
        const end = performance.now();
        setTimeout(() => resolve({ syncMs: end - start, totalMs: performance.now() - start }), 0);
      });
    });

  let offset = 0;
  window.Bench = {
    async run({ batches, calls }) {
      const out = [];
      for (let b = 0; b < batches; b++) {
        out.push(await batch(calls, offset));
        offset += calls;
      }
      return out;
    },
    first() {
      const c = config(offset++);
      const start = performance.now();
      window.Lean.connect(c);
      return performance.now() - start;
    },
    callOnce(tag) {
      const c = config(offset++);
      c.customer_id = tag;
      const at = performance.timeOrigin + performance.now();
      window.Lean.connect(c);
      return at;
    },
    /** This page's high-resolution epoch clock minus Date.now(), to compare clocks across pages. */
    clockOffset() {
      return performance.timeOrigin + performance.now() - Date.now();
    },
  };
})();
