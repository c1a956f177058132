package sim

// Trial identifies one forward pass, so that a noisy substrate (a chip
// model) can draw its noise deterministically whichever worker runs it.
type Trial struct {
	Batch  uint64 // mini-batch counter (per-batch noise)
	Sample uint64 // position in the stream of samples
	Eval   bool   // evaluation rather than training
}
