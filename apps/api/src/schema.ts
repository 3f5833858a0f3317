import { writeFile } from 'node:fs/promises';
import { buildApiSchema, printSorted, SCHEMA_FILE } from './graphql/print-schema.js';

/** `pnpm --filter @dateline/api schema`: regenerates the committed SDL. */
const sdl = printSorted(await buildApiSchema());
await writeFile(SCHEMA_FILE, sdl);
console.log(`wrote ${SCHEMA_FILE}`);
