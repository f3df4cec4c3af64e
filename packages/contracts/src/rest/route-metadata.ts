/** What the gateway needs to know about a route before it calls a service. */
export interface RouteMetadata {
  /** The PostHog viewset action; decides the API-key scope through the resource's scope policy. */
  action: string;
  /**
   * The resource's scope object (`insight`; `query`, which `insight:read` also opens), or null for identity routes
   * that need only a valid key.
   */
  resource: 'insight' | 'query' | null;
  /** Whether the route is under /api/projects/:project_id/ (project membership is checked). */
  projectScoped: boolean;
  /** Whether the route is under /api/organizations/:organization_id/ (key restriction and membership checked). */
  organizationScoped?: boolean;
  /**
   * The action works on particular insights whose per-insight access the service checks, and the service also makes
   * PostHog's resource-level check (an override may grant what the project level does): the gateway only requires
   * membership.
   */
  objectLevel?: boolean;
  /** The throttle family guarding the route (spec reference §16): the query pair or the AI trio. */
  throttle?: 'query' | 'ai';
}
