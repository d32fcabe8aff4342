import type { ReactNode } from 'react';
import type { GiftCategory } from '@maum/protocol';
import type { CardTemplate } from './format';

// The shop's categories and the cards' pictures are drawn, not emoji: an emoji is whatever the system's font has (or
// an empty box where it has none), while these look the same everywhere and take the colour of the text around them.

function Art({ size, children }: { size: number; children: ReactNode }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

const soft = { fill: 'currentColor', fillOpacity: 0.16 } as const;

const categoryArt: Record<GiftCategory, ReactNode> = {
  // A cup with steam
  cafe: (
    <>
      <path d="M4 10h12v5a5 5 0 0 1-5 5H9a5 5 0 0 1-5-5v-5z" {...soft} />
      <path d="M16 11.5h1.5a2.5 2.5 0 0 1 0 5H15.6" />
      <path d="M8 3.5c-.8 1 .8 1.8 0 3M12 3.5c-.8 1 .8 1.8 0 3" />
    </>
  ),
  // A croissant
  bakery: (
    <>
      <path d="M3.5 15.5C4 10 8 6.5 12 6.5s8 3.5 8.5 9c-1.6.9-3.3.6-4.5-.5-1.1 1.4-2.5 2-4 2s-2.9-.6-4-2c-1.2 1.1-2.9 1.4-4.5.5z" {...soft} />
      <path d="M9.5 7.2 10.5 15M14.5 7.2 13.5 15" />
    </>
  ),
  // A corner shop with an awning
  convenience: (
    <>
      <path d="M4.5 10.5V20h15v-9.5" />
      <path d="M3 4.5h18l-1 4.2a2.3 2.3 0 0 1-4.4 0 2.3 2.3 0 0 1-4.6 0 2.3 2.3 0 0 1-4.6 0 2.3 2.3 0 0 1-4.4 0L3 4.5z" {...soft} />
      <path d="M10 20v-5h4v5" />
    </>
  ),
  // A lipstick
  beauty: (
    <>
      <path d="M8.5 13h7v7.5h-7z" {...soft} />
      <path d="M9.5 13V8.5l5-4.5V13" />
      <path d="M8.5 16.5h7" />
    </>
  ),
  // A drumstick
  chicken: (
    <>
      <path d="M14.8 3.5a5.7 5.7 0 0 1 5.7 5.7c0 3.9-3.9 6.6-7.4 5.6l-2.3 2.3a2 2 0 1 1-2.6 2.6 2 2 0 1 1-1.9-3.3 2 2 0 0 1 2.4-.8l2.3-2.3c-1-3.5 1.7-9.8 3.8-9.8z" {...soft} />
    </>
  ),
  // A cone with a scoop
  ice_cream: (
    <>
      <path d="M7.5 11.5 12 21l4.5-9.5" />
      <path d="M6.5 11.5a5.5 5.5 0 1 1 11 0z" {...soft} />
      <path d="M9 14.5h6" />
    </>
  ),
  // A shopping bag
  shop: (
    <>
      <path d="M5 8h14l-1 12.5H6L5 8z" {...soft} />
      <path d="M9 10.5V7a3 3 0 0 1 6 0v3.5" />
    </>
  ),
};

const templateArt: Record<CardTemplate, ReactNode> = {
  // A tulip
  thanks: (
    <>
      <path d="M12 21v-8.5" />
      <path d="M12 16.5c-1.5-2-4-2.5-5.5-2 .5 2 2.5 3.5 5.5 3.5M12 18c1.5-2 4-2.5 5.5-2-.5 2-2.5 3.5-5.5 3.5" />
      <path d="M7.5 4.5 10 6.5 12 3.5l2 3 2.5-2V9a4.5 4.5 0 0 1-9 0V4.5z" {...soft} />
    </>
  ),
  // A cake with a candle
  birthday: (
    <>
      <path d="M4.5 20.5v-7a2 2 0 0 1 2-2h11a2 2 0 0 1 2 2v7z" {...soft} />
      <path d="M4.5 16c1.3 1 2.5 1 3.8 0s2.5-1 3.7 0 2.5 1 3.7 0 2.5-1 3.8 0" />
      <path d="M3 20.5h18M12 11.5V8.5" />
      <path d="M12 3.5c.9 1 1.2 1.8 1.2 2.5a1.2 1.2 0 0 1-2.4 0c0-.7.3-1.5 1.2-2.5z" fill="currentColor" />
    </>
  ),
  // A party popper and its confetti
  congrats: (
    <>
      <path d="M4 20.5 8.5 8.5l7 7z" {...soft} />
      <path d="M13.5 7.5c.8-1.5.6-2.8-.5-3.8M16.5 10.5c1.5-.8 2.8-.6 3.8.5" />
      <path d="M16.5 3.5v1.5M20.5 7.5H19M19.5 14v1.5M10 3v1.5" />
    </>
  ),
  // A bolt of energy
  cheer: <path d="M13.5 2.5 5 13.5h6l-1 8 8.5-11h-6z" {...soft} />,
  // A letter sealed with a heart
  love: (
    <>
      <rect x="3" y="5.5" width="18" height="13" rx="2" {...soft} />
      <path d="m3.5 7 8.5 6.5L20.5 7" />
      <path d="M12 20.5c-2.8-1.8-4-3.1-4-4.4a1.8 1.8 0 0 1 4-.5 1.8 1.8 0 0 1 4 .5c0 1.3-1.2 2.6-4 4.4z" fill="currentColor" />
    </>
  ),
  // A wrapped present
  plain: (
    <>
      <rect x="4" y="10" width="16" height="10.5" rx="1.5" {...soft} />
      <path d="M3 7h18v3H3zM12 7v13.5" />
      <path d="M12 7c-1.5-3.5-5-4-5-2s3 2 5 2c2 0 5 0 5-2s-3.5-1.5-5 2z" />
    </>
  ),
};

/** A shop category's picture. */
export function CategoryArt({ category, size = 28 }: { category: GiftCategory; size?: number }) {
  return <Art size={size}>{categoryArt[category]}</Art>;
}

/** A message card template's picture: the badge at the top of the card. */
export function TemplateArt({ template, size = 44 }: { template: CardTemplate; size?: number }) {
  return <Art size={size}>{templateArt[template]}</Art>;
}
