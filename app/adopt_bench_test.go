package app

import (
	"testing"

	"delaylab/checkpoint"
)

// BenchmarkAdopt is what taking one result of the engine costs the page's
// thread: decoding the checkpoint and resuming the run from it.
func BenchmarkAdopt(b *testing.B) {
	for _, preset := range []string{"yinyang-h30-ws", "chip-yinyang-wa"} {
		b.Run(preset, func(b *testing.B) {
			set := PageSettings()
			set.Preset = preset
			s, _ := newTestSession(b, &set)
			file, err := checkpoint.Marshal(s.rn.File(checkpoint.Meta{Program: Program}))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(file)))
			for b.Loop() {
				if _, err := s.adopt(file); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
