// Package web is DelayLab's page: the static files (index.html, style.css,
// app.js and, once built, main.wasm with Go's wasm_exec.js), embedded for
// the native `delaylab serve`, and — in the files built for js — the bridge
// that binds the page's HTML controls to app.Session commands and reports
// the session's status back into the page.
//
// The bridge never blocks inside a JavaScript callback: it reads the
// control's value and queues a command with Session.Post, which the game
// loop applies at the start of its next frame.
package web
