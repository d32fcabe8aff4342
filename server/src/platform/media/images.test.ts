import { describe, expect, it } from 'vitest';
import { panoramaLayout } from './images';

const xmp = (props: string) =>
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
  `<rdf:Description rdf:about="" xmlns:GPano="http://ns.google.com/photos/1.0/panorama/" ${props}/></rdf:RDF></x:xmpmeta>`;

describe('360° photo detection', () => {
  it('takes an exactly 2:1 picture as the whole sphere, but not a small banner or a nearly 2:1 one', () => {
    expect(panoramaLayout(4000, 2000, undefined)).toEqual({ fullWidth: 4000, fullHeight: 2000, left: 0, top: 0, width: 4000, height: 2000 });
    expect(panoramaLayout(600, 300, undefined)).toBeNull();
    expect(panoramaLayout(4000, 2001, undefined)).toBeNull();
    expect(panoramaLayout(2000, 4000, undefined)).toBeNull();
    expect(panoramaLayout(4032, 3024, '<x:xmpmeta/>')).toBeNull();
  });

  it('reads GPano written as attributes or as elements, and places a cropped sphere where it belongs', () => {
    const attrs = xmp(
      'GPano:ProjectionType="equirectangular" GPano:FullPanoWidthPixels="8000" GPano:FullPanoHeightPixels="4000" ' +
        'GPano:CroppedAreaLeftPixels="1000" GPano:CroppedAreaTopPixels="1200" GPano:CroppedAreaImageWidthPixels="6000" ' +
        'GPano:CroppedAreaImageHeightPixels="1600"',
    );
    expect(panoramaLayout(3000, 800, attrs)).toEqual({ fullWidth: 8000, fullHeight: 4000, left: 1000, top: 1200, width: 6000, height: 1600 });
    const elements = `<rdf:Description xmlns:GPano="http://ns.google.com/photos/1.0/panorama/">
      <GPano:UsePanoramaViewer>True</GPano:UsePanoramaViewer>
      <GPano:ProjectionType>equirectangular</GPano:ProjectionType>
    </rdf:Description>`;
    expect(panoramaLayout(3000, 1200, elements)).toEqual({ fullWidth: 3000, fullHeight: 1200, left: 0, top: 0, width: 3000, height: 1200 });
    expect(panoramaLayout(3000, 1200, '<rdf:Description GPano:ProjectionType = "Equirectangular"/>')).not.toBeNull();
  });

  it('ignores a cropped area that does not fit its sphere, and other projections', () => {
    const outside = xmp(
      'GPano:ProjectionType="equirectangular" GPano:FullPanoWidthPixels="100" GPano:FullPanoHeightPixels="50" ' +
        'GPano:CroppedAreaLeftPixels="90" GPano:CroppedAreaTopPixels="0" GPano:CroppedAreaImageWidthPixels="60" ' +
        'GPano:CroppedAreaImageHeightPixels="50"',
    );
    expect(panoramaLayout(300, 250, outside)).toMatchObject({ fullWidth: 300, fullHeight: 250, left: 0 });
    expect(panoramaLayout(4000, 2000, xmp('GPano:ProjectionType="cylindrical"'))).toBeNull();
  });
});
