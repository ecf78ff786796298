/**
 * Interned connection keys: one string per endpoint and one per pair, made once, so a busy
 * capture does not build (and collect) new strings for every packet. Bounded: the tables start
 * over when they grow past their limit.
 */
export class ConnectionKeys {
  /** `ip|port` strings, made once per endpoint: a busy capture would otherwise build them per packet. */
  private readonly endpoints = new Map<string, Map<number, string>>();

  endpoint(ip: string, port: number): string {
    let ports = this.endpoints.get(ip);
    if (ports === undefined) {
      if (this.endpoints.size > 100_000) this.endpoints.clear();
      this.endpoints.set(ip, (ports = new Map<number, string>()));
    }
    let name = ports.get(port);
    if (name === undefined) ports.set(port, (name = `${ip}|${port}`));
    return name;
  }

  /** The connection key: both endpoints, lower first, one string per connection. */
  private readonly pairs = new Map<string, Map<string, string>>();

  of(a: string, b: string): string {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    let inner = this.pairs.get(lo);
    if (inner === undefined) {
      if (this.pairs.size > 200_000) this.pairs.clear();
      this.pairs.set(lo, (inner = new Map<string, string>()));
    }
    let key = inner.get(hi);
    if (key === undefined) inner.set(hi, (key = `${lo}|${hi}`));
    return key;
  }
}
