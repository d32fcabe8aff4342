import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Mesh, MeshBasicMaterial, PerspectiveCamera, Scene, SphereGeometry, SRGBColorSpace, TextureLoader, WebGLRenderer, type Texture } from 'three';
import type { Media, Message } from '@maum/protocol';
import { IconMinus, IconPlus, IconVr } from '../../ui/Icons';
import { useOverlay } from '../../ui/Sheet';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { useMediaUrl } from './hooks';
import { ViewerTopBar } from './ViewerTopBar';
import { dragView, keyView, lookDirection, pinchFactor, START_VIEW, vrSupported, wheelFactor, zoomView, type View } from './panorama';
import type { People } from './people';
import './chat.css';

interface Engine {
  setView(view: View): void;
  enterVr(): Promise<void>;
}

/**
 * A 360° photo over everything: the photo on the inside of a sphere (three.js), looked around by dragging, zoomed by
 * wheel, pinch, keys or buttons, and shown in a VR headset through WebXR where the device has one. This module is
 * loaded only when such a photo is opened, so three.js never weighs on the chat itself.
 */
export default function PanoramaViewer({ message, people, onClose }: { message: Message; people: People; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const panel = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  useOverlay(onClose, panel);
  const media = message.body.media as Media | undefined;
  const url = useMediaUrl(media?.id, 'display');
  const view = useRef<View>(START_VIEW);
  const engine = useRef<Engine | null>(null);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  // Without WebGL the photo is shown flat, with a note that it is a 360° photo this device cannot show around.
  const [flat, setFlat] = useState(() => !webglAvailable());
  const [ready, setReady] = useState(false);
  const [canVr, setCanVr] = useState(false);
  const [inVr, setInVr] = useState(false);

  useEffect(() => {
    let alive = true;
    void vrSupported(navigator.xr).then((ok) => alive && setCanVr(ok));
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => {
    const host = stage.current;
    if (!host || typeof url !== 'string') return;
    let renderer: WebGLRenderer;
    try {
      renderer = new WebGLRenderer({ antialias: true });
    } catch {
      // WebGL was there but would not start: the photo is shown flat instead.
      queueMicrotask(() => setFlat(true));
      return;
    }
    renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    renderer.xr.enabled = true;
    // The headset's own position is the centre of the sphere, wherever the person stands.
    renderer.xr.setReferenceSpaceType('local');
    renderer.domElement.className = 'panorama-canvas';
    host.appendChild(renderer.domElement);

    const scene = new Scene();
    const camera = new PerspectiveCamera(START_VIEW.fov, 1, 1, 1100);
    const geometry = new SphereGeometry(500, 64, 32);
    // Seen from inside, and not mirrored; turned so that the middle of the photo is straight ahead.
    geometry.scale(-1, 1, 1);
    const material = new MeshBasicMaterial({ color: 0x000000 });
    const sphere = new Mesh(geometry, material);
    sphere.rotation.y = -Math.PI / 2;
    scene.add(sphere);

    let dirty = true;
    let disposed = false;
    let texture: Texture | null = null;
    new TextureLoader().load(
      url,
      (loaded) => {
        if (disposed) {
          loaded.dispose();
          return;
        }
        loaded.colorSpace = SRGBColorSpace;
        loaded.anisotropy = Math.min(8, renderer.capabilities.getMaxAnisotropy());
        texture = loaded;
        material.map = loaded;
        material.color.set(0xffffff);
        material.needsUpdate = true;
        dirty = true;
        setReady(true);
      },
      undefined,
      () => !disposed && setFlat(true),
    );

    const resize = () => {
      const width = Math.max(1, host.clientWidth);
      const height = Math.max(1, host.clientHeight);
      renderer.setSize(width, height);
      camera.aspect = width / height;
      dirty = true;
    };
    const observer = new ResizeObserver(resize);
    observer.observe(host);
    resize();

    renderer.setAnimationLoop(() => {
      // Outside VR a frame is drawn only when something changed; in VR every frame follows the headset.
      if (!dirty && !renderer.xr.isPresenting) return;
      dirty = false;
      const [x, y, z] = lookDirection(view.current);
      camera.fov = view.current.fov;
      camera.updateProjectionMatrix();
      camera.lookAt(x, y, z);
      renderer.render(scene, camera);
    });

    engine.current = {
      setView(next) {
        view.current = next;
        dirty = true;
      },
      async enterVr() {
        const xr = navigator.xr;
        if (!xr) throw new Error('WebXR is not available');
        const session = await xr.requestSession('immersive-vr', { optionalFeatures: ['local-floor'] });
        session.addEventListener('end', () => {
          setInVr(false);
          dirty = true;
        });
        await renderer.xr.setSession(session);
        setInVr(true);
      },
    };

    return () => {
      disposed = true;
      engine.current = null;
      observer.disconnect();
      renderer.setAnimationLoop(null);
      void renderer.xr.getSession()?.end().catch(() => undefined);
      texture?.dispose();
      material.dispose();
      geometry.dispose();
      renderer.dispose();
      renderer.domElement.remove();
    };
  }, [url]);

  const move = (next: View) => {
    view.current = next;
    engine.current?.setView(next);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const held = pointers.current;
    const before = held.get(event.pointerId);
    if (!before) return;
    const others = [...held.entries()].filter(([id]) => id !== event.pointerId).map(([, p]) => p);
    const now = { x: event.clientX, y: event.clientY };
    if (others.length === 0) {
      move(dragView(view.current, now.x - before.x, now.y - before.y, event.currentTarget.clientHeight));
    } else {
      const other = others[0]!;
      move(zoomView(view.current, pinchFactor(Math.hypot(before.x - other.x, before.y - other.y), Math.hypot(now.x - other.x, now.y - other.y))));
    }
    held.set(event.pointerId, now);
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    pointers.current.delete(event.pointerId);
  };
  const onWheel = (event: WheelEvent<HTMLDivElement>) => move(zoomView(view.current, wheelFactor(event.deltaY)));
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = keyView(view.current, event.key);
    if (!next) return;
    event.preventDefault();
    move(next);
  };

  const enterVr = () => {
    engine.current?.enterVr().catch(() => toast(t('chat.vrFailed')));
  };

  return createPortal(
    <div
      ref={panel}
      className="overlay viewer panorama"
      role="dialog"
      aria-modal="true"
      aria-label={t('chat.panorama')}
      tabIndex={-1}
      data-testid="panorama-viewer"
      onKeyDown={onKeyDown}
    >
      <ViewerTopBar message={message} media={media} people={people} variant={'display'} onClose={onClose} />
      {flat ? (
        <div className="viewer-stage">
          {typeof url === 'string' ? <img className="viewer-img" src={url} alt={media?.name ?? t('chat.panorama')} /> : null}
          <p className="panorama-note">{t('chat.panoramaUnavailable')}</p>
        </div>
      ) : (
        <div
          ref={stage}
          className="panorama-stage"
          data-testid="panorama-stage"
          data-ready={ready || undefined}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onWheel={onWheel}
        >
          {url === false ? (
            <p className="viewer-error">{t('chat.mediaFailed')}</p>
          ) : !ready ? (
            <span className="panorama-loading">
              <Spinner size={32} label={t('common.loading')} />
            </span>
          ) : null}
        </div>
      )}
      {!flat ? (
        <div className="panorama-bar">
          <span className="panorama-hint">{t('chat.panoramaHint')}</span>
          <button type="button" className="icon-btn viewer-btn" onClick={() => move(zoomView(view.current, 1.25))} aria-label={t('chat.zoomOut')}>
            <IconMinus />
          </button>
          <button type="button" className="icon-btn viewer-btn" onClick={() => move(zoomView(view.current, 0.8))} aria-label={t('chat.zoomIn')}>
            <IconPlus />
          </button>
          {canVr && ready && !inVr ? (
            <button type="button" className="panorama-vr" onClick={enterVr} data-testid="panorama-vr">
              <IconVr size={20} />
              {t('chat.viewInVr')}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>,
    document.body,
  );
}

function webglAvailable(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
    // Browsers keep only a few contexts alive: this one is given back at once.
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return gl !== null;
  } catch {
    return false;
  }
}
