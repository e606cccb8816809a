/**
 * A made-up township outline for a demo county (SPEC §10: the demo ships one): the
 * Voronoi cells of the townships' project centres, clipped to a box around the county,
 * so each township's projects fall inside its own polygon on the cockpit map.
 */
import type { ModuleDemo } from '../../platform/modules/define-module';
import { divisionMaps } from './cockpit.tables';

type Point = [number, number];

export interface TownshipCentre {
  name: string;
  centre: Point;
}

// Keeps the part of a convex polygon where a·p ≤ b (Sutherland–Hodgman against one half-plane).
function clip(polygon: Point[], a: Point, b: number): Point[] {
  const inside = (p: Point) => a[0] * p[0] + a[1] * p[1] <= b + 1e-12;
  const out: Point[] = [];
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i];
    const q = polygon[(i + 1) % polygon.length];
    const pIn = inside(p);
    const qIn = inside(q);
    if (pIn) out.push(p);
    if (pIn !== qIn) {
      const fp = a[0] * p[0] + a[1] * p[1] - b;
      const fq = a[0] * q[0] + a[1] * q[1] - b;
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A GeoJSON FeatureCollection with one polygon per township, named by `name`. */
export function townshipOutline(townships: TownshipCentre[], margin = 0.12) {
  if (!townships.length) return null;
  const xs = townships.map((t) => t.centre[0]);
  const ys = townships.map((t) => t.centre[1]);
  const box: Point[] = [
    [Math.min(...xs) - margin, Math.min(...ys) - margin],
    [Math.max(...xs) + margin, Math.min(...ys) - margin],
    [Math.max(...xs) + margin, Math.max(...ys) + margin],
    [Math.min(...xs) - margin, Math.max(...ys) + margin],
  ];
  const features = townships.map((t, i) => {
    let cell = box;
    townships.forEach((other, j) => {
      if (i === j) return;
      const [cx, cy] = t.centre;
      const [ox, oy] = other.centre;
      if (cx === ox && cy === oy) return;
      // Closer to this centre than to the other: (o − c)·p ≤ (|o|² − |c|²) / 2.
      cell = clip(cell, [ox - cx, oy - cy], (ox * ox + oy * oy - cx * cx - cy * cy) / 2);
    });
    const ring = cell.map((p) => [round6(p[0]), round6(p[1])]);
    if (ring.length) ring.push(ring[0]);
    return { type: 'Feature' as const, properties: { name: t.name }, geometry: { type: 'Polygon' as const, coordinates: [ring] } };
  });
  return { type: 'FeatureCollection' as const, features: features.filter((f) => f.geometry.coordinates[0].length >= 4) };
}

/** The centre of each township's projects, from their coordinates. */
export function townshipCentres(
  townships: ReadonlyArray<{ id: string; name: string }>,
  projects: ReadonlyArray<{ townshipId: string | null; longitude: string | null; latitude: string | null }>,
): TownshipCentre[] {
  const sums = new Map<string, { x: number; y: number; n: number }>();
  for (const p of projects) {
    if (!p.townshipId || !p.longitude || !p.latitude) continue;
    const s = sums.get(p.townshipId) ?? { x: 0, y: 0, n: 0 };
    s.x += Number(p.longitude);
    s.y += Number(p.latitude);
    s.n += 1;
    sums.set(p.townshipId, s);
  }
  return townships.flatMap((t) => {
    const s = sums.get(t.id);
    return s ? [{ name: t.name, centre: [s.x / s.n, s.y / s.n] as Point }] : [];
  });
}

/** The cockpit's demo section: a made-up outline of each county's townships around their projects. */
export const cockpitDemo: ModuleDemo = {
  async loadDivision({ tx, division, units, projects }) {
    if (division.level !== 'county') return 0;
    const outline = townshipOutline(townshipCentres(units.filter((u) => u.kind === 'township'), projects));
    if (!outline?.features.length) return 0;
    await tx.insert(divisionMaps).values({ divisionCode: division.code, nameProperty: 'name', geojson: outline, uploadedByName: '演示数据' });
    return 1;
  },
};
