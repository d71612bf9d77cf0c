/** @jsxRuntime automatic */
import type { DockerSnapshot } from '../../../shared/types/docker';
import { useApiCall } from '../hooks/useApiCall';

/** The empty state when Docker cannot be reached: why, and concrete ways to connect. */
export function DockerUnavailable({ docker }: { docker: DockerSnapshot }) {
  const settings = useApiCall('settings.get', {});
  const configPath = settings.data?.configPath;
  const disabled = settings.data?.settings.docker.enabled === false;
  return (
    <div className="state state-empty docker-unavailable">
      <h3>{disabled ? 'Docker monitoring is turned off' : 'Docker not found — here is how to connect'}</h3>
      {docker.error && <p className="docker-error">{docker.error}</p>}
      {docker.endpoint && (
        <p className="muted">
          Looked at <code>{docker.endpoint}</code>
        </p>
      )}
      <ol className="steps">
        {disabled && (
          <li>
            Set <code>docker.enabled</code> to <code>true</code> in the config file.
          </li>
        )}
        <li>
          macOS: start <strong>Docker Desktop</strong>, or run <code>colima start</code> if you use Colima.
        </li>
        <li>
          Linux: start the engine with <code>sudo systemctl start docker</code>; on “permission denied”, add yourself to
          the <code>docker</code> group (<code>sudo usermod -aG docker $USER</code>) and log in again.
        </li>
        <li>
          Elsewhere (a socket in another place, a remote engine): set <code>docker.endpoint</code> to a socket path or a{' '}
          <code>DOCKER_HOST</code>-style URL in the config file
          {configPath ? (
            <>
              {' '}
              at <code className="path">{configPath}</code>
            </>
          ) : (
            ' (its path is shown under Settings)'
          )}
          .
        </li>
      </ol>
      <p className="muted">Opsbar retries on its own; this page updates once the engine answers.</p>
    </div>
  );
}
