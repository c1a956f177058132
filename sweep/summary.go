package sweep

import (
	"fmt"
	"io"
	"math"
	"slices"

	"delaylab/run"
)

// Cell is the aggregate of one configuration over its seeds.
type Cell struct {
	Substrate string
	Hidden    int
	Delay     string
	Params    int
	Seeds     int
	Mean, Std float64 // test accuracy, fractions
	Spread    float64 // mean over seeds of the last-100-epoch validation spread
}

// Summarise aggregates results per configuration, in grid order.
func Summarise(results []Result) []Cell {
	type key struct {
		sub    string
		hidden int
		delay  string
	}
	groups := map[key][]Result{}
	var keys []key
	for _, r := range results {
		k := key{r.Substrate, r.Hidden, r.Delay.String()}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], r)
	}
	order := map[string]int{"none": 0, "axonal": 1, "dendritic": 2, "synaptic": 3}
	slices.SortFunc(keys, func(a, b key) int {
		if a.sub != b.sub {
			if a.sub < b.sub {
				return -1
			}
			return 1
		}
		if a.hidden != b.hidden {
			return a.hidden - b.hidden
		}
		return order[a.delay] - order[b.delay]
	})
	var out []Cell
	for _, k := range keys {
		g := groups[k]
		c := Cell{Substrate: k.sub, Hidden: k.hidden, Delay: k.delay, Params: g[0].Params(), Seeds: len(g)}
		for _, r := range g {
			c.Mean += r.TestAcc
			c.Spread += r.ValSpread
		}
		c.Mean /= float64(len(g))
		c.Spread /= float64(len(g))
		for _, r := range g {
			c.Std += (r.TestAcc - c.Mean) * (r.TestAcc - c.Mean)
		}
		if len(g) > 1 {
			c.Std = math.Sqrt(c.Std / float64(len(g)-1))
		} else {
			c.Std = 0
		}
		out = append(out, c)
	}
	return out
}

// WriteMarkdown writes the cells as a Markdown table.
func WriteMarkdown(w io.Writer, cells []Cell) error {
	if _, err := fmt.Fprintln(w, "| substrate | net | delays | params | seeds | test accuracy (mean ± std) | val. spread, last 100 epochs |\n|---|---|---|---|---|---|---|"); err != nil {
		return err
	}
	for _, c := range cells {
		net := fmt.Sprintf("4-%d-3", c.Hidden)
		if c.Substrate != run.Ideal {
			net = fmt.Sprintf("4x5-%d-3", c.Hidden)
		}
		if _, err := fmt.Fprintf(w, "| %s | %s | %s | %d | %d | %.1f ± %.1f %% | %.2f %% |\n",
			c.Substrate, net, c.Delay, c.Params, c.Seeds, 100*c.Mean, 100*c.Std, 100*c.Spread); err != nil {
			return err
		}
	}
	return nil
}
