package app

import (
	"strings"
	"testing"

	"delaylab/checkpoint"
)

// lowLevel are words a message for a person must not contain: the
// packages' names (their errors are typed, the page shows their Reason)
// and the codecs' jargon.
var lowLevel = []string{"sim:", "delgrad:", "chip:", "dataset:", "checkpoint:", "msgp", "flate", "base64"}

// TestMessagesInUsersWords: every way a user can give a bad value, file,
// link or CSV ends in a message without a package's name, from typed
// errors rather than cut text (the messages also say what was wrong).
func TestMessagesInUsersWords(t *testing.T) {
	s := trained(t)
	good, err := s.Save()
	if err != nil {
		t.Fatal(err)
	}
	f, err := checkpoint.Unmarshal(good)
	if err != nil {
		t.Fatal(err)
	}
	f.Config.Neuron.TauSyn = -1 // refused by sim, reported by checkpoint
	badNeuron, err := f.MarshalMsg(append([]byte(nil), good[:7]...))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		what string
		err  error
		says string
	}{
		{"loss", s.SetLoss("simse:x"), `"x" is not a finite number`},
		{"protocol", s.SetProtocol("theirs"), `protocol "theirs": want ours`},
		{"hidden", s.SetHidden([]int{0}), "hidden layer 1 has 0 neurons"},
		{"chip network", s.SetChip(ChipSettings{On: true}), "synaptic delays"},
		{"neuron file", s.Load("neuron.dlab", badNeuron), "tau_syn"},
		{"cut file", s.Load("cut.dlab", good[:40]), "truncated"},
		{"link", s.LoadShare("m=garbage!"), "damaged"},
		{"csv", s.LoadCSV("points.csv", []byte("x,y,label\n0.5,0.5,cat\n")), "line 2"},
		{"compare", s.StartCompare("no-such-preset"), "unknown preset"},
	}
	for _, tc := range cases {
		if tc.err == nil {
			t.Errorf("%s: no error", tc.what)
			continue
		}
		msg := tc.err.Error()
		if !strings.Contains(msg, tc.says) {
			t.Errorf("%s: %q does not say %q", tc.what, msg, tc.says)
		}
		for _, w := range lowLevel {
			if strings.Contains(msg, w) {
				t.Errorf("%s: %q contains %q", tc.what, msg, w)
			}
		}
	}
}
