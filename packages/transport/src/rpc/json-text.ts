/**
 * A JSON document kept as its text, typed by the value it encodes. A service's answer that the gateway sends on
 * unchanged travels as one: parsed nowhere on the way, serialized once (by the service). `toJSON` keeps it correct,
 * if slow, wherever it is serialized as part of something else.
 */
export class JsonText<T = unknown> {
  /** Only for the type: the value the text encodes. */
  declare readonly encodes?: T;

  constructor(readonly text: string) {}

  parse(): T {
    return JSON.parse(this.text) as T;
  }

  /** Also what makes tRPC's client types see a procedure answering a JsonText<T> as answering T. */
  toJSON(): T {
    return this.parse();
  }
}
