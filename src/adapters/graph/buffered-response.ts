/**
 * A Fetch `Response` whose body has already been read into memory by our `node:https` transport.
 *
 * The Graph client's middleware chain expects a `Response`; building one around a `Buffer` makes
 * undici wrap it in a web `ReadableStream` only for `json()` to read it back out, which was the
 * largest cost per request in the observer's profile. This one is constructed without a body and
 * answers `json()`, `text()` and `arrayBuffer()` from the bytes it holds. `body` stays `null`: the
 * observer never streams.
 */
export class BufferedResponse extends Response {
  readonly #payload: Buffer;

  constructor(payload: Buffer, init: { status: number; statusText: string; headers: [string, string][] }) {
    // A null-body status (204, 304) cannot carry a body; the bytes are empty then anyway.
    super(null, init);
    this.#payload = payload;
  }

  // Properties, not methods: the DOM typing declares them so on `Response`.
  override json = async (): Promise<unknown> => JSON.parse(this.#payload.toString("utf8"));

  override text = async (): Promise<string> => this.#payload.toString("utf8");

  override arrayBuffer = async (): Promise<ArrayBuffer> => {
    const { buffer, byteOffset, byteLength } = this.#payload;
    return buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer;
  };
}
