// Performance marks of a page's first render after the connection, for the browser tests:
// `<page>:first-render` (the chain's state shown) and `<page>:history` (its history shown too).
import { useEffect } from 'preact/hooks';

const marked = new Set<string>();

function markOnce(name: string) {
  if (marked.has(name)) return;
  marked.add(name);
  performance.mark(name);
  performance.measure(name, 'connected', name);
}

export function useFirstRender(page: string, historyShown: boolean) {
  useEffect(() => markOnce(`${page}:first-render`), [page]);
  useEffect(() => {
    if (historyShown) markOnce(`${page}:history`);
  }, [page, historyShown]);
}
