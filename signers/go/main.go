// The signer as a standalone HTTP server: meetingsdk.Endpoint on net/http. Standard library only.
//
//	cd signers/go && ZOOM_MEETING_SDK_KEY=… ZOOM_MEETING_SDK_SECRET=… PORT=8897 go run .
package main

import (
	"log"
	"net/http"
	"os"
	"time"

	"zoomsigner/meetingsdk"
)

func main() {
	host, port := os.Getenv("HOST"), os.Getenv("PORT")
	if host == "" {
		host = "127.0.0.1"
	}
	if port == "" {
		port = "8897"
	}
	server := &http.Server{
		Addr:    host + ":" + port,
		Handler: http.HandlerFunc(meetingsdk.Endpoint),
		// Read deadlines: a client that stops mid-request is dropped after 10 s (headers, then the whole request with
		// its body); each connection has a goroutine of its own, so a stalled one never holds up the others.
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
	}
	log.Fatal(server.ListenAndServe())
}
