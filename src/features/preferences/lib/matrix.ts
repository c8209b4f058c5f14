import {
  CategorySchema,
  ChannelSchema,
  type Category,
  type Channel,
  type PreferenceCell,
} from '../../../contract/preferences.ts';

export type PendingState = 'sending' | 'waiting';

export interface ShownCell extends PreferenceCell {
  /** Set while a change of this cell is not confirmed by the server. */
  pending: PendingState | null;
}

export interface CategoryRow {
  category: Category;
  cells: ShownCell[];
}

interface Change {
  category: Category;
  channel: Channel;
  enabled: boolean;
  isWaiting: boolean;
}

/**
 * The matrix as the owner should see it: the server's values with the unconfirmed changes
 * applied on top, in the order they were made (so the last one of a cell wins), grouped by
 * category in the contract's order.
 */
export function showMatrix(matrix: readonly PreferenceCell[], pending: readonly Change[]) {
  const rows: CategoryRow[] = [];
  for (const category of CategorySchema.options) {
    const cells: ShownCell[] = [];
    for (const channel of ChannelSchema.options) {
      const cell = matrix.find((c) => c.category === category && c.channel === channel);
      if (!cell) continue;
      const changes = pending.filter((c) => c.category === category && c.channel === channel);
      const last = changes.at(-1);
      cells.push({
        ...cell,
        enabled: last ? last.enabled : cell.enabled,
        pending: last ? (changes.some((c) => c.isWaiting) ? 'waiting' : 'sending') : null,
      });
    }
    if (cells.length > 0) rows.push({ category, cells });
  }
  return rows;
}
