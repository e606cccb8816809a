import { z } from '@hono/zod-openapi';

/** An attached file as the API presents it (the component keeps its first name, `Document`). */
export const Attachment = z
  .object({ id: z.string(), filename: z.string(), mediaType: z.string(), size: z.number(), uploadedByName: z.string(), uploadedAt: z.string() })
  .openapi('Document');

/** The multipart body of an upload route: one file in the field `file`. */
export function uploadBody(missingMessage: string) {
  return z.object({ file: z.instanceof(File, { message: missingMessage }).openapi({ type: 'string', format: 'binary' }) });
}
