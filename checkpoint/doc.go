// Package checkpoint reads and writes DelayLab's files: the versioned .dlab
// checkpoint, the net.json interchange and share links.
//
// # Checkpoints
//
// A .dlab file is MessagePack (tinylib/msgp, generated code in
// file_gen.go) holding the network, the recipe, the complete training
// state (Adam moments, epoch, position in the shuffled epoch, weight-bump
// state, the shuffling generator), the data set, the chip instance and the
// metrics history, so that training resumes bit for bit. The layout, the
// compatibility rules and the limits that protect readers from hostile
// files are described on Version.
//
// # Interchange
//
// net.json, a plain JSON description of a trained network for other tools,
// lives in the subpackage netjson; ExportNet and ImportNet here convert
// between it and a File.
//
// # Share links
//
// ShareFragment packs a model, its recipe, data set and training record
// (epochs, accuracies, quantised curves) into a URL fragment (#m=...):
// float32 parameters, deflate, base64url. ParseShareFragment checks it like
// a file, and reads the links of every earlier version.
//
// Readers and writers take io.Reader, io.Writer or []byte, never file
// names; errors are typed (see errors.go).
package checkpoint
