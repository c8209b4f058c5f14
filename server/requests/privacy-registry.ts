import type { Kysely } from 'kysely';
import type { RequestStatus, RequestType } from '../../src/contract/requests.ts';
import type { DatabaseSchema } from '../db/schema.ts';

/*
 * The seams other modules plug into, so that "everything held about the owner" and "delete
 * everything" stay true as modules are added. app.ts creates one registry, hands it to the
 * requests service and decorates the app with it; a module registers its parts when it is
 * wired (e.g. push: its devices and received updates as export sections, "delete push
 * subscriptions" as an erasure step, and a push notice as an owner notifier).
 */

/** One part of the owner's data export: an array of plain objects under `sections[name]`. */
export interface ExportSection {
  /** The key under `sections` in data.json and the CSV file's name: camelCase, unique. */
  name: string;
  /** The heading in the readable view (index.html). */
  title: string;
  /** How many rows `rows` will yield, for the progress hint. */
  count(userId: number): Promise<number>;
  /** The rows, read page by page (keyset pagination), never all at once. */
  rows(userId: number): AsyncIterable<Record<string, unknown>>;
}

/** Whose data an erasure removes: every address and number the account has used. */
export interface ErasureSubject {
  userId: number;
  clinicId: number;
  emails: readonly string[];
  phones: readonly string[];
  names: readonly string[];
}

/** One step of an erasure, run inside its single transaction (it must not commit on its own). */
export interface ErasureStep {
  name: string;
  run(trx: Kysely<DatabaseSchema>, subject: ErasureSubject, now: Date): Promise<void>;
}

/** A request's status changed: for the owner's in-app notice or a push, after the commit. */
export interface OwnerNotice {
  userId: number;
  clinicId: number;
  clinicSlug: string;
  requestId: number;
  reference: string;
  type: RequestType;
  status: RequestStatus | 'owner-confirmation-needed';
  title: string;
  body: string;
  /** The app's page for the request. */
  url: string;
}

export type OwnerNotifier = (notice: OwnerNotice) => void | Promise<void>;

export function createPrivacyRegistry() {
  const exportSections: ExportSection[] = [];
  const erasureSteps: ErasureStep[] = [];
  const notifiers: OwnerNotifier[] = [];

  return {
    registerExportSection(section: ExportSection): void {
      if (exportSections.some((s) => s.name === section.name)) {
        throw new Error(`Export section "${section.name}" is registered twice.`);
      }
      exportSections.push(section);
    },

    registerErasureStep(step: ErasureStep): void {
      if (erasureSteps.some((s) => s.name === step.name)) {
        throw new Error(`Erasure step "${step.name}" is registered twice.`);
      }
      erasureSteps.push(step);
    },

    onOwnerNotice(notifier: OwnerNotifier): void {
      notifiers.push(notifier);
    },

    exportSections: (): readonly ExportSection[] => [...exportSections],
    erasureSteps: (): readonly ErasureStep[] => [...erasureSteps],

    /** Tells every notifier; one that fails is logged and does not stop the others. */
    async notifyOwner(notice: OwnerNotice, log: (error: unknown) => void): Promise<void> {
      for (const notifier of notifiers) {
        try {
          await notifier(notice);
        } catch (error) {
          log(error);
        }
      }
    },
  };
}

export type PrivacyRegistry = ReturnType<typeof createPrivacyRegistry>;
