package checkpoint

import "time"

// The serialised types of format version 1. They are plain data: the
// MessagePack code in file_gen.go is generated from this file, and
// everything that converts or checks them lives elsewhere. Field names on
// the wire (the msg tags) are part of the format: never rename or reuse one;
// add fields instead, which older builds skip and newer builds read as zero
// from older files.

//go:generate go tool msgp -file=$GOFILE

// Untrusted input: no array may claim more than 2^24 elements and no map
// more than 256 pairs. Decode also checks every length against the bytes
// that remain before any of this code runs (see scan.go).
//msgp:limit arrays:16777216 maps:256

// Timestamps use the MessagePack timestamp extension (−1), in UTC.
//msgp:newtime
//msgp:timezone utc

// Points are [x, y, label] triples rather than maps: a CSV data set may
// hold 100,000 of them.
//msgp:tuple Point

// File is the content of a .dlab checkpoint, after the signature and the
// format version (see the package documentation).
type File struct {
	Meta   Meta   `msg:"meta"`
	Config Config `msg:"config"`
	Model  Model  `msg:"model"`
	// Train is the state needed to resume training exactly; nil for a model
	// without one (imported, or shared).
	Train *TrainState `msg:"train"`
	Data  Data        `msg:"data"`
	// Chip is the chip model's configuration; nil on the ideal simulator.
	Chip    *ChipState `msg:"chip"`
	History []Epoch    `msg:"history"`
}

// Meta describes a file.
type Meta struct {
	// Name is free text chosen by the user.
	Name    string    `msg:"name"`
	Created time.Time `msg:"created"`
	// Program is the DelayLab version that wrote the file.
	Program string `msg:"program"`
}

// Config is the training recipe, delgrad.Config on disk. Kinds and modes
// are stored by name so the file reads the same whatever their numbering.
type Config struct {
	Name        string `msg:"name"` // preset or run name
	Description string `msg:"description"`
	Dataset     string `msg:"dataset"`
	Substrate   string `msg:"substrate"`

	Features       int         `msg:"features"`
	Copies         int         `msg:"copies"`
	Hidden         []int       `msg:"hidden"`
	Outputs        int         `msg:"outputs"`
	Delays         []string    `msg:"delays"` // "none", "axonal", "dendritic", "synaptic" per layer
	TieInputDelays bool        `msg:"tie_input_delays"`
	Neuron         Neuron      `msg:"neuron"`
	Bias           [][]float64 `msg:"bias"` // bias spike times per layer; empty: none

	Loss         Loss       `msg:"loss"`
	Batch        int        `msg:"batch"`
	Epochs       int        `msg:"epochs"`
	LRWeights    []float64  `msg:"lr_weights"`
	LRDelays     []float64  `msg:"lr_delays"`
	StepEvery    int        `msg:"step_every"`
	StepGamma    float64    `msg:"step_gamma"`
	WeightInit   []Normal   `msg:"weight_init"`
	Delay        DelayParam `msg:"delay"`
	DelayInit    Normal     `msg:"delay_init"`
	BumpFraction []float64  `msg:"bump_fraction"`
	BumpStart    float64    `msg:"bump_start"`
	MaxDWNorm    float64    `msg:"max_dw_norm"`
	Seed         uint64     `msg:"seed"`
	// Protocol is delgrad.Protocol by name ("ours", "authors", …); files
	// written before protocols existed have none, which reads as "ours".
	Protocol string `msg:"protocol,omitempty"`
}

// Neuron is sim.Neuron.
type Neuron struct {
	TauSyn    float64 `msg:"tau_syn"`
	TauMem    float64 `msg:"tau_mem"`
	Threshold float64 `msg:"threshold"`
	Leak      float64 `msg:"leak"`
	C         float64 `msg:"c"`
}

// Loss is delgrad.Loss; Kind is "simse", "ttfs" or "mse".
type Loss struct {
	Kind     string  `msg:"kind"`
	DeltaT   float64 `msg:"delta_t"`
	Tau0     float64 `msg:"tau0"`
	Tau1     float64 `msg:"tau1"`
	Alpha    float64 `msg:"alpha"`
	TCorrect float64 `msg:"t_correct"`
	TWrong   float64 `msg:"t_wrong"`
}

// Normal is delgrad.Normal.
type Normal struct {
	Mu    float64 `msg:"mu"`
	Sigma float64 `msg:"sigma"`
}

// DelayParam is delgrad.DelayParam; Mode is "sigmoid" or "clip".
type DelayParam struct {
	Mode  string  `msg:"mode"`
	Shift float64 `msg:"shift"`
	Scale float64 `msg:"scale"`
}

// Model is a delgrad.Model: the architecture and every parameter. The
// effective delays are not stored: they are Delay applied to Theta.
type Model struct {
	Neuron         Neuron `msg:"neuron"`
	Features       int    `msg:"features"`
	Copies         int    `msg:"copies"` // the network has Features·Copies input rows
	TieInputDelays bool   `msg:"tie_input_delays"`
	// InterleavedCopies: row r carries feature r / Copies instead of
	// r mod Features (the authors' input layout; older files: false).
	InterleavedCopies bool       `msg:"interleaved_copies,omitempty"`
	Delay             DelayParam `msg:"delay"`
	Layers            []Layer    `msg:"layers"`
}

// Layer is one layer of a Model.
type Layer struct {
	Size int `msg:"size"`
	// Delay is the kind of the delays that feed the layer.
	Delay string `msg:"delay"`
	// Weights is row-major: presynaptic rows, then bias rows, Size columns.
	Weights   []float64 `msg:"weights"`
	Theta     []float64 `msg:"theta"` // delay parameters
	BiasTimes []float64 `msg:"bias_times"`
}

// TrainState is what a delgrad.Trainer needs to continue exactly where it
// stopped. The learning-rate schedule position is EpochsDone.
type TrainState struct {
	EpochsDone int       `msg:"epochs_done"`
	Pos        int       `msg:"pos"`
	Perm       []int     `msg:"perm"`
	Batches    uint64    `msg:"batches"`
	Bump       []float64 `msg:"bump"`
	// RNG is the shuffling generator's state (rand.PCG.MarshalBinary).
	RNG  []byte    `msg:"rng"`
	Run  EpochSums `msg:"run"`
	Adam Adam      `msg:"adam"`
	// Best is the model after the epoch with the best validation accuracy
	// so far, BestEpoch that epoch (1-based); nil and 0 before the first
	// validation.
	Best      *Model `msg:"best"`
	BestEpoch int    `msg:"best_epoch"`
}

// EpochSums is delgrad.EpochSums, the epoch in progress.
type EpochSums struct {
	Loss       float64 `msg:"loss"`
	Correct    int     `msg:"correct"`
	Seen       int     `msg:"seen"`
	Bumps      int     `msg:"bumps"`
	Evaluating bool    `msg:"evaluating"`
	EvalPos    int     `msg:"eval_pos"`
	EvalLoss   float64 `msg:"eval_loss"`
	EvalRight  int     `msg:"eval_right"`
}

// Adam is delgrad.Adam. M and V have two groups per layer: its weights,
// then its delay parameters.
type Adam struct {
	Beta1 float64     `msg:"beta1"`
	Beta2 float64     `msg:"beta2"`
	Eps   float64     `msg:"eps"`
	Steps int         `msg:"steps"`
	M     [][]float64 `msg:"m"`
	V     [][]float64 `msg:"v"`
}

// Data is a dataset.Spec and the spike coding.
type Data struct {
	Name       string  `msg:"name"`
	Seed       uint64  `msg:"seed"`
	Train      int     `msg:"train"`
	Validation int     `msg:"validation"`
	Test       int     `msg:"test"`
	Noise      float64 `msg:"noise"`
	Path       string  `msg:"path"`   // the CSV file's name, for display only
	Points     []Point `msg:"points"` // the user's points of a "csv" set
	TEarly     float64 `msg:"t_early"`
	TLate      float64 `msg:"t_late"`
}

// Point is dataset.Point, stored as [x, y, label].
type Point struct {
	X     float64
	Y     float64
	Label int
}

// ChipState is the chip model a run used: the substrate name (as in
// delgrad.Config.Substrate), the seed of the chip instance, from which its
// fixed-pattern mismatch is drawn, and the chip's configuration.
type ChipState struct {
	Substrate string     `msg:"substrate"`
	Seed      uint64     `msg:"seed"`
	Config    ChipConfig `msg:"config"`
}

// ChipConfig is chip.Config. Window may be +Inf (no observation window);
// every other number is finite.
type ChipConfig struct {
	TauMicros           float64 `msg:"tau_us"`
	Circuits            int     `msg:"circuits"`
	InputCopies         int     `msg:"input_copies"`
	WeightScale         float64 `msg:"weight_scale"`
	WeightMax           int     `msg:"weight_max"`
	ThresholdOffsetMean float64 `msg:"threshold_offset_mean"`
	ThresholdOffsetStd  float64 `msg:"threshold_offset_std"`
	ThresholdTrialStd   float64 `msg:"threshold_trial_std"`
	TauMemStd           float64 `msg:"tau_mem_std"`
	TauSynStd           float64 `msg:"tau_syn_std"`
	GainStd             float64 `msg:"gain_std"`
	SpikeJitter         float64 `msg:"spike_jitter"`
	TimestampGrid       float64 `msg:"timestamp_grid_us"`
	Window              float64 `msg:"window"`
	DelayOffset         float64 `msg:"delay_offset_us"`
	DelayTick           float64 `msg:"delay_tick_us"`
	DelayTickMin        int     `msg:"delay_tick_min"`
	DelayTickMax        int     `msg:"delay_tick_max"`
	DelayOffsetStd      float64 `msg:"delay_offset_std_us"`
	DelayJitter         float64 `msg:"delay_jitter"`
	DelayDrop           float64 `msg:"delay_drop"`
	ADCRate             float64 `msg:"adc_rate_per_us"`
	ADCBits             int     `msg:"adc_bits"`
}

// Epoch is delgrad.Epoch, the metrics of one finished epoch.
type Epoch struct {
	Epoch     int     `msg:"epoch"`
	TrainLoss float64 `msg:"train_loss"`
	TrainAcc  float64 `msg:"train_acc"`
	ValLoss   float64 `msg:"val_loss"`
	ValAcc    float64 `msg:"val_acc"`
	LRScale   float64 `msg:"lr_scale"`
	Bumps     int     `msg:"bumps"`
}
