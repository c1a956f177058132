package dataset

import (
	"math/rand/v2"
	"strings"
)

// Spec describes a data set and how to split it.
type Spec struct {
	// Name is one of Names().
	Name string

	// Seed selects the random draw. For "yinyang", 0 means the reference
	// seeds 42, 41 and 40 for train, validation and test; any other value
	// uses Seed, Seed+1 and Seed+2 truncated to 32 bits. The other synthetic
	// sets always use Seed, Seed+1 and Seed+2. For "csv" it seeds the shuffle
	// that splits the points.
	Seed uint64

	// Train, Validation and Test are the split sizes of synthetic sets; zero
	// means 5000, 1000 and 1000. They are ignored for "csv".
	Train, Validation, Test int

	// Noise is the jitter of "xor", "circles" and "spirals"; zero means the
	// set's default (see DefaultSpec). It is ignored for the others.
	Noise float64

	// Path is the file named in a "csv:PATH" data name. The package never
	// opens it: the caller reads it with ReadCSV and fills Points.
	Path string

	// Points holds the samples of a "csv" set. Generate does not modify it.
	Points []Point
}

// Data is a data set split for training, model selection and final testing.
type Data struct {
	Train, Validation, Test []Point

	// Classes is the number of classes, one more than the largest label.
	Classes int
}

// Default split sizes of the synthetic sets, equal to the Yin-Yang reference.
const (
	defaultTrain      = 5000
	defaultValidation = 1000
	defaultTest       = 1000
)

// maxTotal bounds the total number of generated samples. A million 2-D
// points is far beyond what the experiments need yet still fits comfortably
// in browser memory; anything larger is almost certainly a typo.
const maxTotal = 1_000_000

// names lists the data sets in the order Names reports them.
var names = []string{"yinyang", "xor", "circles", "spirals", "csv"}

// Names returns the valid Spec names.
func Names() []string {
	return append([]string(nil), names...)
}

// DefaultSpec returns the Spec that Generate would use for name with every
// optional field left zero, with the defaults filled in so callers can show
// or adjust them. An unknown name gives a Spec with only Name set, which
// Generate rejects.
func DefaultSpec(name string) Spec {
	s := Spec{Name: name}
	switch name {
	case "yinyang", "xor", "circles", "spirals":
		s.Train, s.Validation, s.Test = defaultTrain, defaultValidation, defaultTest
	}
	switch name {
	case "xor":
		s.Noise = defaultXorNoise
	case "circles":
		s.Noise = defaultCirclesNoise
	case "spirals":
		s.Noise = defaultSpiralsNoise
	}
	return s
}

// Generate builds the three splits described by s.
func Generate(s Spec) (Data, error) {
	switch s.Name {
	case "csv":
		return splitPoints(s.Points, s.Seed)
	case "yinyang", "xor", "circles", "spirals":
	default:
		return Data{}, unknownName(s.Name)
	}

	d := DefaultSpec(s.Name)
	train, val, test := orDefault(s.Train, d.Train), orDefault(s.Validation, d.Validation), orDefault(s.Test, d.Test)
	if err := checkSizes(train, val, test); err != nil {
		return Data{}, err
	}

	if s.Name == "yinyang" {
		seeds := [3]uint32{yyTrainSeed, yyValidationSeed, yyTestSeed}
		if s.Seed != 0 {
			seeds = [3]uint32{uint32(s.Seed), uint32(s.Seed + 1), uint32(s.Seed + 2)}
		}
		return Data{
			Train:      YinYang(train, seeds[0]),
			Validation: YinYang(val, seeds[1]),
			Test:       YinYang(test, seeds[2]),
			Classes:    3,
		}, nil
	}

	noise := s.Noise
	if noise == 0 {
		noise = d.Noise
	}
	if !(noise >= 0 && noise <= 1) {
		return Data{}, newError("%s noise %v is not in [0,1]", s.Name, s.Noise)
	}
	gen := noisyGenerators[s.Name]
	return Data{
		Train:      gen(train, s.Seed, noise),
		Validation: gen(val, s.Seed+1, noise),
		Test:       gen(test, s.Seed+2, noise),
		Classes:    2,
	}, nil
}

// noisyGenerators maps the names of the noisy synthetic sets to their
// generators.
var noisyGenerators = map[string]func(n int, seed uint64, noise float64) []Point{
	"xor":     Xor,
	"circles": Circles,
	"spirals": Spirals,
}

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func checkSizes(train, val, test int) error {
	if train < 0 || val < 0 || test < 0 {
		return newError("negative split size (train %d, validation %d, test %d)", train, val, test)
	}
	// Each size is checked on its own first so that the sum cannot overflow.
	if train > maxTotal || val > maxTotal || test > maxTotal || train+val+test > maxTotal {
		return newError("%d+%d+%d samples exceed the limit of %d", train, val, test, maxTotal)
	}
	return nil
}

func unknownName(name string) error {
	return newError("unknown data set %q (valid: %s)", name, strings.Join(names, ", "))
}

// errNoPoints reports a "csv" Spec whose file the caller has not read.
var errNoPoints = &Error{Msg: "csv data set has no points (read the file with ReadCSV and set Spec.Points)"}

// splitPoints shuffles a copy of pts with a PCG seeded by seed and splits it
// 80/10/10. The validation and test sizes are rounded to nearest, so the
// training split gets the remainder and is never empty.
func splitPoints(pts []Point, seed uint64) (Data, error) {
	if len(pts) == 0 {
		return Data{}, errNoPoints
	}
	if len(pts) > maxCSVRows {
		return Data{}, newError("csv data set has %d points, more than %d", len(pts), maxCSVRows)
	}
	for i, p := range pts {
		if msg := p.check(); msg != "" {
			return Data{}, newError("csv point %d: %s", i, msg)
		}
	}
	all := append([]Point(nil), pts...)
	rng := rand.New(rand.NewPCG(seed, pcgStream))
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })

	n := len(all)
	nTest := (n + 5) / 10
	nVal := nTest
	nTrain := n - nVal - nTest
	// Full slice expressions keep an append to one split from overwriting
	// the next.
	return Data{
		Train:      all[:nTrain:nTrain],
		Validation: all[nTrain : nTrain+nVal : nTrain+nVal],
		Test:       all[nTrain+nVal:],
		Classes:    numClasses(all),
	}, nil
}
