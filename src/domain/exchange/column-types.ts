/**
 * The typed columns of a consumer's synced table (库表交换, §17; security rules §25, §27). A granted
 * item keeps its catalog type (integer stays bigint, a date stays date) so the consumer can compute on
 * it; a masked item is text, because what masking leaves ("张**", "2019", a hash) is no longer a
 * value of the item's type. Pure.
 */
import type { ItemType, MaskingRule } from '../catalog/types.ts';

export type TargetColumnType = 'text' | 'bigint' | 'numeric' | 'date' | 'timestamptz' | 'boolean' | 'bytea';

const BY_ITEM_TYPE: Record<ItemType, TargetColumnType> = {
  string: 'text', integer: 'bigint', decimal: 'numeric', date: 'date', datetime: 'timestamptz', boolean: 'boolean', binary: 'bytea',
};

/** The column type of a granted item delivered under `rule` ('none' = unmasked). */
export function targetColumnType(type: ItemType, rule: MaskingRule): TargetColumnType {
  return rule === 'none' ? BY_ITEM_TYPE[type] : 'text';
}

/** The two columns the platform adds to every synced table, ahead of the items. */
export const SYNC_KEY_COLUMN = 'gdx_key';
export const SYNC_GENERATION_COLUMN = 'gdx_gen';
