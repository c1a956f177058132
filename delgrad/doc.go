// Package delgrad computes exact gradients of first-spike times with
// respect to weights, input times and transmission delays (DelGrad, Göltz et
// al. 2025), and trains networks with them.
//
// # Gradients
//
// At a spike u(T) = ϑ, so by the implicit function theorem
// ∂T/∂w_i = −κ(T − t̃_i)/u̇(T) and ∂T/∂t̃_i = w_i κ'(T − t̃_i)/u̇(T) for every
// input i that arrived before T (the causal set), and 0 otherwise. Errors
// flow down the layers through ∂T/∂t̃; delays collect them per synapse,
// per presynaptic unit (axonal) or per neuron (dendritic). Nothing but spike
// times is needed, so the same backward pass serves the ideal simulator and
// a chip that reports measured times.
//
// # Training
//
// A Trainer runs shuffled mini-batches through a Substrate (the simulator or
// a chip model), accumulates exact gradients in fixed-size chunks so that
// any number of workers gives bit-identical results, and steps Adam with
// per-layer learning rates for weights and delays. It advances in small
// steps so a caller (the web page) can interleave it with drawing.
package delgrad
