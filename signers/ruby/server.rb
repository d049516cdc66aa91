# frozen_string_literal: true

# The signer as a standalone HTTP server: signature_endpoint.rb behind WEBrick (Debian: ruby-webrick).
#   ZOOM_MEETING_SDK_KEY=… ZOOM_MEETING_SDK_SECRET=… PORT=8897 ruby signers/ruby/server.rb
require 'webrick'
require_relative 'signature_endpoint'

# Every method reaches SignatureEndpoint.handle (WEBrick's own servlets would answer OPTIONS themselves).
class SignatureServlet < WEBrick::HTTPServlet::AbstractServlet
  def service(req, res)
    reply = SignatureEndpoint.handle(
      method: req.request_method, path: req.path, origin: req['origin'], host: req['host'],
      content_type: req['content-type'], content_length: req['content-length'] && req.content_length,
      read_body: lambda { |limit|
        body = +''
        req.body { |chunk| body << chunk if body.bytesize <= limit }
        body.b
      }
    )
  rescue StandardError => e
    warn "signer: #{e.class}" # no message or backtrace: they could hold request data
    reply = SignatureEndpoint.error(500, 'internal_error', 'The signer failed; see its log.')
  ensure
    res.status = reply.status
    reply.headers.each { |name, value| res[name] = value }
    res.body = reply.body || ''
  end
end

if $PROGRAM_NAME == __FILE__
  server = WEBrick::HTTPServer.new(
    BindAddress: ENV.fetch('HOST', '127.0.0.1'), Port: Integer(ENV.fetch('PORT', '8897')),
    Logger: WEBrick::Log.new($stderr, WEBrick::Log::WARN), AccessLog: []
  )
  server.mount('/', SignatureServlet)
  %w[INT TERM].each { |signal| trap(signal) { server.shutdown } }
  server.start
end
