// npm run db:types — regenerate src/platform/db/schema.ts after adding a migration.
import fs from 'node:fs';
import { openPglite } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { generateSchemaTypes } from '../src/platform/db/typegen.ts';

const db = await openPglite(undefined);
await migrate(db);
fs.writeFileSync(new URL('../src/platform/db/schema.ts', import.meta.url), await generateSchemaTypes(db));
await db.close();
console.log('wrote src/platform/db/schema.ts');
