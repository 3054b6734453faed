// Hash routes: `#/requests/3` → ['requests', '3'].
import { useEffect, useState } from 'preact/hooks';

const parts = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);

export function useRoute(): string[] {
  const [route, setRoute] = useState(parts);
  useEffect(() => {
    const update = () => setRoute(parts());
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

export const href = (...path: (string | number)[]) => `#/${path.join('/')}`;

export const go = (...path: (string | number)[]) => {
  location.hash = href(...path);
};
