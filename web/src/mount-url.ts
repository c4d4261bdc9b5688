/**
 * The first check of an upstream API's address in the mount editor (资源挂接, §17), the same as the
 * server's (src/domain/delivery/upstream.ts): an absolute http(s) URL with a host. A 前置 service on
 * the government network is often named by a bare host (`http://qzk-gaj:8080/…`) or on any port —
 * a check that wants a public domain name would refuse it.
 */
export function isHttpUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}
