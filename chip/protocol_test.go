package chip_test

import (
	"errors"
	"math/rand/v2"
	"testing"

	"delaylab/chip"
	"delaylab/delgrad"
)

// TestAuthorsProtocolBumpsMore is the short-run regression test of the
// protocol study: on the chip preset (fixed seeds, the full training set),
// the authors' protocol lets output neurons fall silent from about the
// sixth epoch on, so weight bumping replaces far more optimiser steps than
// under DelayLab's protocol, which hardly bumps after the first epoch.
func TestAuthorsProtocolBumpsMore(t *testing.T) {
	if testing.Short() {
		t.Skip("training run")
	}
	train, val := yinyang(5000, 42), yinyang(200, 41)
	bumps := map[delgrad.Protocol]int{}
	for _, p := range []delgrad.Protocol{0, delgrad.AuthorsProtocol} {
		cfg, _ := delgrad.Preset("chip-yinyang-w")
		cfg.Protocol, cfg.Seed = p, 0
		tr := chipTrainer(t, cfg, train, val, 0)
		tr.SetWorkers(2)
		for range 10 {
			e := tr.RunEpoch()
			bumps[p] += e.Bumps
			t.Logf("%v epoch %d: validation %.3f, bumps %d", p, e.Epoch, e.ValAcc, e.Bumps)
		}
	}
	ours, authors := bumps[0], bumps[delgrad.AuthorsProtocol]
	if authors < 3*ours+20 {
		t.Fatalf("bumps in the first epochs: authors' protocol %d, ours %d; want far more under the authors'", authors, ours)
	}
}

// TestInterleavedInputsNeedOwnElements: with the authors' interleaved
// input layout the five copies of a feature carry different delays, so
// every input row needs its own delay element (two circuits each); with
// tiled copies the copies of a feature share one. A chip with room for
// the shared elements only must refuse the interleaved network.
func TestInterleavedInputsNeedOwnElements(t *testing.T) {
	for _, p := range []delgrad.Protocol{0, delgrad.Protocol(0).With(delgrad.InterleavedCopies)} {
		cfg, _ := delgrad.Preset("chip-yinyang-wa")
		cfg.Protocol = p
		m, err := delgrad.NewModel(&cfg, rand.New(rand.NewPCG(3, 4)))
		if err != nil {
			t.Fatal(err)
		}
		ccfg := chip.DefaultConfig()
		ccfg.Circuits = 33 + 2*4 + 2*30 // neurons, shared input elements, hidden elements
		sub, err := chip.NewSubstrate(ccfg, 1)
		if err != nil {
			t.Fatal(err)
		}
		delgrad.TellInputLayout(sub, m)
		err = sub.Prepare(m.Net)
		if interleaved := p.Has(delgrad.InterleavedCopies); interleaved != errors.Is(err, chip.ErrCapacity) {
			t.Fatalf("interleaved %v: Prepare: %v", interleaved, err)
		}
	}
}
