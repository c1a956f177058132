package assets

// entry is what the catalogue says of one example; the figures come from
// the files (see Example).
type entry struct {
	name, title, about string
}

// catalogue lists the examples in the order the page and the command line
// show them: the small teaching runs first, then the reference recipes on
// the ideal simulator, then the chip. Names are stable: they are file
// names, command-line arguments and what a user remembers. Each sentence
// says what the run shows; where it compares examples, TestClaims checks
// the comparison against the recorded test accuracies.
var catalogue = []entry{
	{"xor", "XOR, 4-5-2 with synaptic delays",
		"Four blobs in the quadrants of the square, opposite corners in one class, learnt in seconds by five hidden neurons with a delay on every connection (the recipe of yinyang-h5-ws, 30 epochs)."},
	{"circles", "Circles, 4-5-2 with synaptic delays",
		"A disc inside a ring, which no straight line separates, learnt in seconds by the same five-neuron recipe as xor."},
	{"spirals", "Spirals, 4-20-2 with synaptic delays",
		"Two interleaved spirals, the hardest of the three teaching sets, which takes 20 hidden neurons to learn in 30 epochs."},
	{"yinyang-h30-w", "Yin-Yang, 4-30-3, weights only",
		"The Yin-Yang reference network without delays, learnt with weights alone on the ideal simulator: the baseline the delay examples are compared with."},
	{"yinyang-h30-wa", "Yin-Yang, 4-30-3, axonal delays",
		"The same network with one learnt delay per sending neuron (one per input and one per hidden neuron, 34 in all), which here tests above weights alone."},
	{"yinyang-h30-ws", "Yin-Yang, 4-30-3, synaptic delays",
		"DelGrad's flagship setup, a learnt delay on each of the 210 connections, which tests best of all the Yin-Yang examples."},
	{"yinyang-h5-ws", "Yin-Yang, 4-5-3, synaptic delays",
		"Only five hidden neurons, but a delay on every connection: with a third of the parameters it tests above the 4-30-3 network without delays."},
	{"fastdeep-yinyang", "Yin-Yang, 4-120-3, Fast & Deep recipe",
		"The Fast & Deep recipe without any delays: a wide hidden layer, bias spikes, τm = τs and a time-to-first-spike cross-entropy loss."},
	{"chip-yinyang-w-ours", "Chip, 4x5-30-3, weights only, DelayLab's protocol",
		"Weights only on chip instance 0 of the chip model (6-bit weights, mismatched thresholds, trial noise), trained in the loop with DelayLab's exact gradient at the spike times the chip reports."},
	{"chip-yinyang-wa-ours", "Chip, 4x5-30-3, axonal delays, DelayLab's protocol",
		"The same chip with axonal delay elements under DelayLab's protocol, where the delays buy nothing: validation accuracy dips late in training and the final network tests below weights only."},
	{"chip-yinyang-w-authors", "Chip, 4x5-30-3, weights only, the authors' protocol",
		"Weights only on the same chip, trained as the DelGrad authors' code trains (a gradient that assumes the nominal threshold, weight bumping and their other conventions), which costs this network several points against DelayLab's protocol."},
	{"chip-yinyang-wa-authors", "Chip, 4x5-30-3, axonal delays, the authors' protocol",
		"Axonal delays on the same chip under the authors' protocol: the paper's contrast, with the delay network far ahead of weights only trained the same way."},
}
