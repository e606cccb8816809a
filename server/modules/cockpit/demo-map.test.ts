import { describe, expect, it } from 'vitest';
import { townshipCentres, townshipOutline } from './demo-map';

// Even-odd ray casting.
function contains(ring: number[][], [x, y]: [number, number]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

describe('demo township outline', () => {
  const centres = [
    { name: '城关镇', centre: [96.35, 40.12] as [number, number] },
    { name: '红柳乡', centre: [96.1, 40.3] as [number, number] },
    { name: '泉湖镇', centre: [96.6, 39.95] as [number, number] },
    { name: '双塔乡', centre: [96.5, 40.35] as [number, number] },
  ];

  it('gives each township a closed polygon that contains its own centre and no other', () => {
    const outline = townshipOutline(centres)!;
    expect(outline.features).toHaveLength(4);
    outline.features.forEach((f, i) => {
      const ring = f.geometry.coordinates[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      centres.forEach((c, j) => expect(contains(ring, c.centre)).toBe(i === j));
    });
  });

  it('finds centres from the projects’ coordinates', () => {
    const found = townshipCentres(
      [{ id: 'a', name: '城关镇' }, { id: 'b', name: '无项目乡' }],
      [
        { townshipId: 'a', longitude: '96.30', latitude: '40.10' },
        { townshipId: 'a', longitude: '96.40', latitude: '40.14' },
        { townshipId: null, longitude: '95', latitude: '39' },
      ],
    );
    expect(found.map((f) => f.name)).toEqual(['城关镇']);
    expect(found[0].centre[0]).toBeCloseTo(96.35, 9);
    expect(found[0].centre[1]).toBeCloseTo(40.12, 9);
  });
});
