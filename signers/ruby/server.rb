# frozen_string_literal: true

# The signer as a standalone HTTP server: signature_endpoint.rb behind WEBrick (Debian: ruby-webrick).
#   ZOOM_MEETING_SDK_KEY=… ZOOM_MEETING_SDK_SECRET=… PORT=8897 ruby signers/ruby/server.rb
require 'webrick'
require_relative 'signature_endpoint'

# Every method reaches SignatureEndpoint.handle (WEBrick's own servlets would answer OPTIONS themselves).
class SignatureServlet < WEBrick::HTTPServlet::AbstractServlet
  def service(req, res)
    reply = answer(req)
    res.status = reply.status
    reply.headers.each { |name, value| res[name] = value }
    res.body = reply.body || ''
  end

  private

  def answer(req)
    SignatureEndpoint.handle(
      method: req.request_method, path: req.path, origin: req['origin'], host: req['host'],
      content_type: req['content-type'], content_length: req['content-length'] && req.content_length,
      read_body: lambda { |limit|
        body = +''
        req.body { |chunk| body << chunk if body.bytesize <= limit }
        body.b
      }
    )
  rescue WEBrick::HTTPStatus::Status
    raise # the body never came (408 after RequestTimeout) or broke off: WEBrick answers and closes
  rescue StandardError => e
    warn "signer: #{e.class}" # no message or backtrace: they could hold request data
    SignatureEndpoint.error(500, 'internal_error', 'The signer failed; see its log.')
  end
end

if $PROGRAM_NAME == __FILE__
  server = WEBrick::HTTPServer.new(
    BindAddress: ENV.fetch('HOST', '127.0.0.1'), Port: Integer(ENV.fetch('PORT', '8897')),
    Logger: WEBrick::Log.new($stderr, WEBrick::Log::WARN), AccessLog: [],
    # A thread per connection: a client that stops mid-request holds one for at most 10 s without a byte (each
    # read's deadline), and 256 of them (not WEBrick's 100) must stall before others wait for a free thread.
    RequestTimeout: 10, MaxClients: 256
  )
  server.mount('/', SignatureServlet)
  %w[INT TERM].each { |signal| trap(signal) { server.shutdown } }
  server.start
end
