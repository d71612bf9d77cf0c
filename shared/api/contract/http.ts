import type { HttpCheckSuggestion, HttpSnapshot } from '../../types/http';
import { method, noPayload } from './method';

export const httpMethods = {
  'http.snapshot': method<HttpSnapshot>()(noPayload),
  /** Checks Opsbar proposes: one per model-server endpoint, one per container port that answers /health. Reads; adds nothing. */
  'http.suggestions': method<HttpCheckSuggestion[]>()(noPayload),
} as const;
