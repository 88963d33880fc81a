/**
 * How a classified item is kept in its table row: as deflated JSON in one binary attribute. A
 * typical item (headline, 300-character snippet, a priority tag with its query and spans) is about
 * 1.1 KB as a DynamoDB map and 0.6 KB deflated, so the row and its copy in the day index (gsi1
 * projects every attribute) cost one write unit each instead of two. Rows written before this, with
 * the item as a map, still read.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { classifiedItemSchema, type ClassifiedItem } from '../../platform/model.js';

/** The attribute holding the packed item. */
export const PACKED_ITEM = 'itemZ';

export function packItem(item: ClassifiedItem): Uint8Array {
  return deflateRawSync(Buffer.from(JSON.stringify(item), 'utf8'));
}

/** The item of a row, packed or (older rows) as a map; validated either way. */
export function unpackItem(row: Record<string, unknown>): ClassifiedItem {
  const packed = row[PACKED_ITEM];
  if (packed instanceof Uint8Array) return classifiedItemSchema.parse(JSON.parse(inflateRawSync(packed).toString('utf8')));
  return classifiedItemSchema.parse(row.item);
}

/** The attribute holding a packed story record (story-store.ts), without its version. */
export const PACKED_STORY = 'storyZ';

/**
 * A story row's fields deflated: the member ids and base64 signatures repeat little, but the JSON
 * names and the 64-letter alphabet of base64 pack well, so a story of one outlet is about 0.4 KB
 * and a sensitive one of two 0.7 KB (one write unit each), where the map was 0.8–1.5 KB.
 */
export function packStoryFields(fields: Record<string, unknown>): Uint8Array {
  return deflateRawSync(Buffer.from(JSON.stringify(fields), 'utf8'));
}

/** The story fields of a row, packed or (rows written before packing) as the `story` map; validated by the caller. */
export function unpackStoryFields(row: Record<string, unknown>): Record<string, unknown> {
  const packed = row[PACKED_STORY];
  const parsed: unknown = packed instanceof Uint8Array ? JSON.parse(inflateRawSync(packed).toString('utf8')) : row.story;
  return typeof parsed === 'object' && parsed !== null ? { ...parsed } : {};
}
