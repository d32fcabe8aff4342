import { useRef, useState, type FormEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { acceptedImages, usePictureUpload } from './usePictureUpload';
import { useTranslation } from 'react-i18next';
import {
  backgroundPatterns,
  blockKinds,
  MAX_STICKERS,
  MusicLink,
  profileThemes,
  stickerKinds,
  type BlockSetting,
  type DecorateBody,
  type ProfileBackground,
  type ProfileSpace,
  type ProfileTheme,
  type Sticker,
  type StickerKind,
} from '@maum/protocol';
import { ErrorMessage, LocalError } from '../../ui/ErrorMessage';
import { IconArrowDown, IconArrowUp, IconCamera, IconMinus, IconPlus, IconRefresh, IconTrash } from '../../ui/Icons';
import { Sheet } from '../../ui/Sheet';
import { useToast } from '../../ui/Toast';
import { useDecorate, useSetCover } from './api';
import { StickerArt, ThemeArt } from './art';
import { AudienceSelect } from './Audience';
import { SpaceCover, stickerStyle } from './Cover';
import { moveItem, stickerPosition, toggleBlock } from './format';

const swatches = ['#ffffff', '#fff9db', '#ffe3e3', '#e7f5ff', '#ebfbee', '#f3f0ff', '#f8f0fc', '#212529'];

/** Blocks as the owner placed them: the space answers every placed block to its owner, with its audience. */
function placedBlocks(space: ProfileSpace): BlockSetting[] {
  return space.blocks.map((b) => ({ kind: b.kind, audience: b.audience ?? { kind: 'friends' } }));
}

/** Decorating a space: the cover, the background, stickers, which blocks show in what order and to whom, music and the visitor counter. */
export function DecorateSheet({ space, onClose }: { space: ProfileSpace; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const decorate = useDecorate();
  const [theme, setTheme] = useState<ProfileTheme | null>(null);
  const [background, setBackground] = useState<ProfileBackground>(space.background);
  const [stickers, setStickers] = useState<Sticker[]>(space.stickers);
  const [blocks, setBlocks] = useState<BlockSetting[]>(() => placedBlocks(space));
  const music = space.blocks.find((b) => b.kind === 'music')?.music ?? null;
  const [musicUrl, setMusicUrl] = useState(music?.url ?? '');
  const [musicTitle, setMusicTitle] = useState(music?.title ?? '');
  const [showVisitors, setShowVisitors] = useState(space.showVisitors);
  const [problem, setProblem] = useState<string | null>(null);

  const cover = theme ? ({ kind: 'theme', theme } as const) : space.cover;

  const save = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    let nextMusic: DecorateBody['music'];
    if (musicUrl.trim() || musicTitle.trim()) {
      const parsed = MusicLink.safeParse({ url: musicUrl.trim(), title: musicTitle.trim() });
      if (!parsed.success) {
        setProblem(t('profiles.music.invalid'));
        return;
      }
      nextMusic = parsed.data;
    } else if (music) {
      nextMusic = null;
    }
    decorate.mutate(
      {
        ...(theme ? { theme } : {}),
        background,
        stickers,
        blocks,
        ...(nextMusic !== undefined ? { music: nextMusic } : {}),
        showVisitors,
      },
      {
        onSuccess: () => {
          toast(t('profiles.decorate.saved'));
          onClose();
        },
      },
    );
  };

  return (
    <Sheet onClose={onClose} title={t('profiles.decorate.title')} size="full" testId="decorate-sheet">
      <form className="decorate" onSubmit={save}>
        <section className="send-section">
          <h3 className="section-title">{t('profiles.decorate.cover')}</h3>
          <div className="theme-picker" role="radiogroup" aria-label={t('profiles.decorate.theme')}>
            {profileThemes.map((name) => {
              const on = cover.kind === 'theme' && cover.theme === name;
              return (
                <button
                  key={name}
                  type="button"
                  role="radio"
                  aria-checked={on}
                  className={`theme-choice cover-${name} ${on ? 'is-on' : ''}`}
                  onClick={() => setTheme(name)}
                  data-testid="theme-choice"
                  data-theme={name}
                >
                  <ThemeArt theme={name} />
                  <span className="theme-name">{t(`profiles.themes.${name}`)}</span>
                </button>
              );
            })}
          </div>
          <CoverUpload onUploaded={() => setTheme(null)} />
        </section>

        <section className="send-section">
          <h3 className="section-title">{t('profiles.decorate.stickers')}</h3>
          <StickerEditor cover={cover} stickers={stickers} onChange={setStickers} />
        </section>

        <section className="send-section">
          <h3 className="section-title">{t('profiles.decorate.background')}</h3>
          <div className="colour-row">
            {swatches.map((colour) => (
              <button
                key={colour}
                type="button"
                className={`colour-swatch ${background.colour.toLowerCase() === colour ? 'is-on' : ''}`}
                style={{ background: colour }}
                aria-label={colour}
                aria-pressed={background.colour.toLowerCase() === colour}
                onClick={() => setBackground({ ...background, colour })}
                data-testid="background-swatch"
              />
            ))}
            <label className="colour-custom">
              <input type="color" value={background.colour} onChange={(e) => setBackground({ ...background, colour: e.target.value })} data-testid="background-colour" />
              <span className="sr-only">{t('profiles.decorate.customColour')}</span>
            </label>
          </div>
          <div className="pattern-picker" role="radiogroup" aria-label={t('profiles.decorate.pattern')}>
            {backgroundPatterns.map((pattern) => (
              <button
                key={pattern}
                type="button"
                role="radio"
                aria-checked={background.pattern === pattern}
                className={`pattern-choice pattern-${pattern} ${background.pattern === pattern ? 'is-on' : ''}`}
                style={{ '--space-colour': background.colour } as React.CSSProperties}
                onClick={() => setBackground({ ...background, pattern })}
                data-testid="pattern-choice"
                data-pattern={pattern}
              >
                <span className="pattern-name">{t(`profiles.patterns.${pattern}`)}</span>
              </button>
            ))}
          </div>
        </section>

        <section className="send-section">
          <h3 className="section-title">{t('profiles.decorate.blocks')}</h3>
          <p className="field-hint">{t('profiles.decorate.blocksHint')}</p>
          <BlockEditor blocks={blocks} onChange={setBlocks} />
        </section>

        <section className="send-section">
          <h3 className="section-title">{t('profiles.blocks.music')}</h3>
          <label className="field">
            <span className="field-label">{t('profiles.music.title')}</span>
            <input className="input" value={musicTitle} maxLength={80} onChange={(e) => setMusicTitle(e.target.value)} data-testid="music-title" />
          </label>
          <label className="field">
            <span className="field-label">{t('profiles.music.url')}</span>
            <input className="input" type="url" inputMode="url" value={musicUrl} maxLength={300} placeholder="https://" onChange={(e) => setMusicUrl(e.target.value)} data-testid="music-url" />
          </label>
        </section>

        <section className="send-section">
          <label className="toggle-row">
            <input type="checkbox" checked={showVisitors} onChange={(e) => setShowVisitors(e.target.checked)} data-testid="show-visitors" />
            <span>{t('profiles.decorate.showVisitors')}</span>
          </label>
        </section>

        <div className="send-footer">
          {problem ? <LocalError text={problem} /> : null}
          <ErrorMessage error={decorate.error} />
          <button type="submit" className="btn btn-primary btn-block btn-large" disabled={decorate.isPending} aria-busy={decorate.isPending} data-testid="decorate-save">
            {decorate.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Sheet>
  );
}

function CoverUpload({ onUploaded }: { onUploaded: () => void }) {
  const { t } = useTranslation();
  const setCover = useSetCover();
  const { input, progress, choose, open } = usePictureUpload((upload, done) => setCover.mutate(upload, { onSuccess: onUploaded, onSettled: done }));

  return (
    <div className="cover-upload">
      <button type="button" className="btn btn-secondary btn-small" onClick={open} disabled={progress !== null} data-testid="cover-upload">
        <IconCamera size={16} />
        {t('profiles.decorate.coverPicture')}
      </button>
      {progress !== null ? (
        <progress className="upload-bar" max={1} value={progress} aria-label={t('profiles.decorate.uploading')} data-testid="cover-progress" />
      ) : null}
      <input ref={input} type="file" accept={acceptedImages} className="sr-only" onChange={choose} tabIndex={-1} data-testid="cover-file" />
      <ErrorMessage error={setCover.error} />
    </div>
  );
}

/**
 * Stickers on a preview of the cover: added from the palette, dragged with a finger or the mouse (never off the
 * cover), and, once chosen, made bigger or smaller, turned or taken off.
 */
function StickerEditor({ cover, stickers, onChange }: { cover: ProfileSpace['cover']; stickers: Sticker[]; onChange: (next: Sticker[]) => void }) {
  const { t } = useTranslation();
  const area = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const dragging = useRef<{ index: number; pointerId: number } | null>(null);
  const current = selected !== null ? stickers[selected] : undefined;

  const update = (index: number, change: Partial<Sticker>) => onChange(stickers.map((s, i) => (i === index ? { ...s, ...change } : s)));

  const add = (kind: StickerKind) => {
    if (stickers.length >= MAX_STICKERS) return;
    // New stickers fan out from the middle, so several added in a row do not hide one another.
    const n = stickers.length;
    const next: Sticker = { kind, x: 0.5 + ((n % 5) - 2) * 0.08, y: 0.5 + ((Math.floor(n / 5) % 3) - 1) * 0.2, scale: 1, rotation: 0 };
    onChange([...stickers, next]);
    setSelected(stickers.length);
  };

  const move = (event: ReactPointerEvent, index: number) => {
    const rect = area.current?.getBoundingClientRect();
    if (!rect) return;
    update(index, stickerPosition({ x: event.clientX, y: event.clientY }, rect));
  };

  return (
    <div className="sticker-editor">
      <SpaceCover
        ref={area}
        cover={cover}
        stickers={stickers}
        compact
        renderStickers={() =>
          stickers.map((sticker, index) => (
            <button
              key={index}
              type="button"
              className={`sticker sticker-editable ${selected === index ? 'is-selected' : ''}`}
              style={stickerStyle(sticker)}
              aria-label={t(`profiles.stickerKinds.${sticker.kind}`)}
              aria-pressed={selected === index}
              onClick={() => setSelected(index)}
              onPointerDown={(event) => {
                event.currentTarget.setPointerCapture(event.pointerId);
                dragging.current = { index, pointerId: event.pointerId };
                setSelected(index);
              }}
              onPointerMove={(event) => {
                if (dragging.current?.index === index && dragging.current.pointerId === event.pointerId) move(event, index);
              }}
              onPointerUp={() => (dragging.current = null)}
              onPointerCancel={() => (dragging.current = null)}
              onKeyDown={(event) => {
                const step = 0.02;
                const arrows: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
                const delta = arrows[event.key];
                if (!delta) return;
                event.preventDefault();
                update(index, { x: Math.min(1, Math.max(0, sticker.x + delta[0])), y: Math.min(1, Math.max(0, sticker.y + delta[1])) });
              }}
              data-testid="editor-sticker"
              data-kind={sticker.kind}
              data-x={sticker.x}
              data-y={sticker.y}
            >
              <StickerArt kind={sticker.kind} />
            </button>
          ))
        }
      />
      {current && selected !== null ? (
        <div className="sticker-tools" data-testid="sticker-tools">
          <button type="button" className="icon-btn" aria-label={t('profiles.decorate.smaller')} onClick={() => update(selected, { scale: Math.max(0.5, +(current.scale - 0.25).toFixed(2)) })}>
            <IconMinus size={18} />
          </button>
          <button type="button" className="icon-btn" aria-label={t('profiles.decorate.bigger')} onClick={() => update(selected, { scale: Math.min(2, +(current.scale + 0.25).toFixed(2)) })}>
            <IconPlus size={18} />
          </button>
          <button
            type="button"
            className="icon-btn"
            aria-label={t('profiles.decorate.turn')}
            onClick={() => update(selected, { rotation: current.rotation + 15 > 180 ? current.rotation + 15 - 360 : current.rotation + 15 })}
          >
            <IconRefresh size={18} />
          </button>
          <button
            type="button"
            className="icon-btn"
            aria-label={t('profiles.decorate.removeSticker')}
            onClick={() => {
              onChange(stickers.filter((_, i) => i !== selected));
              setSelected(null);
            }}
            data-testid="sticker-remove"
          >
            <IconTrash size={18} />
          </button>
        </div>
      ) : (
        <p className="field-hint">{stickers.length > 0 ? t('profiles.decorate.dragHint') : t('profiles.decorate.stickerHint')}</p>
      )}
      <div className="sticker-palette" role="group" aria-label={t('profiles.decorate.addSticker')}>
        {stickerKinds.map((kind) => (
          <button
            key={kind}
            type="button"
            className="sticker-choice"
            onClick={() => add(kind)}
            disabled={stickers.length >= MAX_STICKERS}
            aria-label={t('profiles.decorate.addThis', { sticker: t(`profiles.stickerKinds.${kind}`) })}
            data-testid="sticker-add"
            data-kind={kind}
          >
            <StickerArt kind={kind} size={32} />
          </button>
        ))}
      </div>
    </div>
  );
}

function BlockEditor({ blocks, onChange }: { blocks: BlockSetting[]; onChange: (next: BlockSetting[]) => void }) {
  const { t } = useTranslation();
  const hidden = blockKinds.filter((kind) => !blocks.some((b) => b.kind === kind));
  return (
    <ul className="block-editor" data-testid="block-editor">
      {blocks.map((block, index) => (
        <li key={block.kind} className="block-setting" data-testid="block-setting" data-kind={block.kind} data-shown="true">
          <label className="toggle-row block-setting-name">
            <input type="checkbox" checked onChange={() => onChange(toggleBlock(blocks, block.kind, false))} data-testid="block-shown" />
            <span>{t(`profiles.blocks.${block.kind}`)}</span>
          </label>
          <AudienceSelect
            value={block.audience}
            onChange={(audience) => onChange(blocks.map((b) => (b.kind === block.kind ? { ...b, audience } : b)))}
            testId="block-audience"
            label={t('profiles.audience.forBlock', { block: t(`profiles.blocks.${block.kind}`) })}
          />
          <button type="button" className="icon-btn" aria-label={t('profiles.decorate.moveUp')} disabled={index === 0} onClick={() => onChange(moveItem(blocks, index, -1))} data-testid="block-up">
            <IconArrowUp size={18} />
          </button>
          <button
            type="button"
            className="icon-btn"
            aria-label={t('profiles.decorate.moveDown')}
            disabled={index === blocks.length - 1}
            onClick={() => onChange(moveItem(blocks, index, 1))}
            data-testid="block-down"
          >
            <IconArrowDown size={18} />
          </button>
        </li>
      ))}
      {hidden.map((kind) => (
        <li key={kind} className="block-setting is-hidden" data-testid="block-setting" data-kind={kind} data-shown="false">
          <label className="toggle-row block-setting-name">
            <input type="checkbox" checked={false} onChange={() => onChange(toggleBlock(blocks, kind, true))} data-testid="block-shown" />
            <span>{t(`profiles.blocks.${kind}`)}</span>
          </label>
          <span className="muted small">{t('profiles.decorate.hiddenBlock')}</span>
        </li>
      ))}
    </ul>
  );
}
