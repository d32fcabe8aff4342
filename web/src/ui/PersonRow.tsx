import type { ReactNode } from 'react';
import { Avatar } from './Avatar';

interface PersonRowProps {
  person: { id: string; handle: string; displayName: string; statusMessage: string; avatarUrl: string | null };
  onOpen: () => void;
  /** Controls at the right end, outside the tappable area so they don't open the profile. */
  trailing?: ReactNode;
  badge?: ReactNode;
  testId?: string;
  avatarSize?: number;
  large?: boolean;
  subtitle?: string;
}

export function PersonRow({ person, onOpen, trailing, badge, testId, avatarSize = 44, large, subtitle }: PersonRowProps) {
  const sub = subtitle ?? person.statusMessage;
  return (
    <li className={`row person-row ${large ? 'person-row-large' : ''}`} data-testid={testId} data-handle={person.handle}>
      <button type="button" className="row-main" onClick={onOpen}>
        <Avatar name={person.displayName} url={person.avatarUrl} seed={person.id} size={avatarSize} />
        <span className="row-text">
          <span className="row-title">
            <span className="row-name">{person.displayName}</span>
            {badge}
          </span>
          {sub ? <span className="row-subtitle">{sub}</span> : null}
        </span>
      </button>
      {trailing ? <div className="row-trailing">{trailing}</div> : null}
    </li>
  );
}
