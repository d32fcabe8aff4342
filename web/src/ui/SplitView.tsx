import type { ReactNode } from 'react';

/**
 * A list and what is open from it, side by side: on a wide screen only (the caller decides, see `useWide`); a phone
 * shows one or the other, full screen.
 */
export function SplitView({ list, detail, testId }: { list: ReactNode; detail: ReactNode; testId?: string }) {
  return (
    <div className="split-view" data-testid={testId}>
      <div className="split-list">{list}</div>
      <div className="split-detail">{detail}</div>
    </div>
  );
}

/** The open side of a split view while nothing is open. */
export function SplitPlaceholder({ icon, title, body }: { icon: ReactNode; title: string; body?: string }) {
  return (
    <div className="split-placeholder" data-testid="split-placeholder">
      <span className="split-placeholder-icon">{icon}</span>
      <p className="split-placeholder-title">{title}</p>
      {body ? <p className="split-placeholder-body">{body}</p> : null}
    </div>
  );
}
