import { useState, type CSSProperties, type ReactNode, type Ref } from 'react';
import type { ProfileCover, Sticker } from '@maum/protocol';
import { StickerArt, ThemeArt } from './art';

/** Where a sticker sits on the cover: its centre, its size and its turn. */
export function stickerStyle(sticker: Sticker): CSSProperties {
  return {
    left: `${sticker.x * 100}%`,
    top: `${sticker.y * 100}%`,
    transform: `translate(-50%, -50%) rotate(${sticker.rotation}deg) scale(${sticker.scale})`,
  };
}

interface Props {
  cover: ProfileCover;
  stickers: readonly Sticker[];
  /** The stickers themselves, when the cover is being decorated and they can be dragged. */
  renderStickers?: () => ReactNode;
  ref?: Ref<HTMLDivElement>;
  compact?: boolean;
}

/** The top of a space: a designed theme or the owner's picture, with stickers on it. */
export function SpaceCover({ cover, stickers, renderStickers, ref, compact }: Props) {
  const theme = cover.kind === 'theme' ? cover.theme : null;
  // A picture that cannot be loaded leaves the cover's plain colours rather than a broken image.
  const [failed, setFailed] = useState<string | null>(null);
  const picture = cover.kind === 'picture' && cover.url !== failed ? cover.url : null;
  return (
    <div
      ref={ref}
      className={`space-cover ${theme ? `cover-${theme}` : 'cover-picture'} ${compact ? 'is-compact' : ''}`}
      data-testid="space-cover"
      data-theme={theme ?? 'picture'}
    >
      {cover.kind === 'theme' ? <ThemeArt theme={cover.theme} /> : null}
      {picture ? <img className="cover-image" src={picture} alt="" decoding="async" draggable={false} onError={() => setFailed(picture)} /> : null}
      {renderStickers
        ? renderStickers()
        : stickers.map((sticker, i) => (
            <span key={i} className="sticker" style={stickerStyle(sticker)} data-testid="space-sticker" data-kind={sticker.kind}>
              <StickerArt kind={sticker.kind} />
            </span>
          ))}
    </div>
  );
}
