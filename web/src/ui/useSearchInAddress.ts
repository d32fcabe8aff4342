import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDebounced } from './useDebounced';

/**
 * A search page's state kept in the address: `params` to read its filters, `change(key, value)` to set or clear
 * one, and the search box (`search`, `setSearch`), whose settled words `q` go into `?q=` too, so coming back to the
 * page shows the same results.
 */
export function useSearchInAddress() {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebounced(search.trim(), 300);

  const change = useCallback(
    (key: string, value: string | null) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const addressQ = params.get('q') ?? '';
  useEffect(() => {
    if (addressQ !== q) change('q', q || null);
  }, [q, addressQ, change]);

  return { params, change, search, setSearch, q };
}
