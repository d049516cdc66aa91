# frozen_string_literal: true

# The whole Zoom Meeting SDK signature: an HS256 JWT, written out so that every signed byte is visible.
# Copy this file into any Ruby backend (Rails: app/lib/meeting_sdk_signature.rb). Standard library only.
# The tokens are byte-identical to this repository's other signers: signers/vectors.json proves it in CI.
require 'json'
require 'openssl'

module MeetingSdkSignature
  # Zoom rejects signatures whose clock runs ahead of its own; back-dating iat by 30 s absorbs small skew.
  IAT_BACKDATE_SECONDS = 30

  module_function

  # Returns [jwt, exp]. meeting_number: digits only (strip spaces and dashes first); role: 0 attendee, 1 host;
  # expiration_seconds: 1800..172800, Zoom's limits; video_webrtc_mode: nil (left out), 0 or 1.
  def sign(sdk_key:, secret:, meeting_number:, role:, expiration_seconds: 7200, video_webrtc_mode: nil, now: Time.now)
    iat = now.to_i - IAT_BACKDATE_SECONDS
    exp = iat + expiration_seconds
    header = { alg: 'HS256', typ: 'JWT' }
    # Zoom reads these by name, but the order is kept identical in every language so tokens compare byte for byte.
    claims = {
      appKey: sdk_key, # required since Meeting SDK 5.0
      sdkKey: sdk_key,
      mn: meeting_number,
      role: role,
      iat: iat,
      exp: exp,
      tokenExp: exp
    }
    claims[:video_webrtc_mode] = video_webrtc_mode unless video_webrtc_mode.nil?
    unsigned = "#{base64url(JSON.generate(header))}.#{base64url(JSON.generate(claims))}"
    ["#{unsigned}.#{base64url(OpenSSL::HMAC.digest('SHA256', secret, unsigned))}", exp]
  end

  # JWTs use base64url without padding. (Not Base64.urlsafe_encode64: base64 leaves the default gems in Ruby 3.4.)
  def base64url(bytes)
    [bytes].pack('m0').tr('+/', '-_').delete('=')
  end
end
