import type { Analyst } from '@insights/analyst';
import { permissionDeniedError } from '@insights/transport';

/**
 * DESIGN decision 4: the organization's approval of AI data processing gates only the external model; the built-in
 * analyst needs none, since nothing leaves the system.
 */
export function assertModelAllowed(analyst: Analyst, aiDataProcessingApproved: boolean): void {
  if (analyst.usesModel && !aiDataProcessingApproved) {
    throw permissionDeniedError('AI data processing must be approved by your organization');
  }
}
