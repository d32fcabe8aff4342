/**
 * Where the panorama viewer looks, in degrees: `yaw` turns right from the middle of the photo, `pitch` looks up,
 * `fov` is the vertical field of view (smaller is closer).
 */
export interface View {
  yaw: number;
  pitch: number;
  fov: number;
}

export const FOV_MIN = 30;
export const FOV_MAX = 100;
export const START_VIEW: View = { yaw: 0, pitch: 0, fov: 75 };
/** Straight up and down are left out: there the horizon would spin around the pole. */
const PITCH_LIMIT = 85;
const KEY_STEP = 10;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Keeps yaw within one turn, pitch off the poles and the field of view within its range. */
export function clampView(view: View): View {
  const yaw = ((((view.yaw + 180) % 360) + 360) % 360) - 180;
  return { yaw, pitch: clamp(view.pitch, -PITCH_LIMIT, PITCH_LIMIT), fov: clamp(view.fov, FOV_MIN, FOV_MAX) };
}

/**
 * A drag of `dx`, `dy` pixels on a viewport `height` pixels tall: the photo follows the finger, the way a map
 * does, and moves less when zoomed in.
 */
export function dragView(view: View, dx: number, dy: number, height: number): View {
  const perPixel = view.fov / Math.max(1, height);
  return clampView({ ...view, yaw: view.yaw - dx * perPixel, pitch: view.pitch + dy * perPixel });
}

/** Zooms by a factor of the field of view: below 1 comes closer. */
export function zoomView(view: View, factor: number): View {
  if (!(factor > 0) || !Number.isFinite(factor)) return view;
  return clampView({ ...view, fov: view.fov * factor });
}

/** The factor for a wheel turn (`deltaY` in pixels; a mouse's notch is about 100). */
export function wheelFactor(deltaY: number): number {
  return Math.exp(clamp(deltaY, -500, 500) * 0.0015);
}

/** The factor for two fingers that were `before` pixels apart and now are `after`: spreading them comes closer. */
export function pinchFactor(before: number, after: number): number {
  if (!(before > 0) || !(after > 0)) return 1;
  return before / after;
}

/** The view after a key press, or null for a key the viewer does not use. */
export function keyView(view: View, key: string): View | null {
  switch (key) {
    case 'ArrowLeft':
      return clampView({ ...view, yaw: view.yaw - KEY_STEP });
    case 'ArrowRight':
      return clampView({ ...view, yaw: view.yaw + KEY_STEP });
    case 'ArrowUp':
      return clampView({ ...view, pitch: view.pitch + KEY_STEP });
    case 'ArrowDown':
      return clampView({ ...view, pitch: view.pitch - KEY_STEP });
    case '+':
    case '=':
      return zoomView(view, 0.8);
    case '-':
    case '_':
      return zoomView(view, 1.25);
    default:
      return null;
  }
}

/**
 * The unit vector the camera looks along, for a sphere turned so that the middle of the photo is straight ahead
 * (-z) and its right-hand side is to the right (+x).
 */
export function lookDirection(view: View): [x: number, y: number, z: number] {
  const yaw = (view.yaw * Math.PI) / 180;
  const pitch = (view.pitch * Math.PI) / 180;
  return [Math.sin(yaw) * Math.cos(pitch), Math.sin(pitch), -Math.cos(yaw) * Math.cos(pitch)];
}

/** Whether this device can show the photo in a VR headset (WebXR `immersive-vr`); false wherever it cannot ask. */
export async function vrSupported(xr: { isSessionSupported(mode: 'immersive-vr'): Promise<boolean> } | undefined): Promise<boolean> {
  if (!xr) return false;
  try {
    return await xr.isSessionSupported('immersive-vr');
  } catch {
    return false;
  }
}
