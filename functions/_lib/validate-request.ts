import type * as z from 'zod/mini';
import { MAX_REQUEST_BYTES, SignatureRequest, fieldErrors } from '../../lib/contract.ts';
import { mediaTypeOf, readCapped } from './read-body.ts';
import { jsonError } from './respond.ts';

type Validated<T> = { ok: true; data: T } | { ok: false; response: Response };

const fail = (response: Response): { ok: false; response: Response } => ({ ok: false, response });

/** Every check a JSON request passes before anything is done with it, in the order a client would fix them. */
export async function validateJsonBody<S extends z.ZodMiniType>(
  req: Request,
  schema: S,
): Promise<Validated<z.output<S>>> {
  if (mediaTypeOf(req.headers.get('content-type')) !== 'application/json') {
    return fail(
      jsonError(415, 'unsupported_media_type', 'Send the request body as JSON with "Content-Type: application/json".'),
    );
  }
  const text = await readCapped(req, MAX_REQUEST_BYTES);
  if (text === null) {
    return fail(jsonError(413, 'payload_too_large', `The request body must be at most ${MAX_REQUEST_BYTES} bytes.`));
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail(jsonError(400, 'invalid_json', 'The request body is not valid JSON.'));
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    const names = Object.keys(fields).join(', ');
    return fail(jsonError(400, 'invalid_request', `Check these fields: ${names}.`, { fields }));
  }
  return { ok: true, data: parsed.data };
}

export const validateSignatureRequest = (req: Request) => validateJsonBody(req, SignatureRequest);
