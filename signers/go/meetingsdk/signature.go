// Package meetingsdk is the whole Zoom Meeting SDK signature: an HS256 JWT, written out so that every signed byte
// is visible. Copy this file into any Go module (for example internal/meetingsdk/). Standard library only. The
// tokens are byte-identical to this repository's other signers: signers/vectors.json proves it in CI.
package meetingsdk

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

const (
	// IatBackdateSeconds: Zoom rejects signatures whose clock runs ahead of its own; back-dating iat absorbs small skew.
	IatBackdateSeconds = 30
	// MinExpirationSeconds and MaxExpirationSeconds are Zoom's bounds on a signature's lifetime (exp - iat).
	MinExpirationSeconds = 1800
	MaxExpirationSeconds = 172800
	// A signature is a bearer credential until it expires: at most 4 h unless ZOOM_MAX_EXPIRATION_SECONDS says more,
	// so a leaked one is not good for two days.
	MaxExpirationVariable       = "ZOOM_MAX_EXPIRATION_SECONDS"
	DefaultMaxExpirationSeconds = 14400
	// DefaultExpirationSeconds is a lifetime left out: 2 h, or the ceiling when that is lower (a site capping
	// signatures at 1 h still signs).
	DefaultExpirationSeconds = 7200
	// whitespace as JavaScript's trim() and \s see it, so settings read exactly as in this repository's Netlify function.
	whitespace = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)

var digits = regexp.MustCompile(`^[0-9]+$`)

// SettingError is a setting this signer will not work with. Its message names the variable and what it takes, never
// its value.
type SettingError struct{ message string }

func (e *SettingError) Error() string { return e.message }

// setting is the variable's value, trimmed: a secret pasted with a trailing newline signs differently from the real one.
func setting(name string) string { return strings.Trim(os.Getenv(name), whitespace) }

// LifetimeCeiling is the longest lifetime Sign hands out: ZOOM_MAX_EXPIRATION_SECONDS, whole seconds within Zoom's
// bounds, or 4 h when unset. Anything else is a *SettingError: a typo must not quietly sign for longer than meant.
func LifetimeCeiling() (int64, error) {
	text := setting(MaxExpirationVariable)
	if text == "" {
		return DefaultMaxExpirationSeconds, nil
	}
	// Digits only (ParseInt would also take "+1"); leading zeros are fine, and too many digits fail to parse.
	if seconds, err := strconv.ParseInt(text, 10, 64); err == nil && digits.MatchString(text) &&
		seconds >= MinExpirationSeconds && seconds <= MaxExpirationSeconds {
		return seconds, nil
	}
	return 0, &SettingError{fmt.Sprintf("%s is not valid: set a whole number of seconds from %d to %d, or leave it unset for %d.",
		MaxExpirationVariable, MinExpirationSeconds, MaxExpirationSeconds, DefaultMaxExpirationSeconds)}
}

// DefaultLifetime is the lifetime of a signature whose caller names none: 2 h, or the ceiling when lower.
func DefaultLifetime(ceiling int64) int64 {
	if ceiling < DefaultExpirationSeconds {
		return ceiling
	}
	return DefaultExpirationSeconds
}

// Input: MeetingNumber digits only (strip spaces and dashes first); Role 0 attendee, 1 host; ExpirationSeconds
// 1800..172800, Zoom's limits, and at most LifetimeCeiling() (an error above it, never shortened), 0 (left out):
// DefaultLifetime(LifetimeCeiling()), 2 h or the ceiling when lower; VideoWebRtcMode nil (left out), 0 or 1; Now
// zero: time.Now().
type Input struct {
	SDKKey            string
	Secret            string
	MeetingNumber     string
	Role              int
	ExpirationSeconds int64
	VideoWebRtcMode   *int
	Now               time.Time
}

// Zoom reads the claims by name, but the order is kept identical in every language so tokens compare byte for byte.
type claims struct {
	AppKey          string `json:"appKey"` // required since Meeting SDK 5.0
	SDKKey          string `json:"sdkKey"`
	MN              string `json:"mn"`
	Role            int    `json:"role"`
	Iat             int64  `json:"iat"`
	Exp             int64  `json:"exp"`
	TokenExp        int64  `json:"tokenExp"`
	VideoWebRtcMode *int   `json:"video_webrtc_mode,omitempty"`
}

// Sign returns the JWT and its exp (seconds since 1970), or an error for a lifetime above LifetimeCeiling() (or that
// ceiling's *SettingError).
func Sign(in Input) (token string, exp int64, err error) {
	now := in.Now
	if now.IsZero() {
		now = time.Now()
	}
	ceiling, err := LifetimeCeiling()
	if err != nil {
		return "", 0, err
	}
	seconds := in.ExpirationSeconds
	if seconds == 0 {
		seconds = DefaultLifetime(ceiling)
	}
	if seconds > ceiling {
		return "", 0, fmt.Errorf("meetingsdk: ExpirationSeconds %d is above %s (%d)", seconds, MaxExpirationVariable, ceiling)
	}
	iat := now.Unix() - IatBackdateSeconds
	exp = iat + seconds
	header := compactJSON(map[string]string{"alg": "HS256", "typ": "JWT"}) // maps marshal in key order: alg, typ
	payload := compactJSON(claims{in.SDKKey, in.SDKKey, in.MeetingNumber, in.Role, iat, exp, exp, in.VideoWebRtcMode})
	unsigned := base64url(header) + "." + base64url(payload)
	mac := hmac.New(sha256.New, []byte(in.Secret))
	mac.Write([]byte(unsigned))
	return unsigned + "." + base64url(mac.Sum(nil)), exp, nil
}

// compactJSON writes JSON.stringify's bytes: json.Marshal would turn <, > and & into \u003c and so on.
func compactJSON(value interface{}) []byte {
	var out bytes.Buffer
	encoder := json.NewEncoder(&out)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(value); err != nil {
		panic(err) // strings and numbers only: cannot fail
	}
	return bytes.TrimSuffix(out.Bytes(), []byte("\n"))
}

func base64url(data []byte) string {
	return base64.RawURLEncoding.EncodeToString(data)
}
