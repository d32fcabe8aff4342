import { describe, expect, it } from 'vitest';
import { clampView, dragView, FOV_MAX, FOV_MIN, keyView, lookDirection, pinchFactor, START_VIEW, vrSupported, wheelFactor, zoomView } from './panorama';

const near = (actual: number[], expected: number[]) => actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));

describe('the panorama viewer', () => {
  it('looks at the middle of the photo first, and turns right, left, up and down', () => {
    near(lookDirection(START_VIEW), [0, 0, -1]);
    near(lookDirection({ ...START_VIEW, yaw: 90 }), [1, 0, 0]);
    near(lookDirection({ ...START_VIEW, yaw: -90 }), [-1, 0, 0]);
    near(lookDirection({ ...START_VIEW, pitch: 90 }), [0, 1, 0]);
  });

  it('moves the photo with the finger, less when zoomed in, and never over the poles', () => {
    const right = dragView(START_VIEW, 100, 0, 750);
    expect(right.yaw).toBeCloseTo(-10);
    const down = dragView(START_VIEW, 0, 100, 750);
    expect(down.pitch).toBeCloseTo(10);
    expect(dragView({ ...START_VIEW, fov: 37.5 }, 100, 0, 750).yaw).toBeCloseTo(-5);
    expect(dragView(START_VIEW, 0, 10_000, 750).pitch).toBe(85);
    expect(dragView(START_VIEW, 0, -10_000, 750).pitch).toBe(-85);
  });

  it('keeps the yaw within one turn', () => {
    expect(clampView({ yaw: 190, pitch: 0, fov: 75 }).yaw).toBeCloseTo(-170);
    expect(clampView({ yaw: -190, pitch: 0, fov: 75 }).yaw).toBeCloseTo(170);
    expect(clampView({ yaw: 720, pitch: 0, fov: 75 }).yaw).toBeCloseTo(0);
  });

  it('zooms by wheel, pinch and keys within its limits', () => {
    expect(zoomView(START_VIEW, wheelFactor(-100)).fov).toBeLessThan(75);
    expect(zoomView(START_VIEW, wheelFactor(100)).fov).toBeGreaterThan(75);
    expect(zoomView(START_VIEW, 0.01).fov).toBe(FOV_MIN);
    expect(zoomView(START_VIEW, 100).fov).toBe(FOV_MAX);
    expect(zoomView(START_VIEW, Number.NaN)).toEqual(START_VIEW);
    // Fingers spreading from 100 to 200 px apart halve the field of view.
    expect(zoomView(START_VIEW, pinchFactor(100, 200)).fov).toBeCloseTo(37.5);
    expect(pinchFactor(0, 200)).toBe(1);
    expect(keyView(START_VIEW, '+')!.fov).toBeLessThan(75);
    expect(keyView(START_VIEW, '-')!.fov).toBeGreaterThan(75);
    expect(keyView(START_VIEW, 'ArrowRight')!.yaw).toBe(10);
    expect(keyView(START_VIEW, 'ArrowUp')!.pitch).toBe(10);
    expect(keyView(START_VIEW, 'a')).toBeNull();
  });

  it('offers VR only where WebXR says an immersive session is possible', async () => {
    expect(await vrSupported(undefined)).toBe(false);
    expect(await vrSupported({ isSessionSupported: () => Promise.resolve(true) })).toBe(true);
    expect(await vrSupported({ isSessionSupported: () => Promise.resolve(false) })).toBe(false);
    expect(await vrSupported({ isSessionSupported: () => Promise.reject(new Error('SecurityError')) })).toBe(false);
  });
});
