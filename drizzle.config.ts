import { defineConfig } from 'drizzle-kit';

// Every module declares its tables in `*.tables.ts`; the module manifests list them (a test checks both agree).
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./server/modules/*/*.tables.ts', './server/platform/*/*.tables.ts'],
  out: './drizzle',
});
