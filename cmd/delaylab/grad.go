package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"delaylab/checkpoint/netjson"
	"delaylab/delgrad"
	"delaylab/run"
	"delaylab/sim"
)

const gradAbout = `Computes the exact gradient of the batch-mean loss over the selected
samples (no gradient cap) with respect to every weight and every effective
delay, and writes

  {"loss": L, "weights": [ per layer [n_pre][n_post] ],
   "delays": [ per layer: null | [n_pre] | [n_post] | [n_pre][n_post] ]}

shaped like net.json: weight rows after the presynaptic units belong to the
bias spikes; delays follow the layer's delay kind (none, axonal, dendritic,
synaptic). A sample whose label neuron is silent adds 100 to the loss and
nothing to the gradient. csv:PATH selects every point of the file.`

func cmdGrad(e *env, args []string) int {
	c := newCmd(e, "grad", "-net FILE.json -data NAME [-range START:COUNT] [-loss simse:0.2 | ttfs:0.2:0.005:1 | mse:TCORRECT:TWRONG] [-o OUT.json]", gradAbout)
	netPath := c.String("net", "", "the network (net.json)")
	dataName := c.String("data", "", "the `NAME` of the samples: yinyang:train|validation|test, xor, circles, spirals or csv:PATH")
	rangeFlag := c.String("range", "", "use samples START..START+COUNT-1 (default all)")
	lossFlag := c.String("loss", "simse:0.2", "the loss: simse:DT, ttfs:TAU0:ALPHA:TAU1 or mse:TCORRECT:TWRONG")
	outPath := c.String("o", "-", "write the gradients to `OUT.json` (- for standard output)")
	if code, ok := c.parse(args); !ok {
		return code
	}
	if *netPath == "" {
		return c.usageErr("-net is required")
	}
	if *dataName == "" {
		return c.usageErr("-data is required")
	}
	src, err := parseData(*dataName)
	if err != nil {
		return c.usageErr("%v", err)
	}
	loss, err := delgrad.ParseLoss(*lossFlag)
	if err != nil {
		return c.usageErr("%v", err)
	}
	start, count, err := parseRange(*rangeFlag)
	if err != nil {
		return c.usageErr("%v", err)
	}
	if *outPath != "-" {
		if err := checkDir(*outPath); err != nil {
			return c.fail(err)
		}
	}
	m, coding, err := loadNet(*netPath)
	if err != nil {
		return c.fail(err)
	}
	pts, err := src.points()
	if err != nil {
		return c.fail(err)
	}
	if count < 0 {
		count = len(pts) - start
	}
	if start+count > len(pts) || count <= 0 {
		return c.fail(fmt.Errorf("-range %s is outside the %d samples of %s", *rangeFlag, len(pts), src.name))
	}
	samples, err := codeSamples(m, coding, pts[start:start+count])
	if err != nil {
		return c.fail(fmt.Errorf("%s on %s: %w", *netPath, src.name, err))
	}

	L, g := batchGrad(m, samples, loss)
	write := func(w io.Writer) error { return writeGrads(w, m.Net, L, g) }
	if err := writeFile(e, *outPath, write); err != nil {
		return c.fail(err)
	}
	return exitOK
}

// parseRange reads START:COUNT; the empty string means everything
// (count −1).
func parseRange(s string) (start, count int, err error) {
	if s == "" {
		return 0, -1, nil
	}
	a, b, ok := strings.Cut(s, ":")
	start, err1 := strconv.Atoi(a)
	count, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || start < 0 || count < 1 {
		return 0, 0, fmt.Errorf("-range %q: want START:COUNT with START ≥ 0 and COUNT ≥ 1", s)
	}
	return start, count, nil
}

// batchGrad returns the mean loss over samples and its exact gradient,
// summed in sample order.
func batchGrad(m *delgrad.Model, samples []delgrad.Sample, loss delgrad.Loss) (float64, *delgrad.Grads) {
	n := m.Net
	sub := &delgrad.Ideal{}
	sub.Prepare(n)
	bp := delgrad.NewBackprop(n)
	g := delgrad.NewGrads(n)
	dOut := make([]float64, n.Outputs())
	var L float64
	run.Forward(sub, m, samples, delgrad.EvalTrial, func(j int, ws *sim.Workspace) {
		L += loss.Eval(ws.Output(), samples[j].Label, dOut)
		bp.Backward(n, ws, dOut, g, 0)
	})
	g.Scale(1 / float64(len(samples)))
	return L / float64(len(samples)), g
}

func writeGrads(w io.Writer, n *sim.Network, loss float64, g *delgrad.Grads) error {
	b := []byte(`{"loss": `)
	b = appendNumber(b, loss)
	b = append(b, ",\n \"weights\": ["...)
	for l, L := range n.Layers {
		if l > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n  "...)
		b = appendMatrix(b, g.W[l], L.Size, "   ")
	}
	b = append(b, "],\n \"delays\": ["...)
	for l, L := range n.Layers {
		if l > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n  "...)
		switch L.Delay {
		case sim.DelayNone:
			b = append(b, "null"...)
		case sim.DelaySynaptic:
			b = appendMatrix(b, g.D[l], L.Size, "   ")
		default:
			b = netjson.AppendNumbers(b, g.D[l])
		}
	}
	b = append(b, "]}\n"...)
	_, err := w.Write(b)
	return err
}
