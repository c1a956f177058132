package web

import (
	"strconv"
	"strings"
	"syscall/js"

	"delaylab/app"
)

// bindHook defines window.delaylab, a small read-only object for the
// browser tests (and the curious, in the console):
//
//	delaylab.predictions()   Promise of the predicted class of every test
//	                         sample, comma-separated (−1: no output fired)
//	delaylab.params()        Promise of every weight and delay parameter θ
//	                         (per layer: weights, then θ) as a JSON array
//	delaylab.lastDownload()  the last download's bytes, base64 ("" if none)
//	delaylab.lastDownloadName()
//	delaylab.shareLink()     the last share link made ("" if none)
//	delaylab.nextFrame()     Promise of the number of the next frame drawn,
//	                         which shows every change asked for before
//
// The Promises settle at the next frame, on the game goroutine, so the
// hook never reads the session from a JS callback; it never changes it.
func (b *Bridge) bindHook() {
	fn := func(f func() any) js.Func {
		jf := js.FuncOf(func(js.Value, []js.Value) any { return f() })
		b.dom.funcs = append(b.dom.funcs, jf)
		return jf
	}
	later := func(compute func(s *app.Session) string) func() any {
		return func() any {
			p, resolve := promise()
			b.s.PostQuiet(func(s *app.Session) { resolve.Invoke(compute(s)) })
			return p
		}
	}
	locked := func(get func(m *model) string) func() any {
		return func() any {
			b.m.mu.Lock()
			defer b.m.mu.Unlock()
			return get(b.m)
		}
	}
	hook := map[string]any{
		"predictions": fn(later(func(s *app.Session) string {
			p := s.Predictions()
			out := make([]string, len(p))
			for i, v := range p {
				out[i] = strconv.Itoa(v)
			}
			return strings.Join(out, ",")
		})),
		"params": fn(later(func(s *app.Session) string {
			var sb strings.Builder
			sb.WriteByte('[')
			for i, v := range s.Params() {
				if i > 0 {
					sb.WriteByte(',')
				}
				sb.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
			}
			sb.WriteByte(']')
			return sb.String()
		})),
		"lastDownload":     fn(locked(func(m *model) string { return m.downloadB64 })),
		"lastDownloadName": fn(locked(func(m *model) string { return m.downloadName })),
		"shareLink":        fn(locked(func(m *model) string { return m.shareLink })),
		"nextFrame":        fn(b.nextFrame),
	}
	js.Global().Set("delaylab", js.ValueOf(hook))
}
