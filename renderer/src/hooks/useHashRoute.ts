import { useCallback, useEffect, useState } from 'react';

/** The page lives in the URL hash (`#/stacks`): reload keeps it, and no server routes are needed. */
export function useHashRoute(fallback: string): [string, (route: string) => void] {
  const read = useCallback(() => window.location.hash.replace(/^#\/?/, '') || fallback, [fallback]);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, [read]);
  const navigate = useCallback((next: string) => {
    window.location.hash = `#/${next}`;
    setRoute(next);
  }, []);
  return [route, navigate];
}
