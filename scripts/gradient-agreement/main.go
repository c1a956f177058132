// Command gradient-agreement measures how far the authors' nominal-threshold
// gradient is from the exact gradient at the chip's spike times, while a
// chip preset trains under a protocol: at chosen epochs it runs training
// batches through the chip (with the noise of training) and compares, per
// layer, the batch-mean weight gradient of the NominalThreshold backward
// pass with the exact one (cosine similarity and norm ratio), and counts
// the (sample, neuron) pairs whose nominal slope is more than twice the
// exact one (neurons that barely fire, whose gradient the convention
// shrinks the most). It prints one Markdown row per preset and epoch.
//
// Usage: go run ./scripts/gradient-agreement [-protocol authors] [-seed 0] [-epochs 1,20,100,150]
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/run"
	"delaylab/sim"
)

func main() {
	protocol := flag.String("protocol", "authors", "the protocol the networks train under")
	seed := flag.Uint64("seed", 0, "seed and chip instance")
	at := flag.String("epochs", "1,20,100,150", "epochs after which to measure")
	flag.Parse()
	var marks []int
	for _, f := range strings.Split(*at, ",") {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			fail(fmt.Errorf("-epochs: %q", f))
		}
		marks = append(marks, n)
	}
	p, err := delgrad.ParseProtocol(*protocol)
	if err != nil {
		fail(err)
	}
	data, err := dataset.Generate(dataset.DefaultSpec("yinyang"))
	if err != nil {
		fail(err)
	}
	code := dataset.DefaultCoding()
	train := delgrad.MakeSamples(code.EncodeAll(data.Train))
	val := delgrad.MakeSamples(code.EncodeAll(data.Validation))
	fmt.Println("| preset | epoch | val. acc. | cos(nominal, exact): hidden / output weights | norm ratio: hidden / output | pairs with nominal slope > 2× exact: hidden / output |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, name := range []string{"chip-yinyang-w", "chip-yinyang-wa"} {
		cfg, err := delgrad.Preset(name)
		if err != nil {
			fail(err)
		}
		cfg.Protocol, cfg.Seed = p, *seed
		s, err := run.ForRecipe(cfg)
		if err != nil {
			fail(err)
		}
		sub, err := s.New(*seed, nil)
		if err != nil {
			fail(err)
		}
		tr, err := delgrad.NewTrainer(cfg, train, val, sub)
		if err != nil {
			fail(err)
		}
		tr.SetWorkers(delgrad.DefaultWorkers())
		for _, m := range marks {
			var last delgrad.Epoch
			for tr.Progress().Epochs < m {
				last = tr.RunEpoch()
			}
			cos, ratio, shrunk := agreement(tr, train[:1000])
			fmt.Printf("| %s | %d | %.1f %% | %.3f / %.3f | %.2f / %.2f | %.1f / %.1f %% |\n",
				name, m, 100*last.ValAcc, cos[0], cos[1], ratio[0], ratio[1], 100*shrunk[0], 100*shrunk[1])
		}
	}
}

// agreement compares the two backward passes on samples, in batches of the
// recipe's size with trial noise keyed like training batches.
func agreement(tr *delgrad.Trainer, samples []delgrad.Sample) (cos, ratio, shrunk [2]float64) {
	m, cfg := tr.Model(), tr.Config()
	n := m.Net
	ws := sim.NewWorkspace(n)
	nominal, exact := delgrad.NewBackprop(n), delgrad.NewBackprop(n)
	nominal.Nominal = true
	dOut := make([]float64, n.Outputs())
	var dot, nn, ee [2]float64
	var pairs, big [2]int
	var in []float64
	for b := 0; b+cfg.Batch <= len(samples); b += cfg.Batch {
		gn, ge := delgrad.NewGrads(n), delgrad.NewGrads(n)
		for j := b; j < b+cfg.Batch; j++ {
			in = m.InputTimes(in, samples[j].Features)
			tr.Substrate().Forward(in, ws, delgrad.Trial{Batch: 1<<40 + uint64(b), Sample: uint64(j)})
			if cfg.Loss.Eval(ws.Output(), samples[j].Label, dOut) == delgrad.SilentLoss {
				continue
			}
			nominal.Backward(n, ws, dOut, gn, 0)
			exact.Backward(n, ws, dOut, ge, 0)
			for l := range n.Layers {
				p, q := slopes(n, ws, l)
				for k := range p {
					if q[k] > 0 {
						pairs[l]++
						if p[k] > 2*q[k] {
							big[l]++
						}
					}
				}
			}
		}
		for l := range n.Layers {
			for i := range gn.W[l] {
				dot[l] += gn.W[l][i] * ge.W[l][i]
				nn[l] += gn.W[l][i] * gn.W[l][i]
				ee[l] += ge.W[l][i] * ge.W[l][i]
			}
		}
	}
	for l := range 2 {
		cos[l] = dot[l] / math.Sqrt(nn[l]*ee[l])
		ratio[l] = math.Sqrt(nn[l] / ee[l])
		shrunk[l] = float64(big[l]) / float64(max(pairs[l], 1))
	}
	return
}

// slopes returns, for each neuron of layer l that fired, the nominal slope
// of the authors' formula and the exact membrane slope at its spike time
// (0 where it did not fire).
func slopes(n *sim.Network, ws *sim.Workspace, l int) (nominal, exact []float64) {
	L := &n.Layers[l]
	nu := n.Neuron
	pre, post := ws.Times[l], ws.Times[l+1]
	nominal, exact = make([]float64, L.Size), make([]float64, L.Size)
	for k, T := range post {
		if math.IsInf(T, 1) {
			continue
		}
		a1, b := 1e-6, 1e-6
		for i := range n.PreSize(l) {
			t := pre[i] + L.Delay.Of(L.Delays, i, k, n.PreSize(l), L.Size)
			if !(t < T) {
				continue
			}
			w := L.Weights[i*L.Size+k]
			_, dk := nu.Kernel(T - t)
			exact[k] += w * dk
			a1 += w * math.Exp(t)
			b += w * t * math.Exp(t)
		}
		z := -nu.Threshold / a1 * math.Exp(b/a1)
		if z >= -1/math.E {
			nominal[k] = math.Exp(-T) * a1 * (1 + sim.LambertW0(z))
		}
	}
	return nominal, exact
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gradient-agreement:", err)
	os.Exit(1)
}
