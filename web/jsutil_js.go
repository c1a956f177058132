package web

import (
	"errors"
	"fmt"
	"syscall/js"
)

// await waits for a JavaScript Promise and returns its value, or its
// rejection as an error. It blocks, so it must run on a goroutine of its
// own, never in a JS callback (which would stall the event loop that
// settles the Promise). Both callbacks are released when it returns.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: arg(args)}
		return nil
	})
	defer then.Release()
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{err: jsError(arg(args))}
		return nil
	})
	defer catch.Release()
	p.Call("then", then, catch)
	r := <-ch
	return r.v, r.err
}

func arg(args []js.Value) js.Value {
	if len(args) == 0 {
		return js.Undefined()
	}
	return args[0]
}

// jsError describes a thrown JavaScript value: "QuotaExceededError: ...".
func jsError(v js.Value) error {
	if v.Type() == js.TypeObject && v.Get("name").Type() == js.TypeString {
		return fmt.Errorf("%s: %s", v.Get("name").String(), v.Get("message").String())
	}
	return errors.New(v.String())
}

// try runs f, turning a JavaScript exception (which syscall/js raises as a
// panic with a js.Error) into an error.
func try(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			var je js.Error
			if e, ok := r.(error); ok && errors.As(e, &je) {
				err = jsError(je.Value)
				return
			}
			panic(r)
		}
	}()
	f()
	return nil
}

// readFile reads a File (or Blob) into memory. Like await, it blocks.
func readFile(f js.Value) ([]byte, error) {
	buf, err := await(f.Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	u8 := js.Global().Get("Uint8Array").New(buf)
	b := make([]byte, u8.Get("length").Int())
	js.CopyBytesToGo(b, u8)
	return b, nil
}

// promise returns a new Promise and its resolve function, for a value
// that Go computes later (on the game goroutine).
func promise() (p, resolve js.Value) {
	var exec js.Func
	exec = js.FuncOf(func(_ js.Value, args []js.Value) any {
		resolve = args[0]
		return nil
	})
	p = js.Global().Get("Promise").New(exec) // runs exec synchronously
	exec.Release()
	return p, resolve
}

// htmlEscape makes text safe inside HTML.
func htmlEscape(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '<':
			out = append(out, "&lt;"...)
		case '>':
			out = append(out, "&gt;"...)
		case '&':
			out = append(out, "&amp;"...)
		case '"':
			out = append(out, "&quot;"...)
		default:
			out = append(out, c)
		}
	}
	return string(out)
}
