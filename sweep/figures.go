package sweep

import (
	"encoding/csv"
	"errors"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"delaylab/run"
)

// kindColors keep one colour per delay kind across all figures.
var kindColors = map[string]color.RGBA{
	"none":      {0x55, 0x55, 0x55, 0xff},
	"axonal":    {0x1f, 0x77, 0xb4, 0xff},
	"dendritic": {0x2c, 0xa0, 0x2c, 0xff},
	"synaptic":  {0xd6, 0x27, 0x28, 0xff},
}

// band is a median line with its 25–75 % band.
type band struct {
	label          string
	x, lo, mid, hi []float64
}

func quantiles(v []float64) (lo, mid, hi float64) {
	s := slices.Clone(v)
	slices.Sort(s)
	return stat.Quantile(0.25, stat.LinInterp, s, nil), stat.Quantile(0.5, stat.LinInterp, s, nil), stat.Quantile(0.75, stat.LinInterp, s, nil)
}

// addBand draws b in colour c on p.
func addBand(p *plot.Plot, b band, c color.RGBA) error {
	if len(b.x) == 0 {
		return nil
	}
	poly := make(plotter.XYs, 0, 2*len(b.x))
	for i := range b.x {
		poly = append(poly, plotter.XY{X: b.x[i], Y: b.hi[i]})
	}
	for i := len(b.x) - 1; i >= 0; i-- {
		poly = append(poly, plotter.XY{X: b.x[i], Y: b.lo[i]})
	}
	line := make(plotter.XYs, len(b.x))
	for i := range b.x {
		line[i] = plotter.XY{X: b.x[i], Y: b.mid[i]}
	}
	if len(b.x) > 1 {
		pg, err := plotter.NewPolygon(poly)
		if err != nil {
			return err
		}
		pg.Color = color.NRGBA{c.R, c.G, c.B, 0x38} // non-premultiplied: translucent band
		pg.LineStyle.Width = 0
		p.Add(pg)
	}
	l, err := plotter.NewLine(line)
	if err != nil {
		return err
	}
	l.Color, l.Width = c, vg.Points(2)
	p.Add(l)
	p.Legend.Add(b.label, l)
	if len(b.x) <= 30 { // mark the measured points of grid figures, not of curves
		s, err := plotter.NewScatter(line)
		if err != nil {
			return err
		}
		s.Color = c
		p.Add(s)
	}
	return nil
}

// bandsBy groups results per delay kind and x value (hidden size or
// parameter count) and returns the test error bands in percent.
func bandsBy(results []Result, substrate string, x func(Result) float64) []band {
	var out []band
	for _, kind := range []string{"none", "axonal", "dendritic", "synaptic"} {
		groups := map[float64][]float64{}
		for _, r := range results {
			if r.Substrate == substrate && r.Delay.String() == kind {
				groups[x(r)] = append(groups[x(r)], 100*(1-r.TestAcc))
			}
		}
		if len(groups) == 0 {
			continue
		}
		b := band{label: kind}
		xs := make([]float64, 0, len(groups))
		for k := range groups {
			xs = append(xs, k)
		}
		slices.Sort(xs)
		for _, xv := range xs {
			lo, mid, hi := quantiles(groups[xv])
			b.x, b.lo, b.mid, b.hi = append(b.x, xv), append(b.lo, lo), append(b.mid, mid), append(b.hi, hi)
		}
		out = append(out, b)
	}
	return out
}

func newPlot(title, xl, yl string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xl
	p.Y.Label.Text = yl
	p.Legend.Top = true
	p.Add(plotter.NewGrid())
	return p
}

// Figures writes the PNG figures of a sweep into dir and returns their
// paths: test error against hidden size and against parameter count, and
// (when curvesDir holds chip runs) validation curves of the chip runs.
func Figures(results []Result, curvesDir, dir string) ([]string, error) {
	if len(results) == 0 {
		return nil, errors.New("sweep: no results to plot")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	subs := map[string]bool{}
	for _, r := range results {
		subs[r.Substrate] = true
	}
	for sub := range subs {
		for _, fig := range []struct {
			name, xl string
			x        func(Result) float64
		}{
			{"error-vs-hidden", "hidden neurons", func(r Result) float64 { return float64(r.Hidden) }},
			{"error-vs-params", "trainable parameters", func(r Result) float64 { return float64(r.Params()) }},
		} {
			p := newPlot(fmt.Sprintf("Yin-Yang test error (%s); median, 25–75 %% band", sub), fig.xl, "test error (%)")
			for _, b := range bandsBy(results, sub, fig.x) {
				if err := addBand(p, b, kindColors[b.label]); err != nil {
					return nil, err
				}
			}
			path := filepath.Join(dir, fmt.Sprintf("%s-%s.png", sub, fig.name))
			if err := p.Save(16*vg.Centimeter, 11*vg.Centimeter, path); err != nil {
				return nil, err
			}
			paths = append(paths, path)
		}
	}
	if curvesDir != "" {
		for sub := range subs {
			if sub == run.Ideal {
				continue
			}
			path, err := CurveFigure(results, sub, curvesDir, dir)
			if err != nil {
				return nil, err
			}
			if path != "" {
				paths = append(paths, path)
			}
		}
	}
	slices.Sort(paths)
	return paths, nil
}

// CurveFigure draws validation accuracy per epoch of the runs of one
// substrate at the largest hidden size, with and without (axonal) delays,
// from per-run CSVs in curvesDir named like Execute names them (the
// validation accuracy is the fifth column). It returns the PNG's path, or
// "" when no curve was found.
func CurveFigure(results []Result, sub, curvesDir, dir string) (string, error) {
	hidden := 0
	for _, r := range results {
		if r.Substrate == sub {
			hidden = max(hidden, r.Hidden)
		}
	}
	p := newPlot(fmt.Sprintf("%s, 4x5-%d-3: validation accuracy; median, 25–75 %% band", sub, hidden), "epoch", "validation accuracy (%)")
	drawn := false
	for _, kind := range []string{"none", "axonal"} {
		var curves [][]float64
		for _, r := range results {
			if r.Substrate != sub || r.Hidden != hidden || r.Delay.String() != kind {
				continue
			}
			c, err := readCurve(filepath.Join(curvesDir, CurveName(r.Run)))
			if err != nil {
				continue // curves of runs from an older sweep may be missing
			}
			curves = append(curves, c)
		}
		if len(curves) == 0 {
			continue
		}
		n := len(curves[0])
		for _, c := range curves {
			n = min(n, len(c))
		}
		b := band{label: map[string]string{"none": "weights only", "axonal": "+ axonal delays"}[kind]}
		col := make([]float64, len(curves))
		for e := range n {
			for i, c := range curves {
				col[i] = 100 * c[e]
			}
			lo, mid, hi := quantiles(col)
			b.x, b.lo, b.mid, b.hi = append(b.x, float64(e+1)), append(b.lo, lo), append(b.mid, mid), append(b.hi, hi)
		}
		if err := addBand(p, b, kindColors[kind]); err != nil {
			return "", err
		}
		drawn = true
	}
	if !drawn {
		return "", nil
	}
	p.Legend.Top, p.Legend.Left = false, false
	path := filepath.Join(dir, sub+"-curves.png")
	return path, p.Save(16*vg.Centimeter, 11*vg.Centimeter, path)
}

func readCurve(path string) ([]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	var out []float64
	for _, rec := range recs[1:] {
		v, err := strconv.ParseFloat(rec[4], 64)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
