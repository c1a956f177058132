//go:build js

// Command wasm is DelayLab's web page compiled to WebAssembly: it wires a
// session (app), the page's controls (web) and the canvas (render).
package main

import (
	"delaylab/app"
	"delaylab/render"
	"delaylab/web"
)

func main() {
	web.Mark("go-main")
	s, err := app.NewSession(app.Options{})
	if err != nil {
		panic(err)
	}
	page := web.Bind(s)
	defer page.Release()
	game := render.NewGame(s, render.Options{Insets: page.Insets, Publish: page.Publish, FirstFrame: page.FirstFrame, Mark: web.Mark, EdgeClick: page.EdgeClick, Due: page.Due, Drawn: page.Drawn})
	page.OnPointer(game.Pointer)
	web.Mark("game-run")
	if err := render.Run(game); err != nil {
		page.Fatal(err)
	}
}
