// DelayLab's JavaScript glue: start the Go WebAssembly module. Everything
// else (controls, status, keys) is bound from Go (web/*_js.go).
"use strict";
(function () {
  const status = document.getElementById("status");
  function fail(text) {
    const box = document.getElementById("message");
    document.getElementById("message-text").textContent = text;
    box.hidden = false;
    box.dataset.error = "1";
    status.textContent = "Not running.";
    const ph = document.querySelector("#placeholder p");
    if (ph) ph.textContent = "The simulator did not start.";
  }
  if (typeof Go === "undefined") {
    fail("wasm_exec.js is missing: build the page with `make wasm`.");
    return;
  }
  // Ebiten asks for a WebGL context with the default multisampling. The
  // renderer antialiases its own shapes (feathered edges), so the 4× sample
  // buffer only costs time: much of it in a software renderer (SwiftShader),
  // where it decided the frame rate.
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, attrs) {
    if (type === "webgl2" || type === "webgl") {
      attrs = Object.assign({}, attrs, {antialias: false});
    }
    return getContext.call(this, type, attrs);
  };
  const go = new Go();
  // Boot phases as performance marks (ms since navigation start), so that
  // a slow first frame can be told apart: download and compile, Go's own
  // start-up, or the renderer's (the page shows them under data-boot).
  const mark = (name) => performance.mark(name);
  async function load() {
    const resp = await fetch("main.wasm");
    mark("wasm-response");
    if (!resp.ok) {
      throw new Error("main.wasm: HTTP " + resp.status + " (build it with `make wasm`)");
    }
    // Streaming compiles while downloading, but needs the application/wasm
    // type; some static hosts send another, so fall back to a buffer.
    if (WebAssembly.instantiateStreaming && resp.headers.get("Content-Type") === "application/wasm") {
      return WebAssembly.instantiateStreaming(resp, go.importObject);
    }
    return WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject);
  }
  load().then((r) => { mark("wasm-compiled"); return go.run(r.instance); }).catch((err) => fail("Could not start DelayLab: " + err));
})();
