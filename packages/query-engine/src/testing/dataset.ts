/** A project's events and persons as plain values: what the generator produces, the loader stores and the oracle reads. */
export interface DatasetEvent {
  uuid: string;
  event: string;
  distinctId: string;
  /** The person id stored on the event (possibly merged away later; see `overrides`). */
  personId: string;
  /** ISO 8601 UTC with milliseconds. */
  timestamp: string;
  properties: Record<string, unknown>;
}

export interface DatasetPerson {
  id: string;
  /** ISO 8601 UTC: the person's earliest event (ingestion keeps it so), or null when unknown. */
  createdAt: string | null;
  properties: Record<string, unknown>;
  isIdentified: boolean;
  distinctIds: string[];
}

/** Person A merged into B: every event whose `person_id` is A counts as B. Flattened (B is never itself merged). */
export interface DatasetOverride {
  oldPersonId: string;
  overridePersonId: string;
}

export interface Dataset {
  projectId: number;
  events: DatasetEvent[];
  persons: DatasetPerson[];
  overrides: DatasetOverride[];
}
