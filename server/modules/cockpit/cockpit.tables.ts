import { char, integer, jsonb, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';

/** The map outline a county uploads (GeoJSON FeatureCollection of its townships). */
export const divisionMaps = pgTable('division_maps', {
  divisionCode: char('division_code', { length: 6 }).primaryKey(),
  /** The feature property that names the township (matched against township unit names). */
  nameProperty: varchar('name_property', { length: 32 }).notNull().default('name'),
  geojson: jsonb('geojson').notNull(),
  uploadedByName: varchar('uploaded_by_name', { length: 64 }),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
