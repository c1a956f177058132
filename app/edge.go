package app

import (
	"math"
	"strings"

	"delaylab/delgrad"
	"delaylab/sim"
)

// EdgeRef names a connection of the network: row Row of network layer
// Layer (a presynaptic unit, or a bias spike after them) onto its neuron
// Post.
type EdgeRef struct {
	Layer, Row, Post int
}

// MaxEdgeWeight bounds a weight set by hand.
const MaxEdgeWeight = 100.0

// EdgeInfo is what the edge editor shows.
type EdgeInfo struct {
	Weight float64
	// Delay is the edge's effective delay in τs; HasDelay is false for a
	// layer without delays and for bias rows.
	Delay    float64
	HasDelay bool
	Kind     sim.DelayKind
	// MinDelay and MaxDelay bound the delays the model's parametrisation
	// can take (MaxDelay is +Inf for clipped delays).
	MinDelay, MaxDelay float64
	// Shared is the number of edges that share this delay: an axonal
	// delay belongs to every edge of its sender, a dendritic one to every
	// edge into its receiver.
	Shared int
}

// checkEdge reports whether e names a connection of the model.
func (s *Session) checkEdge(e EdgeRef) error {
	n := s.tr.Model().Net
	if e.Layer < 0 || e.Layer >= len(n.Layers) || e.Row < 0 || e.Row >= n.Rows(e.Layer) ||
		e.Post < 0 || e.Post >= n.Layers[e.Layer].Size {
		return badSetting("no edge %d→%d in layer %d", e.Row, e.Post, e.Layer+1)
	}
	return nil
}

// thetaIndex is the index in Theta[e.Layer] of e's delay parameter, or −1.
func (s *Session) thetaIndex(e EdgeRef) int {
	m := s.tr.Model()
	n := m.Net
	L := &n.Layers[e.Layer]
	nPre := n.PreSize(e.Layer)
	if e.Row >= nPre {
		return -1 // bias spikes arrive undelayed
	}
	switch L.Delay {
	case sim.DelaySynaptic:
		return e.Row*L.Size + e.Post
	case sim.DelayAxonal:
		if e.Layer == 0 && len(m.Theta[0]) == m.Features {
			return e.Row % m.Features // tied input copies
		}
		return e.Row
	case sim.DelayDendritic:
		return e.Post
	}
	return -1
}

// Edge returns the weight and delay of e.
func (s *Session) Edge(e EdgeRef) (EdgeInfo, error) {
	if err := s.checkEdge(e); err != nil {
		return EdgeInfo{}, err
	}
	m := s.tr.Model()
	n := m.Net
	L := &n.Layers[e.Layer]
	nPre := n.PreSize(e.Layer)
	info := EdgeInfo{Weight: L.Weights[e.Row*L.Size+e.Post], Kind: L.Delay, MinDelay: m.Delay.Shift, MaxDelay: math.Inf(1)}
	if m.Delay.Mode == delgrad.DelaySigmoid {
		info.MaxDelay = m.Delay.Shift + m.Delay.Scale
	}
	if s.thetaIndex(e) >= 0 {
		info.HasDelay = true
		info.Delay = L.Delay.Of(L.Delays, e.Row, e.Post, nPre, L.Size)
		switch L.Delay {
		case sim.DelaySynaptic:
			info.Shared = 1
		case sim.DelayAxonal:
			info.Shared = L.Size
		case sim.DelayDendritic:
			info.Shared = nPre
		}
	}
	return info, nil
}

// SetEdge sets the weight of e and, if it has one, its delay (in τs; for
// a shared delay, that of every edge sharing it). The replay and the
// decision map follow at once; training goes on from the edited model.
func (s *Session) SetEdge(e EdgeRef, weight, delay float64) error {
	info, err := s.Edge(e)
	if err != nil {
		return err
	}
	return s.setEdge(e, info, weight, delay, info.HasDelay)
}

// setEdge sets e's weight and, if setDelay, its delay.
func (s *Session) setEdge(e EdgeRef, info EdgeInfo, weight, delay float64, setDelay bool) error {
	if err := checkEdgeWeight(weight); err != nil {
		return err
	}
	if setDelay {
		if err := checkEdgeDelay(info, delay); err != nil {
			return err
		}
	}
	m := s.tr.Model()
	L := &m.Net.Layers[e.Layer]
	oldW := L.Weights[e.Row*L.Size+e.Post]
	L.Weights[e.Row*L.Size+e.Post] = weight
	var oldTheta float64
	i := s.thetaIndex(e)
	if setDelay {
		oldTheta = m.Theta[e.Layer][i]
		m.SetDelay(e.Layer, i, delay)
	}
	if err := s.tr.Reprepare(); err != nil {
		L.Weights[e.Row*L.Size+e.Post] = oldW
		if setDelay {
			m.Theta[e.Layer][i] = oldTheta
			m.SyncDelays()
		}
		s.tr.Reprepare()
		return SettingError(err)
	}
	s.changed()
	return nil
}

// checkEdgeWeight refuses a weight no edge may be given.
func checkEdgeWeight(w float64) error {
	if !finite(w) || math.Abs(w) > MaxEdgeWeight {
		return badSetting("weight %v (want −%v to %v)", w, MaxEdgeWeight, MaxEdgeWeight)
	}
	return nil
}

// checkEdgeDelay refuses a delay the model's parametrisation cannot take.
func checkEdgeDelay(info EdgeInfo, d float64) error {
	if !(d >= info.MinDelay && d <= info.MaxDelay) {
		return badSetting("delay %v τs is outside the range this model's delays can take (%v to %v τs)",
			d, info.MinDelay, info.MaxDelay)
	}
	return nil
}

// EdgeName names e for people, e.g. "in 2 → h 17".
func (s *Session) EdgeName(e EdgeRef) string {
	if s.checkEdge(e) != nil {
		return "no edge"
	}
	n := s.tr.Model().Net
	return strings.TrimPrefix(paramName(n, false, e.Layer, e.Row*n.Layers[e.Layer].Size+e.Post), "weight ")
}
