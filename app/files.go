package app

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"delaylab/checkpoint"
	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/run"
	"delaylab/sim"
)

// Files: the session as a .dlab checkpoint (Save, Load), the name a
// download gets, and the figures the browser tests compare across a
// save and a load (Params, Predictions).

// Program is what the page's checkpoints record as their writer.
const Program = "delaylab page"

// FileError reports a file the page could not use. Its message names the
// file and the problem in words a user understands; Err is the reader's
// error (test it with errors.Is and errors.As).
type FileError struct {
	Name string // the file's name as the user chose it
	What string // "open" (a checkpoint) or "use" (a data file)
	Err  error
}

func (e *FileError) Error() string {
	name := e.Name
	if name == "" {
		name = "the file"
	}
	return fmt.Sprintf("Cannot %s %s: %s. Nothing was changed.", e.What, name, explain(e.Err))
}

func (e *FileError) Unwrap() error { return e.Err }

// LinkError reports a share link the page could not open.
type LinkError struct{ Err error }

func (e *LinkError) Error() string {
	return fmt.Sprintf("Cannot open this share link: %s. The model was not changed.", explain(e.Err))
}

func (e *LinkError) Unwrap() error { return e.Err }

// explain turns a reader's error into a phrase for the page.
func explain(err error) string {
	var ve *checkpoint.VersionError
	var de *checkpoint.DataError
	var ce *dataset.CSVError
	var ue *unfitError
	switch {
	case errors.Is(err, checkpoint.ErrEmpty):
		return "it is empty"
	case errors.Is(err, checkpoint.ErrNotCheckpoint):
		return "it is not a DelayLab checkpoint (.dlab file)"
	case errors.As(err, &de) && errors.Is(de, checkpoint.ErrTruncated):
		return "it is truncated (" + de.Detail + ")"
	case errors.As(err, &de) && errors.Is(de, checkpoint.ErrTooLarge):
		return "it is too large (" + de.Detail + ")"
	case errors.As(err, &ve) && ve.Got > ve.Max:
		return fmt.Sprintf("it was written by a newer DelayLab (format version %d; this page reads versions up to %d)", ve.Got, ve.Max)
	case errors.As(err, &ve):
		return fmt.Sprintf("its format version %d is not valid", ve.Got)
	case errors.As(err, &ue):
		return checkpoint.Reason(ue.err)
	case errors.As(err, &ce):
		if ce.Line > 0 {
			return fmt.Sprintf("line %d: %s", ce.Line, ce.Msg)
		}
		return ce.Msg
	}
	return "it is damaged (" + checkpoint.Reason(err) + ")"
}

// unfitError reports a valid file or link whose content the page cannot
// take (another input coding, a network too large to draw).
type unfitError struct{ err error }

func (e *unfitError) Error() string { return e.err.Error() }
func (e *unfitError) Unwrap() error { return e.err }

// MaxOpenBytes is the largest checkpoint Load reads; MaxCSVBytes the
// largest CSV upload (100,000 rows of generous width).
const (
	MaxOpenBytes = checkpoint.MaxFileSize
	MaxCSVBytes  = 8 << 20
)

// TooLarge is the error for a file refused for its size before reading it;
// what is "open" (a checkpoint) or "use" (data).
func TooLarge(name, what string, size, limit int64) error {
	return &FileError{Name: name, What: what, Err: &checkpoint.DataError{Kind: checkpoint.ErrTooLarge, Detail: fmt.Sprintf("%d MB, more than %d MB", size>>20, limit>>20)}}
}

// DataLabel names the data set for people: an upload by its file name.
func (s *Session) DataLabel() string { return dataLabel(s.data) }

// Save returns the session as the bytes of a .dlab checkpoint: the
// network, the training state (training resumes exactly where it
// stopped), the data set with its spike coding, the chip instance and the
// metrics history.
func (s *Session) Save() ([]byte, error) {
	meta := checkpoint.Meta{Name: s.tr.Config().Name, Created: s.now().UTC(), Program: Program}
	return checkpoint.Marshal(s.rn.File(meta))
}

// Load replaces the session by the checkpoint in b, named name (for
// messages). On any error — not a checkpoint, truncated, a newer format, a
// network the page cannot show — it returns a *FileError and the session
// stays exactly as it was.
func (s *Session) Load(name string, b []byte) error {
	f, err := checkpoint.Unmarshal(b)
	if err != nil {
		return &FileError{Name: name, What: "open", Err: err}
	}
	if err := s.loadFile(f); err != nil {
		return &FileError{Name: name, What: "open", Err: &unfitError{err}}
	}
	s.message, s.msgErr = fmt.Sprintf("Opened %s: %s, epoch %d of %d; training continues where it stopped.",
		name, s.describe(), s.tr.Progress().Epochs, s.tr.Config().Epochs), false
	return nil
}

// loadFile installs the model, training state, data and chip of f.
func (s *Session) loadFile(f *checkpoint.File) error {
	spec, coding := f.Dataset()
	d, err := s.dataFor(spec, coding)
	if err != nil {
		return fmt.Errorf("its data set: %w", err)
	}
	cfg, m, _, err := f.Restore()
	if err != nil {
		return err
	}
	set, err := settingsOf(cfg, m, d.Spec.Name)
	if err != nil {
		return err
	}
	r, err := run.OpenOn(f, d)
	if err != nil {
		return err
	}
	s.chip = chipFromFile(f.Chip)
	s.install(set, r)
	s.playing = false
	return nil
}

// dataFor returns the data set of spec coded with coding, reusing what the
// session already has.
func (s *Session) dataFor(spec dataset.Spec, coding dataset.Coding) (*data, error) {
	if d := s.cache[spec.Name]; d != nil && d.Coding == coding && sameSpec(d.Spec, spec) {
		return d, nil
	}
	if spec.Name == CSVDataset || slices.Contains(Datasets, spec.Name) {
		return buildData(spec, coding)
	}
	return nil, fmt.Errorf("the page does not offer the data set %q", spec.Name)
}

func sameSpec(a, b dataset.Spec) bool {
	return a.Name == b.Name && a.Seed == b.Seed && a.Train == b.Train && a.Validation == b.Validation &&
		a.Test == b.Test && a.Noise == b.Noise && slices.Equal(a.Points, b.Points)
}

// settingsOf describes a recipe and its model as page settings, or says
// why the page cannot show them.
func settingsOf(cfg delgrad.Config, m *delgrad.Model, data string) (Settings, error) {
	preset := cfg.Name
	if _, err := PresetSettings(preset); err != nil {
		preset = DefaultPreset
	}
	// The preset decides the input copies when the network is rebuilt.
	base, _ := delgrad.Preset(preset)
	if m.Features != dataset.Features || m.Copies != base.Copies {
		return Settings{}, fmt.Errorf("its network takes %d×%d input spikes; the page codes a point as %d×%d (preset %s)",
			m.Features, m.Copies, dataset.Features, base.Copies, preset)
	}
	nu := m.Net.Neuron
	set := Settings{
		Preset:    preset,
		Dataset:   data,
		Hidden:    slices.Clone(cfg.Hidden),
		Delays:    slices.Clone(cfg.Delays),
		TauRatio:  nu.TauMem / nu.TauSyn,
		Loss:      cfg.Loss.String(),
		LRWeights: cfg.LRWeights[0],
		LRDelays:  cfg.LRDelays[0],
		Batch:     cfg.Batch,
		Seed:      cfg.Seed,
		Protocol:  cfg.Protocol.String(),
	}
	if err := set.Validate(); err != nil {
		return Settings{}, fmt.Errorf("the page cannot show its network: %v", err)
	}
	return set, nil
}

// describe is "yinyang, 4-30-3 synaptic".
func (s *Session) describe() string {
	return dataLabel(s.data) + ", " + archName(s.tr.Model().Net, " ")
}

// label names the data set for people: an upload by its file name.
func dataLabel(d *data) string {
	if d.Spec.Name == CSVDataset && d.Spec.Path != "" {
		return d.Spec.Path
	}
	return d.Spec.Name
}

// archName is "4-30-3" followed by the delay kinds ("synaptic", or one
// per layer when they differ), joined by sep.
func archName(n *sim.Network, sep string) string {
	sizes := []string{strconv.Itoa(n.Inputs)}
	var kinds []string
	for _, L := range n.Layers {
		sizes = append(sizes, strconv.Itoa(L.Size))
		kinds = append(kinds, L.Delay.String())
	}
	if len(slices.Compact(slices.Clone(kinds))) == 1 {
		kinds = kinds[:1]
	}
	return strings.Join(sizes, "-") + sep + strings.Join(kinds, "+")
}

// FileName is the name a download of the session gets: the data set, the
// architecture and the validation accuracy, e.g.
// "yinyang-4-30-3-synaptic-val93.4.dlab".
func (s *Session) FileName() string {
	stem := s.data.Spec.Name
	if s.data.Spec.Name == CSVDataset && s.data.Spec.Path != "" {
		stem = strings.TrimSuffix(path.Base(s.data.Spec.Path), path.Ext(s.data.Spec.Path))
	}
	acc := "untrained"
	if h := s.tr.History(); len(h) > 0 {
		acc = "val" + strconv.FormatFloat(100*h[len(h)-1].ValAcc, 'f', 1, 64)
	}
	if s.chip.On {
		acc = "chip-" + acc
	}
	name := stem + "-" + archName(s.tr.Model().Net, "-") + "-" + acc + ".dlab"
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r == ' ' {
			return '_'
		}
		return r
	}, name)
}

// Params returns every trainable parameter of the model: per layer its
// weights, then its delay parameters θ.
func (s *Session) Params() []float64 {
	var out []float64
	m := s.tr.Model()
	for l := range m.Net.Layers {
		out = append(out, m.Net.Layers[l].Weights...)
		out = append(out, m.Theta[l]...)
	}
	return out
}

// Predictions returns the class the model predicts (the first output to
// fire, −1 if none fires) for every sample of the test split, on the
// session's substrate.
func (s *Session) Predictions() []int {
	return s.rn.Predictions(run.TestSplit)
}
