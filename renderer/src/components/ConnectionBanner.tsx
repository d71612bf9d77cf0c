/** @jsxRuntime automatic */
import { useConnection } from '../hooks/opsbarContext';

/** Says so when live updates stopped: data on screen may be stale, or the session expired. */
export function ConnectionBanner() {
  const { status } = useConnection();
  if (status === 'unauthorized') {
    return (
      <div className="banner banner-critical" role="alert">
        Session expired. Open the link printed by <code>opsbar serve</code> again.
      </div>
    );
  }
  if (status === 'reconnecting') {
    return (
      <div className="banner banner-warning" role="status">
        Disconnected from Opsbar — reconnecting… Figures below may be out of date.
      </div>
    );
  }
  return null;
}

const LINK_WORDS = { connecting: 'connecting…', connected: 'live', reconnecting: 'reconnecting…', unauthorized: 'session expired' };

/** A small word in the header: is what I see live? */
export function ConnectionIndicator() {
  const { status } = useConnection();
  return (
    <span className={`link-state link-${status}`} title="Live updates">
      <span className="badge-dot" aria-hidden="true" />
      {LINK_WORDS[status]}
    </span>
  );
}
