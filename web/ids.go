package web

// Element ids of static/index.html that the Go bridge binds. A native test
// checks that the page has every one, so a renamed element fails `go test`
// rather than silently unbinding a control in the browser.
const (
	idPlay         = "play"
	idStep         = "step"
	idReset        = "reset"
	idHelpOpen     = "help-open"
	idHelp         = "help"
	idHelpClose    = "help-close"
	idStatus       = "status"
	idMessage      = "message"
	idMessageText  = "message-text"
	idMessageClose = "message-close"
	idPanel        = "panel"
	idPreset       = "preset"
	idDataset      = "dataset"
	idHidden       = "hidden"
	idDelays       = "delays"
	idNeuron       = "neuron"
	idLoss         = "loss"
	idProtocol     = "protocol"
	idLRWeights    = "lr-weights"
	idLRDelays     = "lr-delays"
	idBatch        = "batch"
	idSeed         = "seed"
	idSample       = "sample"
	idSpeed        = "speed"
	idTime         = "time"
	idTimeOut      = "time-out"
	idRunBar       = "run-bar"
	idControls     = "controls"
	idDrawer       = "controls-toggle"
)

var elementIDs = []string{
	idPlay, idStep, idReset, idHelpOpen, idHelp, idHelpClose, idStatus,
	idMessage, idMessageText, idMessageClose, idPanel, idPreset, idDataset,
	idHidden, idDelays, idNeuron, idLoss, idProtocol, idLRWeights, idLRDelays, idBatch,
	idSeed, idSample, idSpeed, idTime, idTimeOut, idRunBar, idControls, idDrawer,
}
