// A stand-in for the Link Web SDK whose methods do nothing at all: no callback, no DOM,
// no timers. The benchmark times what the extension adds to a call, not what the SDK does.
// Same shape as the SDK: `window.Lean` is a class instance with its methods on the prototype.
(() => {
  class LeanSDK {
    connect() {}
    pay() {}
    reconnect() {}
    checkout() {}
    captureRedirect() {}
  }
  window.Lean = new LeanSDK();
})();
