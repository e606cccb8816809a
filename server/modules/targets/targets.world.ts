import { defineWorld } from '../../../tests/support/module-world';

/** The authorization world's targets: one 2025 target of the county (a region record: no `other`). */
export const world = defineWorld(async ({ county }) => {
  const saved = await county.clerk.request('PUT', '/api/targets/2025', { targets: [{ key: 'reserve_new', value: '12' }] });
  if (saved.status !== 200) throw new Error(`world: targets → ${saved.status} ${await saved.text()}`);
  const listed = (await (await county.clerk.get('/api/targets?year=2025')).json()) as { data: Array<{ id: string | null; key: string }> };
  return { target: { in: listed.data.find((t) => t.key === 'reserve_new')!.id! } };
});
