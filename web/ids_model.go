package web

// Element ids of the Substrate and Model panels, the edge editor and the
// drop zone (bound in model_js.go and the files next to it). A native test
// checks that index.html has each exactly once.
const (
	idSubstrate      = "substrate"
	idChipSeed       = "chip-seed"
	idChipNoise      = "chip-noise"
	idChipNoiseOut   = "chip-noise-out"
	idChipCompare    = "chip-compare"
	idChipCompareOut = "chip-compare-out"
	idChipEffects    = "chip-effects"
	idDownload       = "download"
	idOpen           = "open"
	idOpenFile       = "open-file"
	idShare          = "share"
	idShareBox       = "share-box"
	idShareLink      = "share-link"
	idShareNote      = "share-note"
	idCSVOpen        = "csv-open"
	idCSVFile        = "csv-file"
	idGradCheck      = "gradcheck"
	idGradCheckOut   = "gradcheck-out"
	idStartFresh     = "start-fresh"
	idAutosave       = "autosave"
	idStorageWarning = "storage-warning"
	idLibrary        = "library"
	idLibraryOpen    = "library-open"
	idLibraryDelete  = "library-delete"
	idExamples       = "examples"
	idExampleAbout   = "example-about"
	idExampleOpen    = "example-open"
	idEdgeForm       = "edge-form"
	idEdgeTitle      = "edge-title"
	idEdgeWeight     = "edge-weight"
	idEdgeDelay      = "edge-delay"
	idEdgeNote       = "edge-note"
	idEdgeClose      = "edge-close"
	idDropZone       = "drop-zone"
	idCompare        = "compare"
	idCompareOut     = "compare-out"
)

var modelIDs = []string{
	idSubstrate, idChipSeed, idChipNoise, idChipNoiseOut, idChipCompare, idChipCompareOut, idChipEffects,
	idDownload, idOpen, idOpenFile, idShare, idShareBox, idShareLink, idShareNote,
	idCSVOpen, idCSVFile, idGradCheck, idGradCheckOut, idStartFresh, idAutosave,
	idStorageWarning, idLibrary, idLibraryOpen, idLibraryDelete, idExamples, idExampleAbout, idExampleOpen, idEdgeForm, idEdgeTitle, idEdgeWeight, idEdgeDelay, idEdgeNote,
	idEdgeClose, idDropZone, idCompare, idCompareOut,
}
