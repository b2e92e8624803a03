import { z } from 'zod';

/** The flag that lets the import and tail commands talk plain http (tests and local development). */
export const INSECURE_HTTP_FLAG = '--allow-insecure-http';

/**
 * The ingest URL a command sends to. https only unless `allowInsecureHttp`: the API key and the
 * municipality's data travel with every request.
 */
export function serviceUrl(allowInsecureHttp: boolean) {
  return allowInsecureHttp
    ? z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    : z.url({
        protocol: /^https$/,
        error: `must be an https:// URL (http only with ${INSECURE_HTTP_FLAG}, for tests and local development)`,
      });
}
