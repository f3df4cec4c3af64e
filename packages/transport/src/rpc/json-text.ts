const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Whether `bytes` holds `expected` at `offset`: how JSON text off the wire is recognised without decoding it. */
export function hasBytesAt(bytes: Uint8Array, offset: number, expected: Uint8Array): boolean {
  if (bytes.length < offset + expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[offset + i] !== expected[i]) return false;
  return true;
}

/**
 * A JSON document kept as its text, typed by the value it encodes. A service's answer that the gateway sends on
 * unchanged travels as one: parsed nowhere on the way, serialized once (by the service). Held as UTF-8 bytes when it
 * came off the wire, so that passing it on (to the next hop, or as an HTTP body) neither decodes nor re-encodes it;
 * `text` decodes on first use. `toJSON` keeps it correct, if slow, wherever it is serialized as part of something else.
 */
export class JsonText<T = unknown> {
  /** Only for the type: the value the text encodes. */
  declare readonly encodes?: T;
  #text: string | undefined;
  #bytes: Uint8Array | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  /** The document as the UTF-8 bytes it arrived in (not copied: the caller keeps them unchanged). */
  static fromBytes<T = unknown>(bytes: Uint8Array): JsonText<T> {
    const json = new JsonText<T>('');
    json.#text = undefined;
    json.#bytes = bytes;
    return json;
  }

  get text(): string {
    this.#text ??= decoder.decode(this.#bytes);
    return this.#text;
  }

  /** The document as UTF-8. */
  get bytes(): Uint8Array {
    this.#bytes ??= encoder.encode(this.#text);
    return this.#bytes;
  }

  parse(): T {
    return JSON.parse(this.text) as T;
  }

  /** Also what makes tRPC's client types see a procedure answering a JsonText<T> as answering T. */
  toJSON(): T {
    return this.parse();
  }

  /**
   * `head`, the document, then `tail`, as UTF-8 (how it goes inside a message that carries it): text is encoded once
   * with them, bytes are copied once between them; neither is decoded.
   */
  static within(head: string, json: JsonText, tail: string): Uint8Array {
    if (json.#bytes === undefined) return encoder.encode(`${head}${json.#text}${tail}`);
    const [before, after] = [encoder.encode(head), encoder.encode(tail)];
    const message = new Uint8Array(before.length + json.#bytes.length + after.length);
    message.set(before, 0);
    message.set(json.#bytes, before.length);
    message.set(after, before.length + json.#bytes.length);
    return message;
  }
}
