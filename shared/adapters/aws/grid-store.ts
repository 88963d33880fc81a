/**
 * The grid in the Despatch table (keys in shared/adapters/aws/keys.ts): one item for a week's plan, one
 * per slot, and a log of who read the drafts. Every slot write is conditional on the version the
 * writer read, so two people editing one slot cannot overwrite each other: the second gets a
 * ConflictError carrying the slot as it now is.
 *
 *   GRID#<week> / PLAN            the plan (empty slots, exclusions, needs-a-response, notes)
 *   GRID#<week> / SLOT#<slot id>  a slot, with `version` as a top-level attribute for conditions
 *   GRIDREAD#<week> / <at>#<who>  a read of the drafts (drafts are confidential until published)
 */
import { queryAll as queryPages } from './query-all.js';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ConflictError } from '../../grid/errors.js';
import { isKept, planSchema, slotSchema, type GridWeek, type Slot } from '../../grid/model.js';
import { draftReadSchema, type DraftRead, type GridStore, type SavePlanOutcome } from '../../grid/ports.js';

const DAY_SECONDS = 86_400;

export const gridKeys = {
  plan: (week: string) => ({ pk: `GRID#${week}`, sk: 'PLAN' }),
  slot: (week: string, id: string) => ({ pk: `GRID#${week}`, sk: `SLOT#${id}` }),
  readLog: (week: string, at: string, who: string) => ({ pk: `GRIDREAD#${week}`, sk: `${at}#${who}` }),
};

export function createGridStore(doc: DynamoDBDocumentClient, tableName: string, options: { retentionDays: number }): GridStore {
  const expiresAt = (iso: string) => Math.floor(Date.parse(iso) / 1000) + options.retentionDays * DAY_SECONDS;

  const queryAll = (pk: string): Promise<Record<string, unknown>[]> =>
    queryPages(doc, { TableName: tableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': pk }, ConsistentRead: true });

  async function getSlot(week: string, id: string): Promise<Slot | undefined> {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: gridKeys.slot(week, id), ConsistentRead: true }));
    return Item ? slotSchema.parse(Item.slot) : undefined;
  }

  /** Put (or delete) only if the stored slot is at `expected` (undefined: only if there is none). */
  async function conditionalWrite(command: 'put' | 'delete', week: string, id: string, expected: number | undefined, slot?: Slot): Promise<boolean> {
    const condition =
      expected === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expected } };
    try {
      if (command === 'put' && slot) {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...gridKeys.slot(week, id), version: slot.version, slot, expiresAt: expiresAt(slot.updatedAt) },
            ...condition,
          }),
        );
      } else {
        await doc.send(new DeleteCommand({ TableName: tableName, Key: gridKeys.slot(week, id), ...condition }));
      }
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  return {
    async getWeek(week) {
      const rows = await queryAll(`GRID#${week}`);
      const planRow = rows.find((r) => r.sk === 'PLAN');
      if (!planRow) return undefined;
      const plan = planSchema.parse(planRow.plan);
      const slots = rows.filter((r) => typeof r.sk === 'string' && r.sk.startsWith('SLOT#')).map((r) => slotSchema.parse(r.slot));
      slots.sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time) || a.channel.localeCompare(b.channel));
      return { ...plan, slots };
    },

    getSlot,

    async savePlan(grid, previous) {
      const { slots, ...plan } = grid;
      const before = new Map((previous?.slots ?? []).map((s) => [s.id, s]));
      let written = 0;
      let raced = 0;
      for (const slot of slots) {
        const old = before.get(slot.id);
        // A kept slot is the stored one, unchanged: nothing to write.
        if (old && isKept(old) && old.version === slot.version) continue;
        if (await conditionalWrite('put', grid.week, slot.id, old?.version, slot)) written++;
        else raced++;
      }
      const now = new Set(slots.map((s) => s.id));
      for (const old of before.values()) {
        if (now.has(old.id) || isKept(old)) continue;
        if (!(await conditionalWrite('delete', grid.week, old.id, old.version))) raced++;
      }
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...gridKeys.plan(grid.week), plan, expiresAt: expiresAt(plan.plannedAt) } }));
      return { written, raced };
    },

    async putSlot(slot, expectedVersion) {
      if (slot.version <= expectedVersion) throw new Error(`a slot write must move the version on (${expectedVersion} → ${slot.version})`);
      if (!(await conditionalWrite('put', slot.week, slot.id, expectedVersion, slot))) {
        throw new ConflictError(await getSlot(slot.week, slot.id));
      }
    },

    async logDraftRead(read) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...gridKeys.readLog(read.week, read.at, read.who), read, expiresAt: expiresAt(read.at) },
        }),
      );
    },

    async draftReads(week) {
      const rows = await queryAll(`GRIDREAD#${week}`);
      return rows.map((r) => draftReadSchema.parse(r.read));
    },
  };
}
