package app

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"delaylab/checkpoint"
	"delaylab/dataset"
	"delaylab/delgrad"
)

// trained is a small session after a few mini-batches.
func trained(t *testing.T) *Session {
	t.Helper()
	s, _ := newTestSession(t, smallSettings(t))
	for range 5 {
		if err := s.Step(); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestSaveLoadResumes: a saved session opens with the same parameters,
// data and predictions, and training continues exactly as in the original.
func TestSaveLoadResumes(t *testing.T) {
	a := trained(t)
	b, err := a.Save()
	if err != nil {
		t.Fatal(err)
	}
	f, err := checkpoint.Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if f.Train == nil || f.Train.Batches != a.tr.Batches() {
		t.Fatalf("the file has no or another training state")
	}
	c, _ := newTestSession(t, nil) // the flagship: another architecture
	if err := c.Load("x.dlab", b); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Params(), c.Params()) || !slices.Equal(a.Predictions(), c.Predictions()) {
		t.Fatal("the loaded model differs")
	}
	if !sameSettings(a.Settings(), c.Settings()) {
		t.Errorf("settings %+v, want %+v", c.Settings(), a.Settings())
	}
	if c.message == "" || c.msgErr {
		t.Errorf("message %q (error %v)", c.message, c.msgErr)
	}
	for _, s := range []*Session{a, c} {
		for range 3 {
			if err := s.Step(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !slices.Equal(a.Params(), c.Params()) {
		t.Error("training on after loading differs from training on in the original")
	}
}

func TestFileName(t *testing.T) {
	s := trained(t)
	if got := s.FileName(); got != "yinyang-4-5-3-synaptic-untrained.dlab" {
		t.Errorf("got %q", got)
	}
	s.tr.RunEpoch()
	if got := s.FileName(); !strings.HasPrefix(got, "yinyang-4-5-3-synaptic-val") || !strings.HasSuffix(got, ".dlab") {
		t.Errorf("got %q", got)
	}
}

// TestBadFilesLeaveModel: every kind of bad file is reported in words
// and changes nothing.
func TestBadFilesLeaveModel(t *testing.T) {
	s := trained(t)
	good, err := s.Save()
	if err != nil {
		t.Fatal(err)
	}
	future := slices.Clone(good)
	future[6] = 9 // the format version, a positive fixint after the signature
	wrongNet := hugeNet(t)
	before := stateOf(s)
	for _, tc := range []struct {
		name string
		b    []byte
		says string
		is   error
	}{
		{"empty.dlab", nil, "empty", checkpoint.ErrEmpty},
		{"notes.txt", []byte("hello, world"), "not a DelayLab checkpoint", checkpoint.ErrNotCheckpoint},
		{"cut.dlab", good[:len(good)/2], "truncated", checkpoint.ErrTruncated},
		{"future.dlab", future, "newer DelayLab (format version 9", nil},
		{"huge.dlab", wrongNet, "hidden layer 1 has 200 neurons", nil},
	} {
		err := s.Load(tc.name, tc.b)
		var fe *FileError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), tc.name) || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s: got %v, want a FileError saying %q", tc.name, err, tc.says)
		}
		if tc.is != nil && !errors.Is(err, tc.is) {
			t.Errorf("%s: %v is not %v", tc.name, err, tc.is)
		}
		if !sameState(before, stateOf(s)) {
			t.Fatalf("%s changed the model", tc.name)
		}
	}
	err = TooLarge("big.dlab", "open", 300<<20, MaxOpenBytes)
	if !errors.Is(err, checkpoint.ErrTooLarge) || !strings.Contains(err.Error(), "Cannot open big.dlab: it is too large (300 MB, more than 256 MB)") {
		t.Errorf("got %v", err)
	}
}

// hugeNet is a valid checkpoint of a network too large for the page.
func hugeNet(t *testing.T) []byte {
	t.Helper()
	cfg, _ := delgrad.Preset("yinyang-h30-w")
	cfg.Hidden = []int{200}
	spec, coding := dataset.DefaultSpec("xor"), dataset.DefaultCoding()
	d, _ := dataset.Generate(spec)
	tr, err := delgrad.NewTrainer(cfg, delgrad.MakeSamples(coding.EncodeAll(d.Train[:50])), nil, &delgrad.Ideal{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := checkpoint.Marshal(checkpoint.FromTrainer(tr, spec, coding, checkpoint.Meta{}))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestOpenCLIChipFile: a checkpoint the CLI wrote of a chip run on a CSV
// data set opens with its chip instance and data.
func TestOpenCLIChipFile(t *testing.T) {
	b, err := os.ReadFile("../checkpoint/testdata/v1-chip-csv.dlab")
	if err != nil {
		t.Fatal(err)
	}
	f, err := checkpoint.Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := newTestSession(t, nil)
	if err := s.Load("chip.dlab", b); err != nil {
		t.Fatal(err)
	}
	c := s.Chip()
	if !c.On || c.Seed != f.Chip.Seed || s.Settings().Dataset != CSVDataset || s.tr.Model().Copies != f.Model.Copies {
		t.Errorf("chip %+v, data %s, copies %d", c, s.Settings().Dataset, s.tr.Model().Copies)
	}
	if err := s.Step(); err != nil {
		t.Fatal(err)
	}
	again, err := s.Save()
	if err != nil {
		t.Fatal(err)
	}
	g, err := checkpoint.Unmarshal(again)
	if err != nil || g.Chip == nil || g.Chip.ChipConfig() != f.Chip.ChipConfig() {
		t.Errorf("the chip model did not survive a save: %v", err)
	}
}

// TestShareLink: a share link carries the model (as float32) into another
// session; a damaged one is refused without changing anything.
func TestShareLink(t *testing.T) {
	a := trained(t)
	frag, err := a.ShareFragment()
	if err != nil {
		t.Fatal(err)
	}
	c, _ := newTestSession(t, nil)
	if err := c.LoadShare("https://example.org/#" + frag); err != nil {
		t.Fatal(err)
	}
	pa, pc := a.Params(), c.Params()
	for i := range pa {
		if float32(pa[i]) != float32(pc[i]) {
			t.Fatalf("parameter %d: %v, want %v as float32", i, pc[i], pa[i])
		}
	}
	if !slices.Equal(a.Predictions(), c.Predictions()) {
		t.Error("predictions differ")
	}
	before := stateOf(c)
	for _, bad := range []string{"#m=AAAA", "#m=" + frag[2:len(frag)/2], "#x=1", "#m=" + strings.Repeat("A", checkpoint.MaxShareLen)} {
		err := c.LoadShare(bad)
		var le *LinkError
		if !errors.As(err, &le) {
			t.Errorf("%.20s: got %v", bad, err)
		}
		if !sameState(before, stateOf(c)) {
			t.Fatalf("%.20s changed the model", bad)
		}
	}
}

func TestLoadCSV(t *testing.T) {
	s, _ := newTestSession(t, smallSettings(t))
	var b strings.Builder
	d, _ := dataset.Generate(dataset.DefaultSpec("xor"))
	dataset.WriteCSV(&b, d.Train[:200])
	if err := s.LoadCSV("mine.csv", []byte(b.String())); err != nil {
		t.Fatal(err)
	}
	if s.Settings().Dataset != CSVDataset || len(s.data.Train) != 160 || len(s.data.Test) != 20 || s.data.Classes != 2 {
		t.Fatalf("dataset %q, %d train, %d test, %d classes", s.Settings().Dataset, len(s.data.Train), len(s.data.Test), s.data.Classes)
	}
	if err := s.Step(); err != nil {
		t.Fatal(err)
	}
	// Another setting keeps the uploaded data.
	if err := s.SetHidden([]int{7}); err != nil || s.data.Spec.Name != CSVDataset {
		t.Fatalf("SetHidden: %v, data %s", err, s.data.Spec.Name)
	}
	if got := s.FileName(); !strings.HasPrefix(got, "mine-4-7-2-") {
		t.Errorf("file name %q", got)
	}
	o := reopened(t, s, "m.dlab")
	if o.data.Spec.Name != CSVDataset || !slices.Equal(o.Predictions(), s.Predictions()) {
		t.Error("the upload did not travel in the checkpoint")
	}
	if _, err := s.ShareFragment(); err == nil {
		t.Error("a share link of an upload")
	}
	before := stateOf(s)
	for _, tc := range []struct{ text, says string }{
		{"x,y,label\n0.1,0.2,0\n0.3,abc,1\n", "line 3: y \"abc\" is not a number"},
		{"a,b\n", "line 1"},
		{"x,y,label\n0.1,0.2,0\n0.3,0.4,1\n", "at least 10"},
		{"x,y,label\n" + strings.Repeat("0.1,0.2,1\n", 20), "same label"},
	} {
		err := s.LoadCSV("bad.csv", []byte(tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.says) || !strings.Contains(err.Error(), "bad.csv") {
			t.Errorf("got %v, want it to say %q", err, tc.says)
		}
		if !sameState(before, stateOf(s)) {
			t.Fatal("a bad CSV changed the model")
		}
	}
}

func TestStartFresh(t *testing.T) {
	s := trained(t)
	if err := s.StartFresh(); err != nil {
		t.Fatal(err)
	}
	o, _ := newTestSession(t, nil)
	if !slices.Equal(s.Params(), o.Params()) || !sameSettings(s.Settings(), o.Settings()) {
		t.Error("start fresh is not the opening model")
	}
}
