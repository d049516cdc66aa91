// Prints the token for each input of signers/vectors.json (path as the argument), one per line; the tests compare.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"zoomsigner/meetingsdk"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var file struct {
		Vectors []struct {
			Input struct {
				SDKKey            string `json:"sdkKey"`
				Secret            string `json:"secret"`
				MeetingNumber     string `json:"meetingNumber"`
				Role              int    `json:"role"`
				ExpirationSeconds int64  `json:"expirationSeconds"`
				VideoWebRtcMode   *int   `json:"videoWebRtcMode"`
				NowMs             int64  `json:"nowMs"`
			} `json:"input"`
		} `json:"vectors"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		panic(err)
	}
	for _, vector := range file.Vectors {
		in := vector.Input
		token, _, err := meetingsdk.Sign(meetingsdk.Input{
			SDKKey: in.SDKKey, Secret: in.Secret, MeetingNumber: in.MeetingNumber, Role: in.Role,
			ExpirationSeconds: in.ExpirationSeconds, VideoWebRtcMode: in.VideoWebRtcMode, Now: time.UnixMilli(in.NowMs),
		})
		if err != nil {
			panic(err)
		}
		fmt.Println(token)
	}
}
