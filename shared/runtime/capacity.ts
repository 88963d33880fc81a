/**
 * Measures DynamoDB's cost as DynamoDB reports it: asks every call for `ReturnConsumedCapacity`
 * and adds the units up. Used by tests and benchmarks (and by the local runtime when
 * DESPATCH_METER_CAPACITY is set), so figures are measured, not estimated. dynalite leaves index
 * writes out of its answer; those are counted separately from the size of what is written.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface CapacityMeter {
  readUnits: number;
  writeUnits: number;
  /** Write units the global secondary index copies cost (an ALL-projected copy costs what the row does). */
  indexWriteUnits: number;
  writeRequests: number;
  /** Write units (with index copies) by the kind of row written: the first part of its key (ITEM, STORY, SOURCE…). */
  writeUnitsByRow: Record<string, number>;
}

export const newMeter = (): CapacityMeter => ({ readUnits: 0, writeUnits: 0, indexWriteUnits: 0, writeRequests: 0, writeUnitsByRow: {} });

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

/** DynamoDB's item size: attribute names plus values, roughly as it counts them (strings and numbers dominate here). */
export function approximateItemSize(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + valueSize(v), 0);
}

/** A binary attribute (a deflated item or story, plain or marshalled as { B }) counts its bytes, not its JSON of a byte map (9× more). */
function valueSize(v: unknown): number {
  if (v instanceof Uint8Array) return v.length;
  if (v && typeof v === 'object' && 'B' in v && v.B instanceof Uint8Array) return v.B.length;
  return Buffer.byteLength(JSON.stringify(v) ?? '');
}

export function meterConsumedCapacity(client: DynamoDBClient, meter: CapacityMeter): DynamoDBClient {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      // Document-client commands arrive here before marshalling (plain values) or after ({ S: … }).
      const input = args.input as { ReturnConsumedCapacity?: string; Item?: Record<string, unknown>; Key?: Record<string, unknown> };
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      const units = [consumed].flat().reduce((sum, c) => sum + (c?.CapacityUnits ?? 0), 0);
      if (WRITES.has(context.commandName ?? '')) {
        meter.writeUnits += units;
        meter.writeRequests += 1;
        const indexUnits = input.Item?.gsi1pk ? Math.ceil(approximateItemSize(input.Item) / 1024) : 0;
        meter.indexWriteUnits += indexUnits;
        const row = keyText(input.Item?.pk ?? input.Key?.pk).split('#')[0] ?? '?';
        meter.writeUnitsByRow[row] = (meter.writeUnitsByRow[row] ?? 0) + units + indexUnits;
      } else {
        meter.readUnits += units;
      }
      return result;
    },
    { step: 'initialize', name: 'meterConsumedCapacity' },
  );
  return client;
}

function keyText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'S' in value && typeof value.S === 'string') return value.S;
  return '?';
}
