/** npm run openapi: writes docs/openapi.json from schemas/ (a unit test keeps the committed file current). */
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../schemas/openapi.js';

writeFileSync(new URL('../docs/openapi.json', import.meta.url), `${JSON.stringify(openApiDocument(), null, 2)}\n`);
