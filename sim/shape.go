package sim

// sameShape reports whether n has the shape ws's buffers were last fitted
// to (resize): the same inputs, layers, and sizes and rows per layer.
func (ws *Workspace) sameShape(n *Network) bool {
	sh := ws.shape
	if len(sh) != 1+2*len(n.Layers) || sh[0] != n.Inputs {
		return false
	}
	for l := range n.Layers {
		if sh[1+2*l] != n.Layers[l].Size || sh[2+2*l] != n.Rows(l) {
			return false
		}
	}
	return true
}

// keepShape records n's shape for sameShape.
func (ws *Workspace) keepShape(n *Network) {
	sh := append(ws.shape[:0], n.Inputs)
	for l := range n.Layers {
		sh = append(sh, n.Layers[l].Size, n.Rows(l))
	}
	ws.shape = sh
}
