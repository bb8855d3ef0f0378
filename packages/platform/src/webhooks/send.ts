import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isPrivateAddress } from './targets.js';

/** How one POST went: the receiver's status, or why there was none. */
export type SendResult = { status: number; error: null } | { status: null; error: string };

export interface SendOptions {
  /** https://docs.wise.com/guides/developer/webhooks/event-handling: a 2xx within 5 seconds. */
  timeoutMs: number;
  /** Production: refuse to connect to an address that is not public (targets.ts). */
  publicOnly: boolean;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** dns.lookup, refusing every answer that names a private address (checked per connection: no rebinding). */
function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    const list = addresses as LookupAddress[];
    if (list.length === 0 || list.some((a) => isPrivateAddress(a.address)))
      return callback(
        Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'EPRIVATE' }),
        '',
      );
    if (options.all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

/**
 * POSTs `body` once. Redirects are never followed (a 3xx is a failed attempt); the response body is read and
 * dropped, never logged; the whole attempt, answer included, must finish within `timeoutMs`.
 */
export function postWebhook(
  url: string,
  body: Buffer,
  headers: Record<string, string>,
  options: SendOptions,
): Promise<SendResult> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const requestOptions: RequestOptions = {
      method: 'POST',
      headers: { ...headers, 'content-length': String(body.length) },
      agent: false,
      ...(options.publicOnly ? { lookup: guardedLookup as RequestOptions['lookup'] } : {}),
    };
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(result);
    };
    const req = request(target, requestOptions, (res) => {
      const status = res.statusCode ?? 0;
      res.on('data', () => {});
      res.on('end', () => finish({ status, error: null }));
      res.on('error', () => finish({ status, error: null }));
    });
    const timer = setTimeout(
      () => finish({ status: null, error: `no answer within ${options.timeoutMs} ms` }),
      options.timeoutMs,
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({
        status: null,
        error: `${error.code ? `${error.code}: ` : ''}${error.message.split('\n')[0]}`.slice(0, 300),
      }),
    );
    req.end(body);
  });
}
