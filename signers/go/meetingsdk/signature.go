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
	"time"
)

// IatBackdateSeconds: Zoom rejects signatures whose clock runs ahead of its own; back-dating iat absorbs small skew.
const IatBackdateSeconds = 30

// Input: MeetingNumber digits only (strip spaces and dashes first); Role 0 attendee, 1 host; ExpirationSeconds
// 1800..172800, Zoom's limits (0: 7200); VideoWebRtcMode nil (left out), 0 or 1; Now zero: time.Now().
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

// Sign returns the JWT and its exp (seconds since 1970).
func Sign(in Input) (token string, exp int64) {
	now := in.Now
	if now.IsZero() {
		now = time.Now()
	}
	seconds := in.ExpirationSeconds
	if seconds == 0 {
		seconds = 7200
	}
	iat := now.Unix() - IatBackdateSeconds
	exp = iat + seconds
	header := compactJSON(map[string]string{"alg": "HS256", "typ": "JWT"}) // maps marshal in key order: alg, typ
	payload := compactJSON(claims{in.SDKKey, in.SDKKey, in.MeetingNumber, in.Role, iat, exp, exp, in.VideoWebRtcMode})
	unsigned := base64url(header) + "." + base64url(payload)
	mac := hmac.New(sha256.New, []byte(in.Secret))
	mac.Write([]byte(unsigned))
	return unsigned + "." + base64url(mac.Sum(nil)), exp
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
