// DelayLab's Web Worker: runs the training engine (engine.wasm, built from
// wasm/engine) so that training has a core of its own while the page
// draws. The Go side (web/engine_js.go) talks to it with messages.
"use strict";
importScripts("wasm_exec.js");
const go = new Go();
fetch("engine.wasm")
  .then((resp) => {
    if (!resp.ok) throw new Error("engine.wasm: HTTP " + resp.status);
    return resp.arrayBuffer();
  })
  .then((buf) => WebAssembly.instantiate(buf, go.importObject))
  .then((r) => go.run(r.instance))
  .catch((err) => postMessage({error: "the training engine did not start: " + err}));
