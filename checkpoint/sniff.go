package checkpoint

import (
	"bytes"

	"github.com/tinylib/msgp/msgp"
)

// SniffLen is how many leading bytes Sniff needs to recognise a file.
const SniffLen = 16

// Sniff reports whether head, the first bytes of a file (SniffLen or all
// of a shorter file), start like a checkpoint, and the format version they
// name (0 if head ends before it, or it is not a small positive integer).
// It lets a reader of other formats (net.json, CSV) tell a user that they
// gave it a checkpoint, without decoding one.
func Sniff(head []byte) (isCheckpoint bool, version int) {
	if len(head) < len(signature) || !bytes.Equal(head[:len(signature)], signature) {
		return false, 0
	}
	v, _, err := msgp.ReadInt64Bytes(head[len(signature):])
	if err != nil || v < 1 || v > 1<<20 {
		return true, 0
	}
	return true, int(v)
}
