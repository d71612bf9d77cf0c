/** @jsxRuntime automatic */
import type { ModelView } from '../../../../shared/types/models';
import { formatModelBytes } from './modelFormat';

/** The models the server can serve but has not loaded, collapsed: "12 more available". */
export function AvailableModels({ models, anyLoaded }: { models: readonly ModelView[]; anyLoaded: boolean }) {
  if (models.length === 0) return null;
  const count = `${models.length} ${anyLoaded ? 'more ' : ''}available`;
  return (
    <details className="models-available">
      <summary>
        {count} (not loaded: Opsbar probes only loaded models)
      </summary>
      <ul>
        {models.map((model) => (
          <li key={model.name}>
            <span className="model-name">{model.name}</span>
            {model.sizeBytes != null && <span className="muted"> {formatModelBytes(model.sizeBytes)}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}
