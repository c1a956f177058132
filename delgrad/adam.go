package delgrad

import "math"

// Adam is the Adam optimiser (Kingma & Ba) over a list of parameter
// groups, each with its own learning rate.
type Adam struct {
	Beta1, Beta2, Eps float64
	// Steps is the number of updates taken (for bias correction).
	Steps int
	// M and V are the first and second moments, one slice per group.
	M, V [][]float64
}

// NewAdam makes an optimiser with the default betas and ε for groups of
// the given sizes.
func NewAdam(sizes []int) *Adam {
	a := &Adam{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}
	for _, n := range sizes {
		a.M = append(a.M, make([]float64, n))
		a.V = append(a.V, make([]float64, n))
	}
	return a
}

// Step updates params[g] -= lr[g]·m̂/(√v̂ + ε) with gradients grads[g].
func (a *Adam) Step(params, grads [][]float64, lr []float64) {
	a.Steps++
	c1 := 1 - math.Pow(a.Beta1, float64(a.Steps))
	c2 := 1 - math.Pow(a.Beta2, float64(a.Steps))
	for g, p := range params {
		m, v, gr := a.M[g], a.V[g], grads[g]
		for i := range p {
			m[i] = a.Beta1*m[i] + (1-a.Beta1)*gr[i]
			v[i] = a.Beta2*v[i] + (1-a.Beta2)*gr[i]*gr[i]
			p[i] -= lr[g] * (m[i] / c1) / (math.Sqrt(v[i]/c2) + a.Eps)
		}
	}
}
