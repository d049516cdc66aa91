# frozen_string_literal: true

# Prints the token for each input of signers/vectors.json (path as the argument), one per line; the tests compare.
require 'json'
require_relative 'meeting_sdk_signature'

JSON.parse(File.read(ARGV.fetch(0)))['vectors'].each do |vector|
  input = vector['input']
  token, = MeetingSdkSignature.sign(
    sdk_key: input['sdkKey'],
    secret: input['secret'],
    meeting_number: input['meetingNumber'],
    role: input['role'],
    expiration_seconds: input['expirationSeconds'],
    video_webrtc_mode: input['videoWebRtcMode'],
    now: Time.at(0, input['nowMs'], :millisecond)
  )
  puts token
end
