// Package sitrep holds the domain types of the sitrep engine — articles and what is extracted from
// them (mentions, actors, time expressions, quotes, claims, events), the stories and storylines they
// are grouped into, and tracking profiles and their alerts — together with the service interfaces
// that stores implement and the application error type.
//
// The package imports only the standard library; every pipeline stage and store lives in its own
// subpackage and talks to the others through these types.
package sitrep

import (
	"errors"
	"fmt"
)

// Version is the build version, set with -ldflags "-X github.com/sitrep/sitrep.Version=…".
var Version = "dev"

// Application error codes. The HTTP layer maps each code to one status number.
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EUNAUTHORIZED = "unauthorized"
)

// Error is an application error: a code from the list above and a message fit for the end user.
// Errors that are not application errors are shown as "Internal error." and logged.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("sitrep error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an application error with the given code and formatted message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of an application error, EINTERNAL for any other non-nil error and ""
// for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of an application error, "Internal error." for any other
// non-nil error and "" for nil.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}
