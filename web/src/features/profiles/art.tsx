import type { ReactNode } from 'react';
import type { CelebrationReaction, ProfileEventKind, ProfileTheme, StickerKind } from '@maum/protocol';

/** Drawings for stickers, event kinds, reactions and cover themes: inline SVG, so they look the same on every device. */

function Art({ size, children, viewBox = '0 0 48 48' }: { size: number; children: ReactNode; viewBox?: string }) {
  return (
    <svg width={size} height={size} viewBox={viewBox} aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

const heart = 'M24 41s-15-9.3-15-20.2C9 15 13 11 18 11c2.9 0 4.9 1.5 6 3.5 1.1-2 3.1-3.5 6-3.5 5 0 9 4 9 9.8C39 31.7 24 41 24 41z';
const star = 'M24 6l5.3 11.3 12.2 1.5-9 8.5 2.3 12.2L24 33.6 13.2 39.5l2.3-12.2-9-8.5 12.2-1.5z';

const stickers: Record<StickerKind, ReactNode> = {
  heart: <path d={heart} fill="#ff5a7a" stroke="#d63a5c" strokeWidth="2" />,
  star: <path d={star} fill="#ffd43b" stroke="#f2a600" strokeWidth="2" strokeLinejoin="round" />,
  sparkle: (
    <g fill="#b197fc">
      <path d="M22 6c1.4 8.6 4.4 11.6 13 13-8.6 1.4-11.6 4.4-13 13-1.4-8.6-4.4-11.6-13-13 8.6-1.4 11.6-4.4 13-13z" />
      <path d="M37 29c.7 4 2 5.3 6 6-4 .7-5.3 2-6 6-.7-4-2-5.3-6-6 4-.7 5.3-2 6-6z" fill="#74c0fc" />
    </g>
  ),
  cake: (
    <g>
      <rect x="9" y="24" width="30" height="16" rx="3" fill="#ffc9de" />
      <path d="M9 29c5 3 10-3 15 0s10 3 15 0" stroke="#fff" strokeWidth="3" fill="none" />
      <rect x="22" y="13" width="4" height="11" rx="1" fill="#74c0fc" />
      <path d="M24 5c2.5 3 2.5 5 0 7-2.5-2-2.5-4 0-7z" fill="#ff922b" />
    </g>
  ),
  balloon: (
    <g>
      <ellipse cx="24" cy="18" rx="11" ry="13" fill="#ff6b6b" />
      <path d="M24 31l-2 3h4zM24 34c-3 4 3 6 0 10" stroke="#868e96" strokeWidth="1.5" fill="#ff6b6b" />
      <ellipse cx="20" cy="13" rx="3" ry="4" fill="#fff" opacity=".45" />
    </g>
  ),
  gift: (
    <g>
      <rect x="8" y="20" width="32" height="20" rx="2" fill="#4dabf7" />
      <rect x="6" y="14" width="36" height="8" rx="2" fill="#74c0fc" />
      <rect x="21" y="14" width="6" height="26" fill="#ffd43b" />
      <path d="M24 14c-3-7-11-7-9-2 1 2 5 2 9 2zm0 0c3-7 11-7 9-2-1 2-5 2-9 2z" fill="#ffd43b" />
    </g>
  ),
  flower: (
    <g>
      {[0, 72, 144, 216, 288].map((angle) => (
        <ellipse key={angle} cx="24" cy="13" rx="6" ry="9" fill="#f783ac" transform={`rotate(${angle} 24 22)`} />
      ))}
      <circle cx="24" cy="22" r="5" fill="#ffd43b" />
      <path d="M24 31v13" stroke="#51cf66" strokeWidth="3" />
    </g>
  ),
  music: (
    <g fill="#845ef7">
      <path d="M18 10l20-4v26" stroke="#845ef7" strokeWidth="3.5" fill="none" strokeLinejoin="round" />
      <path d="M18 10v26" stroke="#845ef7" strokeWidth="3.5" />
      <ellipse cx="13" cy="36" rx="6" ry="4.5" />
      <ellipse cx="33" cy="32" rx="6" ry="4.5" />
    </g>
  ),
  camera: (
    <g>
      <rect x="6" y="15" width="36" height="24" rx="5" fill="#495057" />
      <path d="M17 15l3-5h8l3 5z" fill="#495057" />
      <circle cx="24" cy="27" r="8" fill="#dee2e6" />
      <circle cx="24" cy="27" r="4.5" fill="#339af0" />
      <circle cx="36" cy="20" r="2" fill="#ffd43b" />
    </g>
  ),
  plane: <path d="M6 27l36-17-10 30-7-10-9 5 2-9z" fill="#74c0fc" stroke="#1c7ed6" strokeWidth="2" strokeLinejoin="round" />,
  sun: (
    <g>
      {[0, 45, 90, 135, 180, 225, 270, 315].map((angle) => (
        <rect key={angle} x="22.5" y="3" width="3" height="8" rx="1.5" fill="#ffa94d" transform={`rotate(${angle} 24 24)`} />
      ))}
      <circle cx="24" cy="24" r="10" fill="#ffd43b" />
    </g>
  ),
  moon: <path d="M30 7a17 17 0 1 0 11 27A14 14 0 0 1 30 7z" fill="#ffe066" stroke="#fab005" strokeWidth="2" />,
  cat: (
    <g>
      <path d="M9 20l2-12 9 7h8l9-7 2 12v8c0 8-7 13-15 13S9 36 9 28z" fill="#ffa94d" />
      <circle cx="18" cy="26" r="2.2" fill="#343a40" />
      <circle cx="30" cy="26" r="2.2" fill="#343a40" />
      <path d="M22 31l2 2 2-2" stroke="#343a40" strokeWidth="1.8" fill="none" strokeLinecap="round" />
    </g>
  ),
  dog: (
    <g>
      <ellipse cx="24" cy="27" rx="13" ry="13" fill="#e9c39b" />
      <ellipse cx="11" cy="21" rx="5" ry="10" fill="#a0522d" transform="rotate(15 11 21)" />
      <ellipse cx="37" cy="21" rx="5" ry="10" fill="#a0522d" transform="rotate(-15 37 21)" />
      <circle cx="19" cy="25" r="2.2" fill="#343a40" />
      <circle cx="29" cy="25" r="2.2" fill="#343a40" />
      <ellipse cx="24" cy="31" rx="3.5" ry="2.5" fill="#343a40" />
    </g>
  ),
  coffee: (
    <g>
      <path d="M10 17h24v12a10 10 0 0 1-10 10h-4a10 10 0 0 1-10-10z" fill="#fff" stroke="#8d5524" strokeWidth="2.5" />
      <path d="M34 20h3a5 5 0 0 1 0 10h-3" stroke="#8d5524" strokeWidth="2.5" fill="none" />
      <path d="M12 20h20v6H12z" fill="#8d5524" />
      <path d="M17 7c-2 3 2 4 0 7M24 7c-2 3 2 4 0 7" stroke="#adb5bd" strokeWidth="2" fill="none" strokeLinecap="round" />
    </g>
  ),
  party: (
    <g>
      <path d="M8 42l8-26 16 16z" fill="#ffd43b" stroke="#f59f00" strokeWidth="2" strokeLinejoin="round" />
      <circle cx="33" cy="10" r="2.5" fill="#ff6b6b" />
      <circle cx="40" cy="20" r="2.5" fill="#4dabf7" />
      <rect x="24" y="6" width="3" height="6" rx="1.5" fill="#51cf66" transform="rotate(-20 25 9)" />
      <rect x="37" y="28" width="3" height="6" rx="1.5" fill="#f783ac" transform="rotate(40 38 31)" />
    </g>
  ),
};

export function StickerArt({ kind, size = 40 }: { kind: StickerKind; size?: number }) {
  return <Art size={size}>{stickers[kind]}</Art>;
}

/** Line drawings in the app's icon style (currentColor), for event kinds and celebrations. */
function Line({ size, children }: { size: number; children: ReactNode }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

const eventKinds: Record<ProfileEventKind, ReactNode> = {
  birthday: (
    <>
      <rect x="4" y="12" width="16" height="8" rx="2" />
      <path d="M4 15.5c2.7 1.5 5.3-1.5 8 0s5.3 1.5 8 0M12 12V8" />
      <path d="M12 3.5c1.2 1.4 1.2 2.6 0 3.5-1.2-.9-1.2-2.1 0-3.5z" />
    </>
  ),
  anniversary: (
    <>
      <circle cx="9" cy="14" r="5" />
      <circle cx="15" cy="14" r="5" />
      <path d="M10 5l2-2 2 2-2 2z" />
    </>
  ),
  new_job: (
    <>
      <rect x="3" y="8" width="18" height="12" rx="2" />
      <path d="M9 8V6a2 2 0 0 1 2-2h2a2 2 0 0 1 2 2v2M3 13h18" />
    </>
  ),
  graduation: (
    <>
      <path d="M2 9l10-5 10 5-10 5z" />
      <path d="M6 11v5c3 2.5 9 2.5 12 0v-5M22 9v6" />
    </>
  ),
  trip: <path d="M2.5 13.5l19-8-5 15-3.8-5.2-4.7 2.7 1-4.6z" />,
  wedding: (
    <>
      <path d="M12 20s-7-4.3-7-9.4C5 8 6.9 6 9.2 6c1.3 0 2.3.7 2.8 1.6.5-.9 1.5-1.6 2.8-1.6C17.1 6 19 8 19 10.6 19 15.7 12 20 12 20z" />
      <path d="M9 3h6" />
    </>
  ),
  new_baby: (
    <>
      <circle cx="12" cy="11" r="7" />
      <path d="M9.5 10h.01M14.5 10h.01M10 14c1.2 1 2.8 1 4 0M12 4c1-1.5 2.5-1 2-0" />
    </>
  ),
  other: <path d="M12 3l2.6 5.6 6.1.7-4.5 4.2 1.2 6L12 16.6 6.6 19.5l1.2-6-4.5-4.2 6.1-.7z" />,
};

export function EventKindIcon({ kind, size = 22 }: { kind: ProfileEventKind; size?: number }) {
  return <Line size={size}>{eventKinds[kind]}</Line>;
}

const reactions: Record<CelebrationReaction, ReactNode> = {
  party: (
    <>
      <path d="M4 20l3.5-11 7.5 7.5z" />
      <path d="M14 5.5l.01 0M19 9l.01 0M16 3l-.5 2M20.5 13l-2 .5M12.5 9c1.5-1.5 2-3 1-5" />
    </>
  ),
  heart: <path d="M12 20s-8-4.8-8-10.6C4 6.8 6 5 8.4 5c1.6 0 2.9.8 3.6 2 .7-1.2 2-2 3.6-2C18 5 20 6.8 20 9.4 20 15.2 12 20 12 20z" />,
  clap: (
    <>
      <path d="M8.5 12.5l-2-3.5a1.4 1.4 0 0 1 2.4-1.4l3.6 6.1" />
      <path d="M10 9.5L8 6a1.4 1.4 0 0 1 2.4-1.4l4.2 7.2M12.6 8.5l-.8-1.4a1.4 1.4 0 0 1 2.4-1.4l2.6 4.5c2 3.4.8 7.3-2.3 9-3 1.8-6.4.9-8.3-2.1l-2.6-4.5a1.4 1.4 0 0 1 2.4-1.4l1.4 2.4" />
      <path d="M18 3.5l-.5 2M21 6.5l-2 .8" />
    </>
  ),
  cake: eventKinds.birthday,
  hug: (
    <>
      <circle cx="12" cy="6" r="3" />
      <path d="M5 11c2 3 4.5 4 7 4s5-1 7-4M7 21v-4.5M17 21v-4.5M9.5 15l-3 2.5M14.5 15l3 2.5" />
    </>
  ),
};

export function ReactionIcon({ reaction, size = 20 }: { reaction: CelebrationReaction; size?: number }) {
  return <Line size={size}>{reactions[reaction]}</Line>;
}

/** Each theme's cover: a scene drawn over its colours (the colours themselves are in profiles.css as `cover-<theme>`). */
const themes: Record<ProfileTheme, ReactNode> = {
  plain: null,
  spring: (
    <g>
      {[
        [40, 30, 1],
        [300, 50, 1.3],
        [180, 20, 0.8],
        [90, 120, 1.1],
        [340, 130, 0.9],
      ].map(([x, y, s], i) => (
        <g key={i} transform={`translate(${x} ${y}) scale(${s})`} opacity=".85">
          {[0, 72, 144, 216, 288].map((a) => (
            <ellipse key={a} cx="0" cy="-7" rx="4.5" ry="7" fill="#ffc2d4" transform={`rotate(${a})`} />
          ))}
          <circle r="3" fill="#ffe066" />
        </g>
      ))}
      <path d="M0 160c60-25 120-25 200-5s140 15 200-10v35H0z" fill="#b2f2bb" />
    </g>
  ),
  sea: (
    <g>
      <circle cx="320" cy="40" r="22" fill="#fff3bf" />
      <path d="M0 110c40-12 80 12 120 0s80 12 120 0 80 12 120 0 40-6 40-6v76H0z" fill="#74c0fc" />
      <path d="M0 135c40-12 80 12 120 0s80 12 120 0 80 12 120 0 40-6 40-6v51H0z" fill="#339af0" />
      <path d="M60 70l20-30v30z" fill="#fff" />
      <path d="M55 72h32l-5 8H60z" fill="#e03131" />
    </g>
  ),
  autumn: (
    <g>
      {[
        [30, 40, 20],
        [120, 90, -30],
        [250, 30, 60],
        [330, 110, 10],
        [200, 140, -50],
      ].map(([x, y, r], i) => (
        <path
          key={i}
          d="M0-14l4 8 8-3-3 8 7 4-9 2 1 9-8-5-8 5 1-9-9-2 7-4-3-8 8 3z"
          fill={i % 2 ? '#f76707' : '#e8590c'}
          transform={`translate(${x} ${y}) rotate(${r})`}
          opacity=".9"
        />
      ))}
    </g>
  ),
  snow: (
    <g fill="#fff">
      {Array.from({ length: 24 }, (_, i) => (
        <circle key={i} cx={(i * 67) % 400} cy={(i * 41) % 150} r={2 + (i % 3)} opacity=".9" />
      ))}
      <path d="M0 150c70-20 140-20 200 0s130 20 200 0v30H0z" />
    </g>
  ),
  night: (
    <g>
      <circle cx="320" cy="45" r="20" fill="#fff3bf" />
      <circle cx="330" cy="38" r="18" fill="#1b1f3b" />
      {Array.from({ length: 18 }, (_, i) => (
        <circle key={i} cx={(i * 83) % 380 + 10} cy={(i * 37) % 120 + 8} r={i % 4 === 0 ? 1.8 : 1} fill="#fff" />
      ))}
      <path d="M0 150l40-30 30 20 50-40 60 50 40-25 60 35 50-30 70 40v10H0z" fill="#11142a" />
    </g>
  ),
  confetti: (
    <g>
      {Array.from({ length: 30 }, (_, i) => (
        <rect
          key={i}
          x={(i * 53) % 400}
          y={(i * 29) % 170}
          width="8"
          height="4"
          rx="1"
          fill={['#ff6b6b', '#ffd43b', '#51cf66', '#4dabf7', '#cc5de8'][i % 5]}
          transform={`rotate(${(i * 47) % 180} ${(i * 53) % 400} ${(i * 29) % 170})`}
        />
      ))}
    </g>
  ),
  hanok: (
    <g>
      <path d="M70 95c40-30 220-30 260 0-20-4-40-6-60-6H130c-20 0-40 2-60 6z" fill="#343a40" />
      <path d="M60 98c30-8 250-8 280 0l-6 6H66z" fill="#495057" />
      <rect x="95" y="104" width="210" height="46" fill="#f1e3c6" />
      {[115, 160, 205, 250].map((x) => (
        <rect key={x} x={x} y="112" width="32" height="30" fill="none" stroke="#8d5524" strokeWidth="2" />
      ))}
      <rect x="85" y="150" width="230" height="8" fill="#8d5524" />
    </g>
  ),
  paper: (
    <g stroke="#d0bfa0" strokeWidth="1">
      {Array.from({ length: 9 }, (_, i) => (
        <line key={i} x1="0" x2="400" y1={20 + i * 18} y2={20 + i * 18} />
      ))}
      <line x1="40" x2="40" y1="0" y2="180" stroke="#ff8787" />
    </g>
  ),
  neon: (
    <g fill="none" strokeWidth="3">
      <path d="M60 120l40-60 40 60z" stroke="#f06595" />
      <circle cx="220" cy="90" r="32" stroke="#22b8cf" />
      <path d="M300 60h50v50h-50z" stroke="#94d82d" />
    </g>
  ),
};

export function ThemeArt({ theme }: { theme: ProfileTheme }) {
  return (
    <svg className="cover-art" viewBox="0 0 400 180" preserveAspectRatio="xMidYMid slice" aria-hidden="true" focusable="false">
      {themes[theme]}
    </svg>
  );
}
