import type { InsightMetadata } from './metadata/built-in-metadata.js';
import type { LlmConfig } from './model/openai-chat.js';
import type { InsightSuggestion } from './suggest/insight-suggestion.js';

/** Where the analyst reports a model failure it recovered from (pino's `warn(obj, msg)` fits). */
export interface WarnLogger {
  warn(obj: unknown, msg: string): void;
}

export interface AnalystOptions {
  /** An OpenAI-compatible model; without it every answer comes from the built-in analyst. */
  llm?: LlmConfig;
  log?: WarnLogger;
}

export interface AnalyzeInput {
  /** The insight's stored query; anything but an InsightVizNode of the five kinds we run gets `""`. */
  query: unknown;
  /** The query engine's `results` for the insight's source, or null when none are available. */
  results: unknown;
  /** The project's IANA time zone, in which dates are written. */
  timezone: string;
  insightName?: string | null;
  insightDescription?: string | null;
  teamId: number;
  requestId: string;
}

export interface SuggestInput {
  query: unknown;
  results: unknown;
  timezone: string;
  /** POST suggestions' free-text `context`, passed to the model only. */
  context?: string | null;
  /** Event properties seen on the first series' event, most frequent first; enables the breakdown suggestions. */
  commonEventProperties?: readonly string[];
  teamId: number;
  requestId: string;
}

export interface GenerateMetadataInput {
  /** A query that passed `metadataRequestProblem`; an unreadable one gets a generic name. */
  query: unknown;
  teamId: number;
  requestId: string;
}

export interface Analyst {
  /** analyze (§4): plain-text commentary, `""` when the query is not an analysable InsightVizNode. Never throws. */
  analyze(input: AnalyzeInput): Promise<string>;
  /** suggestions (§5): retention heuristics first, then the model's or the built-in follow-ups. Never throws. */
  suggest(input: SuggestInput): Promise<InsightSuggestion[]>;
  /** generate_metadata (§9): a name and a one-sentence description. Never throws (we never answer 500 for it). */
  generateMetadata(input: GenerateMetadataInput): Promise<InsightMetadata>;
  /** Whether an external model is configured (the only part the organisation's AI approval gates). */
  readonly usesModel: boolean;
}
