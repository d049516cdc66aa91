# frozen_string_literal: true

# POST /api/signature, the same contract as this repository's Netlify function (README, "API"): same validation,
# status codes, JSON errors and headers, free of any web framework (server.rb serves it with WEBrick; a Rails
# controller can call SignatureEndpoint.handle too). Standard library only.
require 'json'
require_relative 'meeting_sdk_signature'

module SignatureEndpoint
  include MeetingSdkSignature # its constants (Zoom's bounds, WHITESPACE, SettingError)

  PATH = '/api/signature'
  MAX_REQUEST_BYTES = 4096
  MAX_SAFE_INTEGER = 2**53 - 1
  FIELDS = %w[meetingNumber role expirationSeconds videoWebRtcMode].freeze
  # JavaScript's \s plus the dash: invites show "978-759-818" or "978 759 818", Zoom wants the digits.
  SEPARATORS = /[#{WHITESPACE}-]/
  # An origin as browsers send it: lower case, no path. Listed ones are compared as exact strings.
  ORIGIN = %r{\Ahttps?://([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:[0-9]{1,5})?\z}
  MEETING_DIGITS = /\A[0-9]{9,11}\z/
  ORIGINS_INVALID = 'ALLOWED_ORIGINS is not valid: list exact origins (scheme://host or scheme://host:port, no path), ' \
                    'separated by commas.'
  MEETINGS_INVALID = 'ZOOM_ALLOWED_MEETINGS is not valid: list meeting numbers of 9 to 11 digits (spaces and dashes ' \
                     'are ignored), separated by commas.'
  JSON_HEADERS = {
    'content-type' => 'application/json; charset=utf-8',
    'x-content-type-options' => 'nosniff',
    # A signature is per meeting and per moment: no cache may keep or share one.
    'cache-control' => 'no-store'
  }.freeze

  # An answer: status, headers, body (nil for none).
  Reply = Struct.new(:status, :headers, :body)
  # The settings, checked: origins and meetings empty when not set.
  Settings = Struct.new(:origins, :meetings, :max_expiration_seconds)

  module_function

  def env(name) = MeetingSdkSignature.env_value(name)

  def normalise_meeting_number(value) = value.gsub(SEPARATORS, '')

  # Every setting, checked in this order before anything else: a malformed one raises SettingError, so the signer
  # refuses every request rather than guessing what was meant (a space-separated list of meetings, a typo).
  def settings
    origins = env('ALLOWED_ORIGINS').split(/[#{WHITESPACE},]+/).reject(&:empty?)
    raise SettingError, ORIGINS_INVALID unless origins.all? { |origin| origin.match?(ORIGIN) }

    # Only commas and lines separate meetings: "978 759 818" is one meeting, as invites write it.
    meetings = env('ZOOM_ALLOWED_MEETINGS').split(/[,\r\n]/).map { |m| normalise_meeting_number(m) }.reject(&:empty?)
    raise SettingError, MEETINGS_INVALID unless meetings.all? { |meeting| meeting.match?(MEETING_DIGITS) }

    Settings.new(origins, meetings, MeetingSdkSignature.max_expiration_seconds)
  end

  def json(status, body, headers = {})
    Reply.new(status, JSON_HEADERS.merge(headers), JSON.generate(body))
  end

  def error(status, code, message, fields: nil, headers: {})
    body = { code: code, message: message }
    body[:fields] = fields if fields
    json(status, { error: body }, headers)
  end

  # The whole request → answer.
  # read_body.(limit) returns at most limit + 1 bytes of the body.
  def handle(method:, path:, origin:, host:, content_type:, content_length:, read_body:)
    return error(404, 'not_found', "This server only answers #{PATH}.") unless path == PATH

    begin
      config = settings
    rescue SettingError => e
      return error(503, 'setting_invalid', e.message)
    end
    cors = {}
    # Same-origin and server-to-server calls need no CORS; other sites only when listed exactly.
    if origin && !origin.empty? && origin != "http://#{host}" && !config.origins.empty?
      unless config.origins.include?(origin)
        return error(403, 'origin_not_allowed', "Pages on #{origin} may not use this signer (see ALLOWED_ORIGINS).")
      end

      cors = { 'access-control-allow-origin' => origin, 'vary' => 'Origin' }
      if method == 'OPTIONS'
        return Reply.new(204, cors.merge('access-control-allow-methods' => 'POST',
                                         'access-control-allow-headers' => 'content-type',
                                         'access-control-max-age' => '600'), nil)
      end
    end
    reply = sign(config, method, content_type, content_length, read_body)
    reply.headers = reply.headers.merge(cors)
    reply
  end

  def sign(config, method, content_type, content_length, read_body)
    return error(405, 'method_not_allowed', 'Use POST.', headers: { 'allow' => 'POST' }) unless method == 'POST'

    key = env('ZOOM_MEETING_SDK_KEY')
    secret = env('ZOOM_MEETING_SDK_SECRET')
    missing = { 'ZOOM_MEETING_SDK_KEY' => key, 'ZOOM_MEETING_SDK_SECRET' => secret }.select { |_, v| v.empty? }.keys
    unless missing.empty?
      return error(503, 'signer_not_configured',
                   "The signer is not configured: set #{missing.join(' and ')} (your Meeting SDK app's Client ID " \
                   "and Client Secret from the Zoom App Marketplace) in this server's environment.")
    end
    unless content_type.to_s.split(';').first.to_s.strip.downcase == 'application/json'
      return error(415, 'unsupported_media_type',
                   'Send the request body as JSON with "Content-Type: application/json".')
    end
    too_large = error(413, 'payload_too_large', "The request body must be at most #{MAX_REQUEST_BYTES} bytes.")
    return too_large if content_length && content_length > MAX_REQUEST_BYTES

    raw = read_body.call(MAX_REQUEST_BYTES)
    return too_large if raw.bytesize > MAX_REQUEST_BYTES

    body = parse_json(raw)
    return error(400, 'invalid_json', 'The request body is not valid JSON.') if body == :invalid

    request, fields = validate(body)
    if fields
      return error(400, 'invalid_request', "Check these fields: #{fields.keys.join(', ')}.", fields: fields)
    end

    unless config.meetings.empty? || config.meetings.include?(request[:meeting_number])
      return error(403, 'meeting_not_allowed', 'This site only serves the meetings listed in ZOOM_ALLOWED_MEETINGS.',
                   fields: { meetingNumber: ['is not one of the meetings this site may join'] })
    end
    ceiling = config.max_expiration_seconds
    # Left out: 2 h, or the ceiling when lower (the page leaves it out). Asked for: refused above it, never shortened.
    request[:expiration_seconds] ||= MeetingSdkSignature.default_expiration_seconds(ceiling)
    if request[:expiration_seconds] > ceiling
      return error(400, 'invalid_request', 'Check these fields: expirationSeconds.',
                   fields: { expirationSeconds: ["must be at most #{ceiling} on this site (#{MAX_EXPIRATION_VARIABLE})"] })
    end

    token, exp = MeetingSdkSignature.sign(sdk_key: key, secret: secret, **request)
    json(200, { signature: token, sdkKey: key, expiresAt: Time.at(exp).utc.strftime('%Y-%m-%dT%H:%M:%S.000Z') })
  end

  # Strict JSON, as JavaScript's JSON.parse reads it (Ruby's parser would also take /* comments */).
  def parse_json(raw)
    text = raw.dup.force_encoding(Encoding::UTF_8).scrub("\uFFFD").delete_prefix("\uFEFF")
    return :invalid if text.gsub(/"(?:[^"\\]|\\.)*"/m, '""').include?('/')

    JSON.parse(text, max_nesting: false)
  rescue JSON::ParserError
    :invalid
  end

  # [request, nil] or [nil, { field => [messages] }], with the function's messages, in its order.
  def validate(body)
    return [nil, { 'body' => ['must be a JSON object'] }] unless body.is_a?(Hash)

    fields = {}
    add = ->(name, message) { (fields[name] ||= []) << message }
    request = {}

    meeting_number = meeting_number_text(body.fetch('meetingNumber', :missing))
    if meeting_number == :missing then add.('meetingNumber', 'is required')
    elsif meeting_number.nil? then add.('meetingNumber', 'must be a string or a number')
    elsif !normalise_meeting_number(meeting_number).match?(/\A[0-9]{9,11}\z/)
      add.('meetingNumber', 'must be 9 to 11 digits (spaces and dashes are ignored)')
    else request[:meeting_number] = normalise_meeting_number(meeting_number)
    end

    role = zero_or_one(body.fetch('role', :missing))
    if role == :missing then add.('role', 'is required')
    elsif role.nil? then add.('role', 'must be 0 (attendee) or 1 (host)')
    else request[:role] = role
    end

    if body.key?('expirationSeconds') # left out: sign picks the default, which depends on the ceiling
      seconds, problems = expiration_seconds(body['expirationSeconds'])
      problems.each { |message| add.('expirationSeconds', message) }
      request[:expiration_seconds] = seconds if problems.empty?
    end

    if body.key?('videoWebRtcMode')
      mode = zero_or_one(body['videoWebRtcMode'])
      mode.nil? ? add.('videoWebRtcMode', 'must be 0 or 1') : request[:video_webrtc_mode] = mode
    end

    body.each_key { |name| add.(name.scrub("\uFFFD"), 'is not an accepted field') unless FIELDS.include?(name) }
    fields.empty? ? [request, nil] : [nil, javascript_key_order(fields)]
  end

  # A number is taken as JavaScript's String(number) would write it: only whole 9-to-11-digit values can pass.
  def meeting_number_text(value)
    case value
    when :missing, String then value
    when Integer then value.abs.to_s
    when Float then value.finite? && value == value.floor && value.abs < 1e11 ? value.abs.to_i.to_s : 'not digits'
    end
  end

  # Zoom's auth sample coerces strings, so its clients send "0"/"1": exactly those strings count as numbers.
  def zero_or_one(value)
    return value if value == :missing
    return value.to_i if [0, 1].include?(value) && !value.is_a?(String)

    { '0' => 0, '1' => 1 }[value]
  end

  # [seconds, problems]: a JSON number or a string of digits (Zoom's sample clients send "3600").
  def expiration_seconds(value)
    whole = 'must be a whole number of seconds'
    number = if value.is_a?(Integer) || value.is_a?(Float) then value
             elsif value.is_a?(String) && value.match?(/\A[0-9]+\z/) then value.to_f
             end
    return [nil, [whole]] if number.nil? || !number.finite? || number != number.floor
    # Beyond 2^53 a number is no longer exact: the function names both problems.
    return [nil, [whole, number.positive? ? too_long : too_short]] if number.abs > MAX_SAFE_INTEGER
    return [nil, [too_short]] if number < MIN_EXPIRATION_SECONDS
    return [nil, [too_long]] if number > MAX_EXPIRATION_SECONDS

    [number.to_i, []]
  end

  def too_short = "must be at least #{MIN_EXPIRATION_SECONDS} (30 minutes)"
  def too_long = "must be at most #{MAX_EXPIRATION_SECONDS} (48 hours)"

  # The function's error lists fields in JavaScript object order: integer-like names first, ascending.
  def javascript_key_order(fields)
    index = ->(name) { name.match?(/\A(0|[1-9][0-9]*)\z/) && name.to_i < 4_294_967_295 }
    indices, names = fields.keys.partition(&index)
    (indices.sort_by(&:to_i) + names).to_h { |name| [name, fields[name]] }
  end
end
