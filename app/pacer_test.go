package app

import (
	"testing"
	"time"
)

func TestPacer(t *testing.T) {
	for _, tc := range []struct {
		name   string
		period time.Duration
		want   time.Duration
	}{
		{"60 fps", time.Second / 60, time.Second / 120},    // ½ of 16.7 ms
		{"30 fps", time.Second / 30, time.Second / 60},     // ½ of 33 ms
		{"4 fps", time.Second / 4, DefaultMaxBudget},       // capped
		{"120 fps", time.Second / 120, DefaultBudget},      // never below the minimum
		{"hidden tab", 10 * time.Second, DefaultMaxBudget}, // gaps are clipped, then capped
	} {
		p := NewPacer()
		clk := newFakeClock()
		var got time.Duration
		for range 60 {
			got = p.Budget(clk.Now())
			clk.Advance(tc.period)
		}
		if d := got - tc.want; d < -time.Millisecond/10 || d > time.Millisecond/10 {
			t.Errorf("%s: budget %v, want %v", tc.name, got, tc.want)
		}
	}
	if got := NewPacer().Budget(time.Now()); got != DefaultBudget {
		t.Errorf("first frame: %v, want the minimum %v", got, DefaultBudget)
	}
}
