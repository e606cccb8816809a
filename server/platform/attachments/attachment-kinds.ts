import { registeredModules } from '../modules/registry';
import type { DbOrTx } from '../db/client';
import type { Actor } from '../http/context';
import type { MediaType } from './file-types';

/** The record a file hangs off, as the attachment service needs it. */
export interface AttachedRecord {
  /** The record's division: the file is stored and partitioned with it. */
  divisionCode: string;
  /** How the audit trail names the record, e.g. the project's name. */
  title: string;
}

/**
 * A kind of record that can carry files, declared by the module that owns the records.
 * The two checks load the record the way the module's own pages do: `null` when the caller
 * cannot see it (answered 404, like any record outside scope); `canAttach` may instead throw
 * an AppError to refuse a record the caller sees (403, or 409 for a record in the wrong state).
 */
export interface AttachmentKind {
  /** Stored as `record_kind`: lower case, at most 32 characters. */
  kind: string;
  /** What the files of this kind are called, e.g. 项目附件. */
  label: string;
  /** The largest file accepted, in bytes. */
  maxBytes: number;
  /** The file types accepted, checked by content. */
  allowedTypes: readonly MediaType[];
  canRead(db: DbOrTx, actor: Actor, recordId: string): Promise<AttachedRecord | null>;
  canAttach(db: DbOrTx, actor: Actor, recordId: string): Promise<AttachedRecord | null>;
}

/** Declares a kind of record that can carry files; the module lists it in its definition (`attachmentKinds`). */
export function defineAttachmentKind(definition: AttachmentKind): AttachmentKind {
  if (!/^[a-z][a-z0-9_]{0,31}$/.test(definition.kind)) throw new Error(`attachment kind "${definition.kind}": use lower case letters, digits and _ (at most 32)`);
  if (!(definition.maxBytes > 0) || definition.allowedTypes.length === 0) throw new Error(`attachment kind "${definition.kind}" needs a size limit and at least one file type`);
  return definition;
}

let registry: Map<string, AttachmentKind> | null = null;

/** Every module's attachment kinds, read from the module list the first time they are needed (the modules load this file). */
export function attachmentKinds(): AttachmentKind[] {
  if (!registry) {
    const byKind = new Map<string, AttachmentKind>();
    for (const kind of registeredModules().flatMap((m) => m.attachmentKinds ?? [])) {
      if (byKind.has(kind.kind)) throw new Error(`attachment kind "${kind.kind}" is declared twice`);
      byKind.set(kind.kind, kind);
    }
    registry = byKind;
  }
  return [...registry.values()];
}

/** The declared kind of a stored `record_kind`. */
export function attachmentKindOf(kind: string): AttachmentKind | undefined {
  attachmentKinds();
  return registry!.get(kind);
}
