package checkpoint

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/tinylib/msgp/msgp"
)

// ckAllocated returns the bytes allocated on the heap while f runs.
func ckAllocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// ckSeeds returns the contents of the .dlab files in testdata.
func ckSeeds(t testing.TB) [][]byte {
	names, err := filepath.Glob(filepath.Join("testdata", "*.dlab"))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("no .dlab files in testdata")
	}
	var out [][]byte
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// FuzzDecode: no input makes Unmarshal panic or return an untyped error,
// and whatever it accepts re-encodes to a file that decodes and encodes to
// the same bytes.
func FuzzDecode(f *testing.F) {
	for _, b := range ckSeeds(f) {
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	f.Add([]byte{})
	f.Add(append(append([]byte(nil), signature...), 1, 0x80))
	f.Add(append(append([]byte(nil), signature...), 2, 0x80))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Unmarshal(b)
		if err != nil {
			if !ckTyped(err) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		b2, err := Marshal(file)
		if err != nil {
			t.Fatalf("accepted file does not re-encode: %v", err)
		}
		file2, err := Unmarshal(b2)
		if err != nil {
			t.Fatalf("re-encoded file does not decode: %v", err)
		}
		b3, err := Marshal(file2)
		if err != nil || !bytes.Equal(b2, b3) {
			t.Fatalf("re-encoding is not stable: %v", err)
		}
		if _, _, _, err := file.Restore(); err != nil {
			t.Fatalf("accepted file does not restore: %v", err)
		}
	})
}

// TestDecodeRandomAllocs: decoding 1 MB of random bytes allocates at most
// 64 MB, whether or not they follow a valid header.
func TestDecodeRandomAllocs(t *testing.T) {
	const size, budget = 1 << 20, 64 << 20
	head := append(append([]byte(nil), signature...), 1)
	historyHead := msgp.AppendArrayHeader(msgp.AppendString(msgp.AppendMapHeader(head, 1), "history"), 1<<16)
	for seed := range uint64(4) {
		rng := rand.New(rand.NewPCG(seed, 99))
		random := make([]byte, size)
		for i := range random {
			random[i] = byte(rng.Uint32())
		}
		for _, prefix := range [][]byte{nil, head, historyHead} {
			in := append(append([]byte(nil), prefix...), random[len(prefix):]...)
			var err error
			alloc := ckAllocated(func() { _, err = Unmarshal(in) })
			if err == nil {
				t.Fatalf("seed %d: random bytes decoded", seed)
			}
			if !ckTyped(err) {
				t.Errorf("seed %d: untyped error %v", seed, err)
			}
			t.Logf("seed %d, prefix %d: %d bytes allocated: %v", seed, len(prefix), alloc, err)
			if alloc > budget {
				t.Errorf("seed %d, prefix %d bytes: allocated %d bytes (%v)", seed, len(prefix), alloc, err)
			}
		}
	}
}

// FuzzShare: no fragment makes ParseShareFragment panic or return an
// untyped error, and whatever it accepts shares again to a fragment that
// parses and shares to itself.
func FuzzShare(f *testing.F) {
	for _, name := range []string{"v1-share.txt", "v3-share.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		frag := string(bytes.TrimSpace(b))
		f.Add(frag)
		f.Add(frag[:len(frag)/2])
		f.Add("#" + frag)
	}
	f.Add("m=")
	f.Add("")
	f.Fuzz(func(t *testing.T, frag string) {
		s, err := ParseShareFragment(frag)
		if err != nil {
			if !ckTyped(err) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		again, err := ShareFragment(s)
		var le *LimitError
		if errors.As(err, &le) && le.What == "share link length" {
			return // our compressor did worse than the link's
		}
		if err != nil {
			t.Fatalf("accepted link does not share again: %v", err)
		}
		s2, err := ParseShareFragment(again)
		if err != nil {
			t.Fatalf("re-shared link does not parse: %v", err)
		}
		third, err := ShareFragment(s2)
		if err != nil || third != again {
			t.Fatalf("re-sharing is not stable: %v", err)
		}
	})
}
