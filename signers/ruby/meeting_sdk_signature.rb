# frozen_string_literal: true

# The whole Zoom Meeting SDK signature: an HS256 JWT, written out so that every signed byte is visible.
# Copy this file into any Ruby backend (Rails: app/lib/meeting_sdk_signature.rb). Standard library only.
# The tokens are byte-identical to this repository's other signers: signers/vectors.json proves it in CI.
require 'json'
require 'openssl'

module MeetingSdkSignature
  # Zoom rejects signatures whose clock runs ahead of its own; back-dating iat by 30 s absorbs small skew.
  IAT_BACKDATE_SECONDS = 30
  # Zoom's bounds on a signature's lifetime (exp - iat).
  MIN_EXPIRATION_SECONDS = 1800
  MAX_EXPIRATION_SECONDS = 172_800
  # A signature is a bearer credential until it expires: at most 4 h unless ZOOM_MAX_EXPIRATION_SECONDS says more,
  # so a leaked one is not good for two days.
  MAX_EXPIRATION_VARIABLE = 'ZOOM_MAX_EXPIRATION_SECONDS'
  DEFAULT_MAX_EXPIRATION_SECONDS = 14_400
  # A lifetime left out: 2 h, or the ceiling when that is lower (a site capping signatures at 1 h still signs).
  DEFAULT_EXPIRATION_SECONDS = 7200
  # Whitespace as JavaScript's trim() and \s see it, so settings read exactly as in this repository's Netlify function.
  WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
  TRIM = /\A[#{WHITESPACE}]+|[#{WHITESPACE}]+\z/

  # A setting this signer will not work with. The message names the variable and what it takes, never its value.
  class SettingError < StandardError; end

  module_function

  # The variable's value, trimmed: a secret pasted with a trailing newline signs differently from the real one.
  def env_value(name)
    ENV.fetch(name, '').dup.force_encoding(Encoding::UTF_8).scrub("\uFFFD").gsub(TRIM, '')
  end

  # The longest lifetime sign hands out: ZOOM_MAX_EXPIRATION_SECONDS, whole seconds within Zoom's bounds, or 4 h
  # when unset. Anything else raises SettingError: a typo must not quietly sign for longer than meant.
  def max_expiration_seconds
    text = env_value(MAX_EXPIRATION_VARIABLE)
    return DEFAULT_MAX_EXPIRATION_SECONDS if text.empty?
    return text.to_i if text.match?(/\A[0-9]+\z/) && text.to_i.between?(MIN_EXPIRATION_SECONDS, MAX_EXPIRATION_SECONDS)

    raise SettingError, "#{MAX_EXPIRATION_VARIABLE} is not valid: set a whole number of seconds from " \
                        "#{MIN_EXPIRATION_SECONDS} to #{MAX_EXPIRATION_SECONDS}, or leave it unset for #{DEFAULT_MAX_EXPIRATION_SECONDS}."
  end

  # The lifetime of a signature whose caller names none: 2 h, or the ceiling when lower.
  def default_expiration_seconds(ceiling = max_expiration_seconds) = [DEFAULT_EXPIRATION_SECONDS, ceiling].min

  # Returns [jwt, exp]. meeting_number: digits only (strip spaces and dashes first); role: 0 attendee, 1 host;
  # expiration_seconds: 1800..172800, Zoom's limits, and at most max_expiration_seconds (ArgumentError above it,
  # never shortened); nil (left out): default_expiration_seconds, 2 h or the ceiling when lower;
  # video_webrtc_mode: nil (left out), 0 or 1.
  def sign(sdk_key:, secret:, meeting_number:, role:, expiration_seconds: nil, video_webrtc_mode: nil, now: Time.now)
    ceiling = max_expiration_seconds
    expiration_seconds ||= default_expiration_seconds(ceiling)
    if expiration_seconds > ceiling
      raise ArgumentError, "expiration_seconds #{expiration_seconds} is above #{MAX_EXPIRATION_VARIABLE} (#{ceiling})"
    end

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
