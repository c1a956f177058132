package assets

import (
	"fmt"
	"strings"
)

// parseResults reads examples/RESULTS: one line per example, its name, a
// tab and the last line `delaylab train` printed for it,
//
//	xor	test accuracy 0.9960 (996/1000)
//
// and returns per name the samples right and the samples tested. The
// counts, not the rounded accuracy, are what the line is read for: they
// are exact.
func parseResults(text string) (map[string][2]int, error) {
	out := map[string][2]int{}
	for i, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		name, last, ok := strings.Cut(line, "\t")
		if !ok || name == "" {
			return nil, fmt.Errorf("line %d %q: want a name, a tab and train's last line", i+1, line)
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("line %d: %s a second time", i+1, name)
		}
		var acc float64
		var right, total int
		if n, err := fmt.Sscanf(last, "test accuracy %f (%d/%d)", &acc, &right, &total); n != 3 || err != nil {
			return nil, fmt.Errorf("line %d %q: want \"test accuracy A (RIGHT/TOTAL)\"", i+1, line)
		}
		if total <= 0 || right < 0 || right > total {
			return nil, fmt.Errorf("line %d: %d right of %d", i+1, right, total)
		}
		if fmt.Sprintf("test accuracy %.4f (%d/%d)", float64(right)/float64(total), right, total) != last {
			return nil, fmt.Errorf("line %d %q: the accuracy is not %d/%d", i+1, line, right, total)
		}
		out[name] = [2]int{right, total}
	}
	return out, nil
}
