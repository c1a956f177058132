package checkpoint

// Version is the .dlab format version this build writes, and the newest
// it reads.
//
// # Format
//
// A .dlab file is one MessagePack value, an array of three elements:
//
//	["DLAB", version, body]
//
// so every file starts with the bytes 93 A4 44 4C 41 42 ("DLAB") and then
// the version as a MessagePack integer. The body is a map whose keys are
// the msg tags of the types in file.go (File at the top); points are
// [x, y, label] arrays, times use the MessagePack timestamp extension (−1),
// floats are float64 (float32 is accepted) and integers are integers.
// Kinds and modes are stored by name ("synaptic", "simse", "sigmoid").
// The effective delays are not stored: they follow from the delay
// parameters θ and the parametrisation. The learning-rate schedule
// position is train.epochs_done. Keys within a map may come in any order.
//
// Reading checks, in order: the signature (ErrNotCheckpoint), the version
// (*VersionError), the framing of the whole body without decoding it
// (ErrTruncated, *FormatError, *LimitError), the decoded types
// (*FormatError), and then every value (File.Validate).
//
// # Compatibility
//
// Every build reads every version up to its own, and the golden files in
// testdata must keep loading. Within a version, fields may be added: a
// reader skips keys it does not know and reads missing keys as zero, so
// an added field must mean "as before" when it is zero. A change that
// older builds would misread takes a new version, and the reader of the
// new version converts older bodies. Never rename or reuse a key.
//
// # Limits
//
// Decode reads at most MaxFileSize bytes. No array announced in a file may
// hold more elements than the bytes that follow it, nor more than 2^24;
// nesting is at most 32 deep; and the memory that decoding would take is
// estimated from the framing and refused beyond 32 times the input size
// plus 1 MiB, so that a hostile file cannot make the decoder allocate
// without bound. After decoding, layers hold at most MaxNeurons neurons,
// networks at most MaxLayers layers, data sets at most MaxPoints user
// points and strings at most MaxText bytes.
const Version = 1

// Limits on what Decode accepts.
const (
	// MaxFileSize is the largest input Decode reads.
	MaxFileSize = 256 << 20
	// MaxNeurons is the largest layer, input rows included.
	MaxNeurons = 10000
	// MaxLayers is the largest number of neuron layers.
	MaxLayers = 64
	// MaxPoints is the largest number of user points ("csv" data).
	MaxPoints = 100000
	// MaxText is the longest string, in bytes.
	MaxText = 4096
	// maxArray must equal the arrays limit of the msgp directive in file.go.
	maxArray = 1 << 24
	// maxDepth is the deepest nesting of arrays and maps the format needs
	// (it needs six: body, train, best, layers, a layer, its weights),
	// with room to spare for later versions.
	maxDepth = 32
)

// signature is the start of every checkpoint: a three-element array and
// the string "DLAB".
var signature = []byte{0x93, 0xa4, 'D', 'L', 'A', 'B'}
