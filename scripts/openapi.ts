// Writes docs/openapi.json, the platform's OpenAPI 3.1 document, from its routes' schemas (issue 15):
//
//   npm run openapi
//
// The app is built and made ready without listening (no port, no database); the text is deterministic,
// and packages/platform/test/openapi/document-current.test.ts fails while the committed copy differs.
import { writeFileSync } from 'node:fs';
import { openApiDocumentText } from '@account-access/platform';

const target = new URL('../docs/openapi.json', import.meta.url);
writeFileSync(target, await openApiDocumentText());
console.log('wrote docs/openapi.json');
