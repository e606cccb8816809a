/** `useIsNarrow`: whether the screen is phone-sized, known from the first render on. */
import { useEffect, useState } from 'react';

// antd's `md` breakpoint: below it, tables drop fixed columns and search forms start folded.
const NARROW_QUERY = '(max-width: 767.98px)';

/** True below antd's `md` breakpoint; follows the window as it is resized. */
export function useIsNarrow(): boolean {
  const [isNarrow, setIsNarrow] = useState(() => window.matchMedia(NARROW_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(NARROW_QUERY);
    const onChange = () => setIsNarrow(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return isNarrow;
}
