package app

import (
	"errors"
	"strings"
)

// FieldMessage is err as the page says it beside the control that caused
// it: without the "invalid setting" tag (the field is marked invalid
// already), as a sentence.
func FieldMessage(err error) string {
	msg := strings.TrimSpace(strings.TrimPrefix(err.Error(), ErrSetting.Error()+": "))
	if msg == "" {
		return "This value cannot be used."
	}
	if r := msg[0]; 'a' <= r && r <= 'z' {
		msg = string(r-'a'+'A') + msg[1:] // not τ: Τm would be another symbol
	}
	if !strings.ContainsAny(msg[len(msg)-1:], ".!?") {
		msg += "."
	}
	return msg
}

// EdgeFieldError is an edit of the edge editor refused because of one of
// its fields: the weight, or (Delay) the delay.
type EdgeFieldError struct {
	Delay bool
	Err   error
}

func (e *EdgeFieldError) Error() string { return e.Err.Error() }
func (e *EdgeFieldError) Unwrap() error { return e.Err }

// edgeField marks err as the weight's or the delay's.
func edgeField(delay bool, err error) error {
	if err == nil || errors.As(err, new(*EdgeFieldError)) {
		return err
	}
	return &EdgeFieldError{Delay: delay, Err: err}
}
