package assets

import "embed"

// files are the example checkpoints and their records, as
// scripts/make-examples.sh writes them.
//
//go:embed examples/*.dlab examples/RESULTS examples/MANIFEST
var files embed.FS

// dir is where files keeps them.
const dir = "examples"
