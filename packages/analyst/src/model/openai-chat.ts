/** Settings of an OpenAI-compatible chat model. Only `apiKey` is required. */
export interface LlmConfig {
  apiKey: string;
  /** Default `https://api.openai.com/v1`; any server speaking the chat-completions protocol works. */
  baseUrl?: string;
  /** Default `gpt-4.1-mini`, PostHog's model for these features. */
  model?: string;
  /**
   * Default 8 s: the whole call, body included. Callers sit behind an RPC timeout (10 s by default), and a late
   * model answer must leave time for the built-in fallback.
   */
  timeoutMs?: number;
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** One chat completion: the assistant's text, or a rejection (HTTP error, timeout, a body without a message). */
export interface ChatModel {
  readonly model: string;
  complete(messages: ChatMessage[], user: string): Promise<string>;
}

export const DEFAULT_LLM_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_LLM_MODEL = 'gpt-4.1-mini';
export const DEFAULT_LLM_TIMEOUT_MS = 8_000;

export class ModelCallError extends Error {
  override readonly name = 'ModelCallError';
}

/** `POST {baseUrl}/chat/completions` with temperature 0, as PostHog calls OpenAI; `user` tags the caller (`team/<id>/…`). */
export function createChatModel(config: LlmConfig): ChatModel {
  const url = `${(config.baseUrl ?? DEFAULT_LLM_BASE_URL).replace(/\/+$/, '')}/chat/completions`;
  const model = config.model ?? DEFAULT_LLM_MODEL;
  const timeoutMs = config.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  return {
    model,
    async complete(messages, user) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${config.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model, messages, temperature: 0, user }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new ModelCallError(`The model answered HTTP ${response.status}.`);
      }
      const body = (await response.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
      const content = body.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new ModelCallError('The model answer has no message content.');
      return content;
    },
  };
}
