// POST /api/signature, the same contract as this repository's Netlify function (README, "API"): same validation,
// status codes, JSON errors and headers. Standard library only; main.go serves it, any net/http mux can mount it.

package meetingsdk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"math"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

const (
	signerPath      = "/api/signature"
	maxRequestBytes = 4096
	maxSafeInteger  = 1<<53 - 1
	tooShort        = "must be at least 1800 (30 minutes)"
	tooLong         = "must be at most 172800 (48 hours)"
	originsInvalid  = "ALLOWED_ORIGINS is not valid: list exact origins (scheme://host or scheme://host:port, no path), separated by commas."
	meetingsInvalid = "ZOOM_ALLOWED_MEETINGS is not valid: list meeting numbers of 9 to 11 digits (spaces and dashes are ignored), separated by commas."
)

var (
	knownFields = []string{"meetingNumber", "role", "expirationSeconds", "videoWebRtcMode"}
	// JavaScript's \s plus the dash: invites show "978-759-818" or "978 759 818", Zoom wants the digits.
	separators    = regexp.MustCompile("[" + whitespace + "-]")
	meetingDigits = regexp.MustCompile(`^[0-9]{9,11}$`)
	arrayIndex    = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)
	originSplit   = regexp.MustCompile("[" + whitespace + ",]+")
	// Only commas and lines separate meetings: "978 759 818" is one meeting, as invites write it.
	meetingSplit = regexp.MustCompile(`[,\r\n]`)
	// An origin as browsers send it: lower case, no path. Listed ones are compared as exact strings.
	originPattern = regexp.MustCompile(`^https?://([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:[0-9]{1,5})?$`)
)

// reply is an answer: status, headers, body (nil for none).
type reply struct {
	status  int
	headers map[string]string
	body    []byte
}

// fieldErrors keeps names in the order the function reports them (a Go map has none).
type fieldErrors struct {
	names    []string
	messages map[string][]string
}

func (f *fieldErrors) add(name, message string) {
	if f.messages == nil {
		f.messages = map[string][]string{}
	}
	if _, seen := f.messages[name]; !seen {
		f.names = append(f.names, name)
	}
	f.messages[name] = append(f.messages[name], message)
}

func (f fieldErrors) MarshalJSON() ([]byte, error) {
	var out bytes.Buffer
	out.WriteByte('{')
	for i, name := range f.names {
		if i > 0 {
			out.WriteByte(',')
		}
		key, list := compactJSON(name), compactJSON(f.messages[name])
		out.Write(key)
		out.WriteByte(':')
		out.Write(list)
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}

// javascriptOrder: the function's error lists fields in JavaScript object order, integer-like names first, ascending.
func (f *fieldErrors) javascriptOrder() {
	isIndex := func(name string) bool {
		n, err := strconv.ParseFloat(name, 64)
		return arrayIndex.MatchString(name) && err == nil && n < 4294967295
	}
	sort.SliceStable(f.names, func(i, j int) bool {
		a, b := isIndex(f.names[i]), isIndex(f.names[j])
		if a && b {
			x, _ := strconv.ParseFloat(f.names[i], 64)
			y, _ := strconv.ParseFloat(f.names[j], 64)
			return x < y
		}
		return a && !b
	})
}

func jsonReply(status int, body interface{}, headers map[string]string) reply {
	all := map[string]string{
		"content-type":           "application/json; charset=utf-8",
		"x-content-type-options": "nosniff",
		// A signature is per meeting and per moment: no cache may keep or share one.
		"cache-control": "no-store",
	}
	for name, value := range headers {
		all[name] = value
	}
	// The function's bytes: structs keep its key order (a map would sort them), compactJSON its <, > and &.
	return reply{status, all, compactJSON(body)}
}

type errorDetail struct {
	Code    string       `json:"code"`
	Message string       `json:"message"`
	Fields  *fieldErrors `json:"fields,omitempty"`
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type signatureBody struct {
	Signature string `json:"signature"`
	SDKKey    string `json:"sdkKey"`
	ExpiresAt string `json:"expiresAt"`
}

func errorReply(status int, code, message string, fields *fieldErrors, headers map[string]string) reply {
	return jsonReply(status, errorBody{errorDetail{code, message, fields}}, headers)
}

// settings are checked: origins and meetings empty when not set.
type settings struct {
	origins, meetings []string
	lifetimeCeiling   int64
}

// readSettings checks every setting, in this order, before anything else: a malformed one is a *SettingError, so the
// signer refuses every request rather than guessing what was meant (a space-separated list of meetings, a typo).
func readSettings() (settings, error) {
	var config settings
	for _, item := range originSplit.Split(setting("ALLOWED_ORIGINS"), -1) {
		if item == "" {
			continue
		}
		if !originPattern.MatchString(item) {
			return settings{}, &SettingError{originsInvalid}
		}
		config.origins = append(config.origins, item)
	}
	for _, item := range meetingSplit.Split(setting("ZOOM_ALLOWED_MEETINGS"), -1) {
		meeting := normaliseMeetingNumber(item)
		if meeting == "" {
			continue
		}
		if !meetingDigits.MatchString(meeting) {
			return settings{}, &SettingError{meetingsInvalid}
		}
		config.meetings = append(config.meetings, meeting)
	}
	ceiling, err := LifetimeCeiling()
	config.lifetimeCeiling = ceiling
	return config, err
}

func contains(list []string, value string) bool {
	for _, item := range list {
		if item == value {
			return true
		}
	}
	return false
}

func normaliseMeetingNumber(value string) string { return separators.ReplaceAllString(value, "") }

// handle is the whole request → answer, free of net/http; readBody(limit) returns at most limit + 1 bytes of the body.
func handle(method, path, origin, host, contentType string, contentLength int64, readBody func(int64) []byte) reply {
	if path != signerPath {
		return errorReply(404, "not_found", "This server only answers "+signerPath+".", nil, nil)
	}
	config, err := readSettings()
	if err != nil {
		return errorReply(503, "setting_invalid", err.Error(), nil, nil)
	}
	cors := map[string]string{}
	// Same-origin and server-to-server calls need no CORS; other sites only when listed exactly.
	if origin != "" && origin != "http://"+host && len(config.origins) > 0 {
		if !contains(config.origins, origin) {
			return errorReply(403, "origin_not_allowed", "Pages on "+origin+" may not use this signer (see ALLOWED_ORIGINS).", nil, nil)
		}
		cors = map[string]string{"access-control-allow-origin": origin, "vary": "Origin"}
		if method == http.MethodOptions {
			return reply{204, map[string]string{
				"access-control-allow-origin": origin, "vary": "Origin", "access-control-allow-methods": "POST",
				"access-control-allow-headers": "content-type", "access-control-max-age": "600",
			}, nil}
		}
	}
	answer := sign(config, method, contentType, contentLength, readBody)
	for name, value := range cors {
		answer.headers[name] = value
	}
	return answer
}

func sign(config settings, method, contentType string, contentLength int64, readBody func(int64) []byte) reply {
	if method != http.MethodPost {
		return errorReply(405, "method_not_allowed", "Use POST.", nil, map[string]string{"allow": "POST"})
	}
	key, secret := setting("ZOOM_MEETING_SDK_KEY"), setting("ZOOM_MEETING_SDK_SECRET")
	var missing []string
	if key == "" {
		missing = append(missing, "ZOOM_MEETING_SDK_KEY")
	}
	if secret == "" {
		missing = append(missing, "ZOOM_MEETING_SDK_SECRET")
	}
	if len(missing) > 0 {
		return errorReply(503, "signer_not_configured", "The signer is not configured: set "+strings.Join(missing, " and ")+
			" (your Meeting SDK app's Client ID and Client Secret from the Zoom App Marketplace) in this server's environment.", nil, nil)
	}
	if strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0])) != "application/json" {
		return errorReply(415, "unsupported_media_type", `Send the request body as JSON with "Content-Type: application/json".`, nil, nil)
	}
	tooLarge := errorReply(413, "payload_too_large", fmt.Sprintf("The request body must be at most %d bytes.", maxRequestBytes), nil, nil)
	if contentLength > maxRequestBytes {
		return tooLarge
	}
	raw := readBody(maxRequestBytes)
	if len(raw) > maxRequestBytes {
		return tooLarge
	}
	body, ok := parseJSON(raw)
	if !ok {
		return errorReply(400, "invalid_json", "The request body is not valid JSON.", nil, nil)
	}
	request, fields := validate(body)
	if fields != nil {
		return errorReply(400, "invalid_request", "Check these fields: "+strings.Join(fields.names, ", ")+".", fields, nil)
	}
	if len(config.meetings) > 0 && !contains(config.meetings, request.MeetingNumber) {
		refused := &fieldErrors{}
		refused.add("meetingNumber", "is not one of the meetings this site may join")
		return errorReply(403, "meeting_not_allowed", "This site only serves the meetings listed in ZOOM_ALLOWED_MEETINGS.", refused, nil)
	}
	// Left out: 2 h, or the ceiling when lower (the page leaves it out). Asked for: refused above it, never shortened.
	if request.ExpirationSeconds == 0 {
		request.ExpirationSeconds = DefaultLifetime(config.lifetimeCeiling)
	}
	if request.ExpirationSeconds > config.lifetimeCeiling {
		tooLongHere := &fieldErrors{}
		tooLongHere.add("expirationSeconds", fmt.Sprintf("must be at most %d on this site (%s)", config.lifetimeCeiling, MaxExpirationVariable))
		return errorReply(400, "invalid_request", "Check these fields: expirationSeconds.", tooLongHere, nil)
	}
	request.SDKKey, request.Secret = key, secret
	token, exp, err := Sign(request)
	if err != nil { // the settings were checked above: only an environment changed since gets here
		log.Printf("signer: %v", err)
		return errorReply(500, "internal_error", "The signer failed; see its log.", nil, nil)
	}
	return jsonReply(200, signatureBody{token, key, time.Unix(exp, 0).UTC().Format("2006-01-02T15:04:05.000Z")}, nil)
}

// object is a JSON object with its keys in order (the error names unknown fields in the order they were sent).
type object struct {
	keys   []string
	values map[string]interface{}
}

// parseJSON reads strict JSON as JavaScript's JSON.parse does (a BOM skipped); a nil object means valid JSON that
// is not an object. Numbers stay json.Number: they are judged as JavaScript sees them, not as Go's int types.
func parseJSON(raw []byte) (*object, bool) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if !json.Valid(raw) {
		return nil, false
	}
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.UseNumber()
	if first, _ := decoder.Token(); first != json.Delim('{') {
		return nil, true
	}
	body := &object{values: map[string]interface{}{}}
	for decoder.More() {
		token, _ := decoder.Token()
		name, _ := token.(string)
		var value interface{}
		if err := decoder.Decode(&value); err != nil {
			return nil, false
		}
		if _, seen := body.values[name]; !seen {
			body.keys = append(body.keys, name)
		}
		body.values[name] = value
	}
	return body, true
}

func number(value interface{}) (float64, bool) {
	text, ok := value.(json.Number)
	if !ok {
		return 0, false
	}
	n, _ := strconv.ParseFloat(string(text), 64) // out of range: ±Inf or 0, as JavaScript reads it
	return n, true
}

func isWhole(n float64) bool { return !math.IsInf(n, 0) && !math.IsNaN(n) && n == math.Floor(n) }

// validate returns the request, or the field errors with the function's messages, in its order.
func validate(body *object) (Input, *fieldErrors) {
	fields := &fieldErrors{}
	if body == nil {
		fields.add("body", "must be a JSON object")
		return Input{}, fields
	}
	var request Input

	if value, present := body.values["meetingNumber"]; !present {
		fields.add("meetingNumber", "is required")
	} else if text, ok := meetingNumberText(value); !ok {
		fields.add("meetingNumber", "must be a string or a number")
	} else if normalised := normaliseMeetingNumber(text); !meetingDigits.MatchString(normalised) {
		fields.add("meetingNumber", "must be 9 to 11 digits (spaces and dashes are ignored)")
	} else {
		request.MeetingNumber = normalised
	}

	if value, present := body.values["role"]; !present {
		fields.add("role", "is required")
	} else if role, ok := zeroOrOne(value); !ok {
		fields.add("role", "must be 0 (attendee) or 1 (host)")
	} else {
		request.Role = role
	}

	// Left out (0): sign picks the default, which depends on the ceiling.
	if value, present := body.values["expirationSeconds"]; present {
		seconds, problems := expirationSeconds(value)
		for _, problem := range problems {
			fields.add("expirationSeconds", problem)
		}
		request.ExpirationSeconds = seconds
	}

	if value, present := body.values["videoWebRtcMode"]; present {
		if mode, ok := zeroOrOne(value); ok {
			request.VideoWebRtcMode = &mode
		} else {
			fields.add("videoWebRtcMode", "must be 0 or 1")
		}
	}

	for _, name := range body.keys {
		if !contains(knownFields, name) {
			fields.add(name, "is not an accepted field")
		}
	}
	if len(fields.names) > 0 {
		fields.javascriptOrder()
		return Input{}, fields
	}
	return request, nil
}

// meetingNumberText takes a number as JavaScript's String(number) writes it: only whole 9-to-11-digit values pass.
func meetingNumberText(value interface{}) (string, bool) {
	if text, ok := value.(string); ok {
		return text, true
	}
	if n, ok := number(value); ok {
		if isWhole(n) && math.Abs(n) < 1e11 {
			return strconv.FormatFloat(math.Abs(n), 'f', 0, 64), true
		}
		return "not digits", true
	}
	return "", false
}

// zeroOrOne: Zoom's auth sample coerces strings, so its clients send "0"/"1"; exactly those strings count as numbers.
func zeroOrOne(value interface{}) (int, bool) {
	if n, ok := number(value); ok && (n == 0 || n == 1) {
		return int(n), true
	}
	switch value {
	case "0":
		return 0, true
	case "1":
		return 1, true
	}
	return 0, false
}

// expirationSeconds takes a JSON number or a string of digits (Zoom's sample clients send "3600").
func expirationSeconds(value interface{}) (int64, []string) {
	const whole = "must be a whole number of seconds"
	n, ok := number(value)
	if text, isText := value.(string); isText && digits.MatchString(text) {
		n, _ = strconv.ParseFloat(text, 64)
		ok = true
	}
	if !ok || !isWhole(n) {
		return 0, []string{whole}
	}
	// Beyond 2^53 a number is no longer exact: the function names both problems.
	if math.Abs(n) > maxSafeInteger {
		if n > 0 {
			return 0, []string{whole, tooLong}
		}
		return 0, []string{whole, tooShort}
	}
	if n < MinExpirationSeconds {
		return 0, []string{tooShort}
	}
	if n > MaxExpirationSeconds {
		return 0, []string{tooLong}
	}
	return int64(n), nil
}

// Endpoint answers POST /api/signature (and refuses everything else) as the contract says; mount it on any mux.
func Endpoint(w http.ResponseWriter, r *http.Request) {
	answer := handle(r.Method, r.URL.Path, r.Header.Get("Origin"), r.Host, r.Header.Get("Content-Type"), r.ContentLength,
		func(limit int64) []byte {
			data, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
			if err != nil {
				// The body never came whole (past the server's read deadline, or the client left): nothing to answer.
				panic(http.ErrAbortHandler)
			}
			return data
		})
	for name, value := range answer.headers {
		w.Header().Set(name, value)
	}
	w.WriteHeader(answer.status)
	w.Write(answer.body)
}
