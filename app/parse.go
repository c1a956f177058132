package app

import (
	"strconv"
	"strings"
)

// The page's controls deliver text; these helpers turn it into command
// arguments so that a typo is reported by the same path as any other
// invalid setting (an error wrapping ErrSetting, model untouched).

// ParseHidden reads hidden layer sizes written like "30" or "30, 20". An
// empty field is an error, as a size of 0 is: every network on the page
// has a hidden layer, and a field left empty is more likely a slip.
func ParseHidden(text string) ([]int, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, badSetting("hidden sizes: the field is empty; give one size per hidden layer, e.g. 30 or 20, 10")
	}
	fields := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' })
	out := make([]int, 0, len(fields))
	for _, f := range fields {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, badSetting("hidden sizes %q: %q is not a whole number", text, f)
		}
		out = append(out, n)
	}
	return out, nil
}

// ParseFloat reads a number typed into a control.
func ParseFloat(name, text string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err != nil || !finite(v) {
		return 0, badSetting("%s %q is not a number", name, text)
	}
	return v, nil
}

// ParseInt reads a whole number typed into a control.
func ParseInt(name, text string) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil {
		return 0, badSetting("%s %q is not a whole number", name, text)
	}
	return v, nil
}

// ParseSeed reads a seed (a non-negative whole number).
func ParseSeed(text string) (uint64, error) { return ParseNamedSeed("seed", text) }

// ParseNamedSeed is ParseSeed for a seed with another name ("chip seed").
func ParseNamedSeed(name, text string) (uint64, error) {
	v, err := strconv.ParseUint(strings.TrimSpace(text), 10, 64)
	if err != nil {
		return 0, badSetting("%s %q is not a non-negative whole number", name, text)
	}
	return v, nil
}
