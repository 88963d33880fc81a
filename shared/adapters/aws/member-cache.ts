/**
 * The watched members' directory (shared/ingest/parliament/members.ts) in the table: one row,
 * pk MEMBERS sk DIRECTORY, holding each lookup of parliament.members with when it was made. Locally
 * this is dynalite's data in the data dir, so a laptop asks the Members API once a week too.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { memberDirectorySchema, type MemberCache } from '../../ingest/parliament/members.js';

const KEY = { pk: 'MEMBERS', sk: 'DIRECTORY' };

export function createDynamoMemberCache(doc: DynamoDBDocumentClient, tableName: string): MemberCache {
  return {
    async getMemberDirectory() {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: KEY }));
      if (!Item) return undefined;
      // A row of another shape (an older version's) is no directory: every entry is looked up again.
      const parsed = memberDirectorySchema.safeParse(Item.directory);
      return parsed.success ? parsed.data : undefined;
    },
    async putMemberDirectory(directory) {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...KEY, directory } }));
    },
  };
}
