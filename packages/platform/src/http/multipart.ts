import { InvalidRequest } from '../errors/errors.js';
import { FormParams } from './form.js';

/**
 * A multipart/form-data body read as form parameters, for the token endpoint only: Postman sends the token
 * request of Wise's collections this way, and so does Wise's `banks-reference-backend`. Node's own
 * `Response.formData()` (undici, WHATWG Fetch "multipart/form-data parser") splits the parts; the rules are
 * those of an urlencoded body (`FormParams`: a repeated parameter is refused, an empty one is omitted).
 * Parts that carry a file name are files, which no token request has: refused rather than ignored.
 * The body size was already bounded by the app's body limit before this runs.
 */
export async function multipartForm(body: Buffer, contentType: string): Promise<FormParams> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new InvalidRequest('The request body is not valid multipart/form-data.');
  }
  const entries: [string, string][] = [];
  for (const [name, value] of form) {
    if (typeof value !== 'string') {
      throw new InvalidRequest(`The parameter ${name} is a file; a token request has only text parameters.`);
    }
    entries.push([name, value]);
  }
  return new FormParams(entries);
}
