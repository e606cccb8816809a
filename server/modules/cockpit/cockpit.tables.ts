import { char, integer, jsonb, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';

/** The map outline a division uploads: a county's townships, or a city's or province's counties (GeoJSON FeatureCollection). */
export const divisionMaps = pgTable('division_maps', {
  divisionCode: char('division_code', { length: 6 }).primaryKey(),
  /** The feature property that identifies each area: a township's name (matched against the township units), or a county's 6-digit 行政区划代码. */
  nameProperty: varchar('name_property', { length: 32 }).notNull().default('name'),
  geojson: jsonb('geojson').notNull(),
  uploadedByName: varchar('uploaded_by_name', { length: 64 }),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
