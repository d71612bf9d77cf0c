/** @jsxRuntime automatic */
import type { ConfigProblem } from '../../../../shared/config/settingsSchema';
import { Panel } from '../StateViews';
import { DiagnosticsButton } from './DiagnosticsButton';

export interface ConfigFilePanelProps {
  configPath: string;
  problems: ConfigProblem[];
  /** Whether a problem's path is a field on the page (it then links to it). */
  hasField(path: string): boolean;
  onShowField(path: string): void;
}

/** Where the settings live, the file's problems (each linking to its field), and the diagnostics bundle. */
export function ConfigFilePanel({ configPath, problems, hasField, onShowField }: ConfigFilePanelProps) {
  return (
    <Panel title="Config file">
      <p>
        <code className="config-path">{configPath}</code>
      </p>
      {problems.length === 0 ? (
        <p className="state state-empty">No problems: every setting in the file applies.</p>
      ) : (
        <>
          <p className="config-problems-lead">
            {problems.length === 1 ? 'One problem in the file' : `${problems.length} problems in the file`}: fix it below (the field is shown) or in the file.
          </p>
          <ul className="config-problems" aria-label="Config problems">
            {problems.map((problem, index) => (
              <li key={index}>
                {hasField(problem.path) ? (
                  <button type="button" className="config-problem-link" onClick={() => onShowField(problem.path)}>
                    <code>{problem.path}</code>
                  </button>
                ) : (
                  <code>{problem.path}</code>
                )}{' '}
                {problem.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <DiagnosticsButton />
    </Panel>
  );
}
