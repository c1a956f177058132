// Package checkpoint reads and writes DelayLab's files: the versioned .dlab
// checkpoint, the net.json interchange and share links.
package checkpoint
